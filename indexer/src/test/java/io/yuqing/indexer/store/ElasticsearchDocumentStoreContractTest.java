package io.yuqing.indexer.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The contract against a real Elasticsearch 9 node, started once for the class; each test gets its own indices. */
class ElasticsearchDocumentStoreContractTest extends DocumentStoreContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static ElasticsearchTestNode node;
    private String prefix;

    @BeforeAll
    static void startNode() throws Exception {
        Optional<Path> zip = ElasticsearchTestNode.distribution();
        assumeTrue(zip.isPresent(), "Elasticsearch integ-test distribution " + ElasticsearchTestNode.VERSION
                + " is not in the local Maven repository");
        node = ElasticsearchTestNode.start(zip.get(), Path.of("target").toAbsolutePath());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Override
    protected DocumentStore openFresh() throws Exception {
        prefix = "contract" + PREFIXES.incrementAndGet();
        return ElasticsearchDocumentStore.connect(List.of(node.uri()), prefix, "service");
    }

    @Override
    protected DocumentStore reopen() throws Exception {
        return ElasticsearchDocumentStore.connect(List.of(node.uri()), prefix, "service");
    }

    @Test
    void writesThroughTheWriteAliasAndReadsThroughTheReadAlias() throws Exception {
        store.index(wages);
        String aliases = http("/_cat/aliases/" + prefix + "-*?h=alias,index,is_write_index&s=alias");
        assertEquals(prefix + "-docs-read " + prefix + "-docs-000001 -\n"
                + prefix + "-docs-write " + prefix + "-docs-000001 true", aliases.strip().replaceAll(" +", " "));
        assertTrue(http("/_index_template/" + prefix + "-docs").contains("\"snapshot\""));
    }

    @Test
    void retentionRollsTheWriteIndexOverAndDeletesWholeExpiredIndices() throws Exception {
        java.time.Instant cutoff = java.time.Instant.parse("2026-06-01T00:00:00Z");
        store.indexAll(List.of(fetchedAt("https://news.example.cn/r/1", cutoff.minus(java.time.Duration.ofDays(30))),
                fetchedAt("https://news.example.cn/r/2", cutoff.minus(java.time.Duration.ofDays(29)))));
        assertEquals(2, store.expireFetchedBefore(cutoff));
        String aliases = http("/_cat/aliases/" + prefix + "-*?h=alias,index,is_write_index&s=alias");
        assertEquals(prefix + "-docs-read " + prefix + "-docs-000002 -\n"
                + prefix + "-docs-write " + prefix + "-docs-000002 true", aliases.strip().replaceAll(" +", " "),
                "the expired index is deleted; the next one, made by rollover, is behind both aliases");
        store.index(fetchedAt("https://news.example.cn/r/3", cutoff.plus(java.time.Duration.ofDays(1))));
        assertEquals(1, store.count(), "reads and writes go to the rolled-over index");
    }

    @Test
    void rejectsBadSettingsWithAClearMessage() {
        IllegalArgumentException analyzer = assertThrows(IllegalArgumentException.class,
                () -> ElasticsearchDocumentStore.connect(List.of(node.uri()), "x", "ik"));
        assertTrue(analyzer.getMessage().contains("'service' or 'smartcn'"), analyzer.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> ElasticsearchDocumentStore.connect(List.of(node.uri()), "Bad Prefix", "service"));
        assertTrue(name.getMessage().contains("'Bad Prefix'"), name.getMessage());
    }

    @Test
    void indexesBatchesLargerThanOneBulkRequest() throws Exception {
        List<io.yuqing.core.model.ScoredDocument> many = new java.util.ArrayList<>();
        for (int i = 0; i < ElasticsearchDocumentStore.MAX_BATCH_DOCS * 2 + 7; i++) {
            many.add(doc("https://news.example.cn/bulk/" + i, "bulk", "批量第" + i + "条", "青州企业新闻第" + i + "条。",
                    null, List.of(), io.yuqing.core.model.RiskAssessment.none()));
        }
        store.indexAll(many);
        assertEquals(many.size(), store.count());
        assertEquals(many.size(), store.search(SearchQuery.of("青州").withSource("bulk")).total());
    }

    private static String http(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri().resolve(URI.create(path))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), r.body());
            return r.body();
        }
    }
}
