package io.yuqing.core.pipeline;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentRevision;

/**
 * Where the crawler hands each new extracted document: matching, scoring, indexing and alerting sit behind it.
 * A document is marked as seen only after {@link #accept} returns, so an exception here means the crawler will
 * offer the same document again in a later cycle (nothing is lost).
 */
@FunctionalInterface
public interface DocumentSink {
    void accept(Document document) throws Exception;

    /**
     * How many documents this sink may be given at once from one crawl cycle. One (the default) for sinks that are
     * not safe to call concurrently; more lets the crawler overlap the sink's durable commits, so one commit covers
     * many documents, instead of waiting out a commit per document.
     */
    default int parallelism() {
        return 1;
    }

    /**
     * A document with the sanitised copy of its page, for sinks that keep copies for reviewers; the copy is lost on
     * purpose by sinks that do not. Same contract as {@link #accept(Document)}.
     */
    default void accept(Document document, io.yuqing.core.model.PageCopy copy) throws Exception {
        accept(document);
    }

    /**
     * The original of a document handed on earlier was edited or deleted (删帖). The crawler never asks to delete
     * what was stored; the sink may mark the document. Like {@link #accept}, an exception means the crawler reports
     * the same revision again at a later re-check. Sinks that do not care ignore it.
     */
    default void revised(DocumentRevision revision) throws Exception {
    }
}
