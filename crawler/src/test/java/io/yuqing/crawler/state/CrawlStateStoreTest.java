package io.yuqing.crawler.state;

import io.yuqing.core.db.TestDatabases;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.yuqing.core.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs on H2 and on a real PostgreSQL: the same migrations and SQL serve both. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class CrawlStateStoreTest {
    @Parameter
    TestDatabases.Kind kind;
    private Database db;
    private CrawlStateStore store;
    private final Instant t0 = Instant.parse("2024-11-24T06:00:00Z");

    @BeforeEach
    void setUp() {
        db = kind.create();
        db.migrate(CrawlStateStore.MIGRATIONS);
        store = new CrawlStateStore(db.dataSource());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void seenUrlsAreRemembered() {
        assertFalse(store.isSeen("http://x.cn/a.html"));
        store.markSeen("http://x.cn/a.html", "src", CrawlStateStore.STATUS_OK, t0);
        store.markSeen("http://x.cn/a.html", "src", CrawlStateStore.STATUS_OK, t0.plusSeconds(60));
        assertTrue(store.isSeen("http://x.cn/a.html"));
        assertEquals(Set.of("http://x.cn/a.html"), store.seenAmong(List.of("http://x.cn/a.html", "http://x.cn/b.html")));
        store.markSeen("http://x.cn/c.html", "src", "not_found", t0);
        assertEquals(Optional.of("not_found"), store.status("http://x.cn/c.html"));
    }

    @Test
    void manyUrlsAreCheckedInBatches() {
        List<String> urls = java.util.stream.IntStream.range(0, 450).mapToObj(i -> "http://x.cn/" + i + ".html").toList();
        for (int i = 0; i < urls.size(); i += 2) {
            store.markSeen(urls.get(i), "src", CrawlStateStore.STATUS_OK, t0);
        }
        assertEquals(225, store.seenAmong(urls).size());
    }

    @Test
    void sourceStateCountsFailuresAndResetsOnSuccess() {
        SourceState never = store.sourceState("src");
        assertNull(never.lastAttempt());
        store.recordFailure("src", t0, "HTTP 503");
        store.recordFailure("src", t0.plusSeconds(600), "timeout");
        SourceState failing = store.sourceState("src");
        assertEquals(2, failing.consecutiveFailures());
        assertEquals("timeout", failing.lastError());
        assertNull(failing.lastSuccess());
        store.recordSuccess("src", t0.plusSeconds(1200), "\"etag\"", "Sun, 24 Nov 2024 06:00:00 GMT");
        SourceState ok = store.sourceState("src");
        assertEquals(0, ok.consecutiveFailures());
        assertEquals(t0.plusSeconds(1200), ok.lastSuccess());
        assertEquals("\"etag\"", ok.etag());
        assertEquals("", ok.lastError());
    }

    @Test
    void migrationIsRepeatable() {
        db.migrate(CrawlStateStore.MIGRATIONS);
        store.markSeen("http://x.cn/a.html", "src", CrawlStateStore.STATUS_OK, t0);
        assertTrue(store.isSeen("http://x.cn/a.html"));
    }
}
