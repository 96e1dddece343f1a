package io.yuqing.indexer.model;

import java.util.List;
import java.util.Objects;

/**
 * One item with a reviewer's (or a data set's) judgement: is it negative, and about which of its candidate entities.
 *
 * @param id           the item's id, for messages
 * @param title        title, may be empty
 * @param text         main text
 * @param entities     the candidate entities (watchlist names) the item may be about
 * @param negative     whether the item is negative news
 * @param riskEntities the entities it is negative about (a subset of {@code entities}; empty when not negative)
 */
public record LabelledItem(String id, String title, String text, List<String> entities, boolean negative,
                           List<String> riskEntities) {
    public LabelledItem {
        id = id == null ? "" : id;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
        riskEntities = negative ? List.copyOf(Objects.requireNonNull(riskEntities, "riskEntities")) : List.of();
    }
}
