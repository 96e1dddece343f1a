package io.yuqing.indexer.store;

/** Whether a document store can take documents now; a down store says why in words an operator can act on. */
public sealed interface StoreHealth {

    record Up() implements StoreHealth {
    }

    /**
     * @param diskFull the index's disk has no room left (Lucene's filesystem, or an Elasticsearch node past its
     *                 flood-stage watermark that made the index read-only), as opposed to an unreachable or refusing store
     */
    record Down(String reason, boolean diskFull) implements StoreHealth {
    }

    static StoreHealth up() {
        return new Up();
    }
}
