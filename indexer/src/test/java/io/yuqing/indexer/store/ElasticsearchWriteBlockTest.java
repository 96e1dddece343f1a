package io.yuqing.indexer.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which cluster blocks count as a full disk. The reasons are Elasticsearch's own words: 9.5.3's as seen in
 * ElasticsearchDiskFullTest (app), 6.x's as its ClusterBlock text read; the real 9.x path is tested end to end there.
 */
class ElasticsearchWriteBlockTest {
    private static final String FLOOD_9 = "index [flood-docs-000001] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded"
            + " flood-stage watermark, index has read-only-allow-delete block; for more information, see"
            + " https://www.elastic.co/docs/troubleshoot/elasticsearch/fix-watermark-errors?version=9.5];";
    private static final String FLOOD_6 = "blocked by: [FORBIDDEN/12/index read-only / allow delete (api)];";
    private static final String WRITE_BLOCK = "index [x-docs-000001] blocked by: [FORBIDDEN/8/index write (api)];";
    private static final String CLUSTER_READ_ONLY = "blocked by: [FORBIDDEN/13/cluster read-only / allow delete (api)];";

    @Test
    void theFloodStageBlockIsADiskFullAndOtherBlocksAreNot() {
        assertTrue(ElasticsearchDocumentStore.isFloodStage(FLOOD_9));
        assertTrue(ElasticsearchDocumentStore.isFloodStage(FLOOD_6));
        assertFalse(ElasticsearchDocumentStore.isFloodStage(WRITE_BLOCK), "an operator's write block is not a full disk");
        assertFalse(ElasticsearchDocumentStore.isFloodStage(CLUSTER_READ_ONLY), "nor a cluster-wide read-only set by hand");
        assertFalse(ElasticsearchDocumentStore.isFloodStage(null));
    }

    @Test
    void theBlockedIndexIsTakenFromTheReasonOrTheFallback() {
        assertEquals("flood-docs-000001", ElasticsearchDocumentStore.blockedIndex(FLOOD_9, "flood-docs-write"));
        assertEquals("flood-docs-write", ElasticsearchDocumentStore.blockedIndex(FLOOD_6, "flood-docs-write"));
        assertEquals("flood-docs-write", ElasticsearchDocumentStore.blockedIndex(null, "flood-docs-write"));
    }
}
