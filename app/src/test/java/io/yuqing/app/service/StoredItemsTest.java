package io.yuqing.app.service;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.indexer.store.LuceneDocumentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading a period page by page by time instead of by offset (Elasticsearch refuses offsets past 10,000): every item
 * exactly once and in order, also where many items share a millisecond across a page boundary. Run on a real Lucene
 * store; the paging is the same code for Elasticsearch.
 */
class StoredItemsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void pagesByTimeReadEveryItemOnceNewestFirstAcrossSharedMilliseconds() throws Exception {
        List<ScoredDocument> docs = new ArrayList<>();
        for (int i = 0; i < 2_600; i++) {
            // Runs of 700 items in one millisecond, so page ends (every 1,000) fall inside a run.
            Instant at = T0.plusMillis(i / 700);
            docs.add(new ScoredDocument(new Document(null, "https://news.example.cn/p/" + i, "feed", "第" + i + "条",
                    "正文" + i, "", "", at, at), List.of(), RiskAssessment.none()));
        }
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir.resolve("index"))) {
            store.indexAll(docs);
            List<ScoredDocument> read = StoredItems.newestFirst(store, T0, T0.plusSeconds(1));
            List<String> expected = docs.stream()
                    .sorted(Comparator.comparing((ScoredDocument d) -> d.document().effectiveTime()).reversed()
                            .thenComparing(d -> d.document().id()))
                    .map(d -> d.document().id()).toList();
            assertEquals(expected, read.stream().map(d -> d.document().id()).toList());
            // The period is [from, to): the last millisecond's 500 items are left out when it is the end.
            assertEquals(2_100, StoredItems.newestFirst(store, T0, T0.plusMillis(3)).size());
        }
    }
}
