package io.yuqing.core.pipeline;

import io.yuqing.core.model.Document;

/**
 * Where the crawler hands each new extracted document: matching, scoring, indexing and alerting sit behind it.
 * A document is marked as seen only after {@link #accept} returns, so an exception here means the crawler will
 * offer the same document again in a later cycle (nothing is lost).
 */
@FunctionalInterface
public interface DocumentSink {
    void accept(Document document) throws Exception;

    /**
     * A document with the sanitised copy of its page, for sinks that keep copies for reviewers; the copy is lost on
     * purpose by sinks that do not. Same contract as {@link #accept(Document)}.
     */
    default void accept(Document document, io.yuqing.core.model.PageCopy copy) throws Exception {
        accept(document);
    }
}
