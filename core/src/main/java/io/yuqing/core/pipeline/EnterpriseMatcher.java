package io.yuqing.core.pipeline;

import io.yuqing.core.model.Mention;

import java.util.List;

/** Finds watchlist enterprises in an item's title and text. */
@FunctionalInterface
public interface EnterpriseMatcher {
    /** Mentions ordered by first occurrence; each enterprise at most once. */
    List<Mention> match(String title, String text);
}
