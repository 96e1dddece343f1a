package io.yuqing.indexer.store;

import io.yuqing.core.model.ScoredDocument;

/**
 * One search result.
 *
 * @param doc         the stored document
 * @param snippetHtml a piece of its text, HTML-escaped, with query matches wrapped in {@code <mark>…</mark>}:
 *                    safe to insert into a page as is
 */
public record SearchHit(ScoredDocument doc, String snippetHtml) {
}
