package io.yuqing.alerting.review;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertQueries;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.alerting.digest.DailyDigest;
import io.yuqing.alerting.digest.DigestBuilder;
import io.yuqing.alerting.digest.DigestRenderer;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 核实 → 交办 → 处置 → 反馈 → 办结, overdue cases, and the digest's overdue list. H2 and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class CaseWorkflowTest {
    @Parameter
    TestDatabases.Kind kind;
    Database db;
    AdjustableClock clock;
    ReviewService review;
    AlertQueries queries;
    List<Alert> alerts;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        review = new ReviewService(db.dataSource(), clock);
        queries = new AlertQueries(db.dataSource());
        alerts = new AlertService(db.dataSource(), List.of(), "https://yq", clock, new SimpleMeterRegistry())
                .process(Docs.wageArrears("https://news.example.cn/c.html", "云帆禾欣讨薪"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void acknowledgeAssignFeedbackResolveWithEveryStepAudited() {
        long id = alerts.getFirst().id();
        review.acknowledge(id, "张三", "已核实");
        clock.advance(Duration.ofMinutes(10));
        Instant due = clock.instant().plus(Duration.ofDays(3));

        Alert assigned = assertInstanceOf(ReviewOutcome.Done.class,
                review.assign(id, "张三", "东湖区人社局", due, "请核查欠薪情况")).alert();

        assertEquals(AlertStatus.ASSIGNED, assigned.status());
        assertEquals("东湖区人社局", assigned.assignee());
        assertEquals(due, assigned.dueAt());
        assertEquals(assigned, queries.get(id).orElseThrow());

        clock.advance(Duration.ofDays(1));
        Alert afterFeedback = assertInstanceOf(ReviewOutcome.Done.class,
                review.feedback(id, "王五", "已约谈企业负责人，承诺本周发放")).alert();
        assertEquals(AlertStatus.ASSIGNED, afterFeedback.status(), "feedback keeps the status");
        assertEquals("东湖区人社局", queries.get(id).orElseThrow().assignee());

        IllegalArgumentException noNote = assertThrows(IllegalArgumentException.class, () -> review.resolve(id, "张三", " "));
        assertTrue(noNote.getMessage().contains("处置情况"), noNote.getMessage());
        assertEquals(AlertStatus.ASSIGNED, queries.get(id).orElseThrow().status(), "nothing changed");

        clock.advance(Duration.ofDays(1));
        assertInstanceOf(ReviewOutcome.Done.class, review.resolve(id, "张三", "工资已全部发放"));

        List<AlertAction> history = review.history(id);
        assertEquals(List.of("raise", "acknowledge", "assign", "feedback", "resolve"),
                history.stream().map(AlertAction::action).toList());
        AlertAction assign = history.get(2);
        assertEquals("张三", assign.actor());
        assertEquals(AlertStatus.ACKNOWLEDGED, assign.fromStatus());
        assertEquals(AlertStatus.ASSIGNED, assign.toStatus());
        assertTrue(assign.note().contains("东湖区人社局") && assign.note().contains("请核查欠薪情况"), assign.note());
        AlertAction feedback = history.get(3);
        assertNull(feedback.fromStatus());
        assertNull(feedback.toStatus());
        assertEquals("王五", feedback.actor());
        assertEquals(Docs.T0.plus(Duration.ofMinutes(10)).plus(Duration.ofDays(1)), feedback.at());
        assertEquals(AlertStatus.RESOLVED, history.get(4).toStatus());
    }

    @Test
    void refusedActionsChangeNothing() {
        long id = alerts.getFirst().id();
        assertThrows(IllegalArgumentException.class, () -> review.assign(id, "张三", " ", null, ""));
        assertThrows(IllegalArgumentException.class, () -> review.feedback(id, "张三", ""));
        review.resolve(id, "张三", "已处置");
        assertInstanceOf(ReviewOutcome.InvalidTransition.class, review.assign(id, "张三", "人社局", null, ""));
        assertInstanceOf(ReviewOutcome.InvalidTransition.class, review.feedback(id, "张三", "进展"));
        assertInstanceOf(ReviewOutcome.NotFound.class, review.assign(999_999, "张三", "人社局", null, ""));
        assertEquals(2, review.history(id).size());
    }

    @Test
    void overdueMeansPastItsDeadlineOrOpenTooLong() throws Exception {
        Alert yunfan = alerts.get(0);
        Alert hexin = alerts.get(1);
        Duration overdueAfter = Duration.ofDays(2);
        review.assign(yunfan.id(), "张三", "东湖区人社局", Docs.T0.plus(Duration.ofDays(5)), "");

        clock.advance(Duration.ofDays(3));
        assertEquals(List.of(hexin.id()), ids(queries.overdue(clock.instant(), overdueAfter, 100)),
                "the assigned one has till day 5; the other is open 3 days");

        clock.advance(Duration.ofDays(3));
        assertEquals(List.of(yunfan.id(), hexin.id()), ids(queries.overdue(clock.instant(), overdueAfter, 100))
                .stream().sorted().toList());
        review.resolve(hexin.id(), "张三", "已处置");
        assertEquals(List.of(yunfan.id()), ids(queries.overdue(clock.instant(), overdueAfter, 100)));

        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        DailyDigest digest = new DigestBuilder(db.dataSource(), clock, overdueAfter)
                .build(LocalDate.ofInstant(clock.instant(), shanghai), shanghai, null);
        assertEquals(List.of(yunfan.id()), ids(digest.overdue()));
        String html = new DigestRenderer("https://yq").render(digest).htmlBody();
        assertTrue(html.contains("承办：东湖区人社局"), html);
    }

    private static List<Long> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::id).toList();
    }
}
