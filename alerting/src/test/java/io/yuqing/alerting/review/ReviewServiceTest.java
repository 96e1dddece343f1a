package io.yuqing.alerting.review;

import io.yuqing.core.db.TestDatabases;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertQueries;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.core.db.Database;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Runs on H2 and on a real PostgreSQL: the same migrations and SQL serve both. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class ReviewServiceTest {
    @Parameter
    TestDatabases.Kind kind;
    Database db;
    AdjustableClock clock;
    ReviewService review;
    Alert alert;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        review = new ReviewService(db.dataSource(), clock);
        alert = new AlertService(db.dataSource(), List.of(), "https://yq", clock, new SimpleMeterRegistry())
                .process(Docs.wageArrears("https://news.example.cn/r.html", "云帆讨薪")).getFirst();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void acknowledgeThenResolveThenReopenWithAuditTrail() {
        clock.advance(Duration.ofMinutes(5));
        Alert acked = assertInstanceOf(ReviewOutcome.Done.class, review.acknowledge(alert.id(), "张三", "已联系企业")).alert();
        assertEquals(AlertStatus.ACKNOWLEDGED, acked.status());
        assertEquals(clock.instant(), acked.updatedAt());
        assertEquals(acked, new AlertQueries(db.dataSource()).get(alert.id()).orElseThrow());

        clock.advance(Duration.ofHours(2));
        Alert resolved = assertInstanceOf(ReviewOutcome.Done.class, review.resolve(alert.id(), "李四", "已协调发放")).alert();
        assertEquals(AlertStatus.RESOLVED, resolved.status());

        clock.advance(Duration.ofDays(1));
        Alert reopened = assertInstanceOf(ReviewOutcome.Done.class, review.reopen(alert.id(), "张三", "再次出现")).alert();
        assertEquals(AlertStatus.NEW, reopened.status());

        List<AlertAction> history = review.history(alert.id());
        assertEquals(List.of("raise", "acknowledge", "resolve", "reopen"), history.stream().map(AlertAction::action).toList());
        AlertAction ack = history.get(1);
        assertEquals("张三", ack.actor());
        assertEquals("已联系企业", ack.note());
        assertEquals(AlertStatus.NEW, ack.fromStatus());
        assertEquals(AlertStatus.ACKNOWLEDGED, ack.toStatus());
        assertEquals(Docs.T0.plus(Duration.ofMinutes(5)), ack.at());
        assertEquals(alert.id(), ack.alertId());
        assertEquals(AlertStatus.RESOLVED, history.get(3).fromStatus());
        assertEquals(clock.instant(), history.get(3).at());
    }

    @Test
    void falsePositiveFromNew() {
        Alert fp = assertInstanceOf(ReviewOutcome.Done.class, review.markFalsePositive(alert.id(), "王五", "同名企业")).alert();
        assertEquals(AlertStatus.FALSE_POSITIVE, fp.status());
        assertEquals("误报", fp.status().label());
    }

    @Test
    void invalidTransitionsAreRefusedAndChangeNothing() {
        review.resolve(alert.id(), "李四", "已处置");
        ReviewOutcome.InvalidTransition refused = assertInstanceOf(ReviewOutcome.InvalidTransition.class,
                review.acknowledge(alert.id(), "张三", "晚了"));
        assertEquals(AlertStatus.RESOLVED, refused.from());
        assertEquals("acknowledge", refused.action());
        assertInstanceOf(ReviewOutcome.InvalidTransition.class, review.markFalsePositive(alert.id(), "张三", ""));
        assertInstanceOf(ReviewOutcome.InvalidTransition.class, review.resolve(alert.id(), "张三", "再办结"));

        Alert other = new AlertQueries(db.dataSource()).list(io.yuqing.alerting.AlertFilter.all(), 0, 10).stream()
                .filter(a -> a.id() != alert.id()).findFirst().orElseThrow();
        assertInstanceOf(ReviewOutcome.InvalidTransition.class, review.reopen(other.id(), "张三", "未办结不能重开"));

        assertEquals(AlertStatus.RESOLVED, new AlertQueries(db.dataSource()).get(alert.id()).orElseThrow().status());
        assertEquals(2, review.history(alert.id()).size(), "raise and resolve only");
    }

    @Test
    void unknownAlertIsNotFound() {
        assertEquals(new ReviewOutcome.NotFound(999_999), review.acknowledge(999_999, "张三", ""));
        assertEquals(List.of(), review.history(999_999));
    }

    @Test
    void actorIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> review.acknowledge(alert.id(), " ", ""));
        assertEquals(AlertStatus.NEW, new AlertQueries(db.dataSource()).get(alert.id()).orElseThrow().status());
        assertEquals("a review action needs the name of the person taking it", e.getMessage());
    }

    @Test
    void auditLogRecordsEventsOutsideAlerts() {
        AuditLog audit = new AuditLog(db.dataSource(), clock);
        clock.advance(Duration.ofSeconds(7));
        AlertAction recorded = audit.record("admin", "config_reload", "desks: 2 → 3");
        List<AlertAction> events = audit.recentEvents(10);
        assertEquals(List.of(recorded), events);
        assertNull(events.getFirst().alertId());
        assertEquals(Docs.T0.plusSeconds(7), events.getFirst().at());
        assertEquals("desks: 2 → 3", events.getFirst().note());
        assertThrows(IllegalArgumentException.class, () -> audit.record("", "x", ""));
    }
}
