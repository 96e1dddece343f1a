package io.yuqing.crawler.recheck;

import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.state.SourceIntervalStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The re-check and interval tables on H2 and on a real PostgreSQL: the same migration and SQL serve both. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class FreshnessStoresTest {
    @Parameter
    TestDatabases.Kind kind;
    private Database db;
    private final Instant t0 = Instant.parse("2024-11-24T06:00:00Z");

    @BeforeEach
    void setUp() {
        db = kind.create();
        db.migrate(CrawlStateStore.MIGRATIONS);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static TrackedArticle article(String id, Instant firstSeen) {
        return new TrackedArticle(id, "https://x.cn/" + id + ".html", "src", firstSeen, 0, "hash-" + id, "标题" + id,
                "正文第一句。正文第二句。", "");
    }

    @Test
    void dueArticlesComeMostOverdueFirstAndBounded() {
        RecheckStore store = new RecheckStore(db.dataSource());
        store.track(article("a", t0), t0.plus(Duration.ofHours(2)));
        store.track(article("b", t0), t0.plus(Duration.ofHours(1)));
        store.track(article("c", t0), t0.plus(Duration.ofHours(5)));
        store.track(article("a", t0), t0.plus(Duration.ofMinutes(1)));
        assertEquals(List.of(), store.due("src", t0.plus(Duration.ofMinutes(30)), 10), "tracking twice keeps the first schedule");
        assertEquals(List.of("b", "a"), store.due("src", t0.plus(Duration.ofHours(3)), 10).stream().map(TrackedArticle::docId).toList());
        assertEquals(List.of("b"), store.due("src", t0.plus(Duration.ofHours(3)), 1).stream().map(TrackedArticle::docId).toList());
        assertEquals(List.of(), store.due("other", t0.plus(Duration.ofHours(3)), 10));
        TrackedArticle b = store.due("src", t0.plus(Duration.ofHours(3)), 1).getFirst();
        assertEquals(article("b", t0), b, "read back as written, Chinese text included");
    }

    @Test
    void anUpdateMovesTheScheduleAndKeepsTheNewVersionAndFinishRemoves() {
        RecheckStore store = new RecheckStore(db.dataSource());
        store.track(article("a", t0), t0.plus(Duration.ofHours(1)));
        TrackedArticle edited = new TrackedArticle("a", "https://x.cn/a.html", "src", t0, 1, "new-hash", "新标题",
                "改过的正文。", "HTTP 404");
        store.update(edited, t0.plus(Duration.ofHours(6)), "edited", t0.plus(Duration.ofHours(1)));
        assertEquals(Optional.of(t0.plus(Duration.ofHours(6))), store.nextCheck("a"));
        assertEquals(List.of(edited), store.due("src", t0.plus(Duration.ofHours(7)), 5));
        store.finish("a");
        assertTrue(store.nextCheck("a").isEmpty());
        assertEquals(List.of(), store.due("src", t0.plus(Duration.ofDays(9)), 5));
    }

    @Test
    void intervalsAreKeptPerSourceAndForgottenWhenEveryChanges() {
        SourceIntervalStore intervals = new SourceIntervalStore(db.dataSource());
        assertEquals(Optional.empty(), intervals.interval("s", Duration.ofMinutes(10)));
        intervals.save("s", Duration.ofMinutes(10), Duration.ofMinutes(5), t0);
        intervals.save("s", Duration.ofMinutes(10), Duration.ofMinutes(3), t0.plusSeconds(60));
        assertEquals(Optional.of(Duration.ofMinutes(3)), intervals.interval("s", Duration.ofMinutes(10)));
        assertEquals(Optional.empty(), intervals.interval("s", Duration.ofMinutes(20)), "adapted from another every");
        assertEquals(Optional.empty(), intervals.interval("t", Duration.ofMinutes(10)));
    }
}
