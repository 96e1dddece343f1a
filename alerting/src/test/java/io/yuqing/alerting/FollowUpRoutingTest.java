package io.yuqing.alerting;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.review.AlertAction;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.alerting.review.ReviewOutcome;
import io.yuqing.alerting.review.ReviewService;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.QuietHoursConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quiet hours, red re-notification, inhibition under escalation, false-positive suppression. H2 and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class FollowUpRoutingTest {
    @Parameter
    TestDatabases.Kind kind;

    static final DeskConfig PUBLICITY = new DeskConfig("publicity", "宣传部", List.of("xc@example.gov.cn"),
            List.of(), RiskLevel.BLUE);
    static final AlertingConfig CONFIG = new AlertingConfig(Duration.ofSeconds(30), 3, Duration.ofDays(2),
            LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"),
            new QuietHoursConfig(LocalTime.of(22, 0), LocalTime.of(7, 0), RiskLevel.ORANGE),
            Duration.ofMinutes(30), List.of("zhiban@example.gov.cn"), Duration.ofDays(30));

    Database db;
    AdjustableClock clock;
    Set<String> escalated;
    AlertService service;
    ReviewService reviews;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0); // 09:30 in Shanghai
        escalated = new HashSet<>();
        service = new AlertService(db.dataSource(), List.of(PUBLICITY), "https://yq", CONFIG, clock,
                new SimpleMeterRegistry(), escalated::contains);
        reviews = new ReviewService(db.dataSource(), clock, CONFIG.falsePositiveSuppression());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void atNightBlueAndYellowMailsWaitUntilMorningWhileRedGoesAtOnce() throws Exception {
        Instant night = Instant.parse("2026-11-02T15:30:00Z"); // 23:30
        clock.set(night);
        Alert yellow = service.process(Docs.scored("https://n.cn/q1", "云帆欠薪", 60, RiskLevel.YELLOW,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID))).getFirst();
        Alert red = service.process(Docs.scored("https://n.cn/q2", "禾欣食物中毒", 90, RiskLevel.RED,
                List.of(RiskCategory.FOOD_SAFETY), List.of(Docs.HEXIN_ID))).getFirst();

        List<OutboxRows.Row> rows = OutboxRows.all(db);
        assertEquals(List.of("alert:" + yellow.id() + ":desk:publicity", "alert:" + red.id() + ":desk:publicity"),
                rows.stream().map(OutboxRows.Row::key).toList());
        assertEquals(Instant.parse("2026-11-02T23:00:00Z"), rows.get(0).due(), "07:00 the next morning");
        assertEquals(night, rows.get(1).due(), "red is mailed at once");
        assertTrue(new AuditLog(db.dataSource(), clock).history(yellow.id()).stream()
                .anyMatch(a -> a.action().equals("quiet_hours")));

        clock.set(Instant.parse("2026-11-03T02:00:00Z")); // 10:00, daytime
        Alert daytime = service.process(Docs.scored("https://n.cn/q3", "云帆又欠薪", 60, RiskLevel.YELLOW,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID))).getFirst();
        assertEquals(clock.instant(), OutboxRows.all(db).getLast().due());
        assertEquals("alert:" + daytime.id() + ":desk:publicity", OutboxRows.all(db).getLast().key());
    }

    @Test
    void unacknowledgedRedAlertIsRemindedOnceAlsoToTheEscalationList() throws Exception {
        Alert red = service.process(Docs.scored("https://n.cn/r1", "禾欣食物中毒", 90, RiskLevel.RED,
                List.of(RiskCategory.FOOD_SAFETY), List.of(Docs.HEXIN_ID))).getFirst();
        Alert acked = service.process(Docs.scored("https://n.cn/r2", "云帆爆炸", 92, RiskLevel.RED,
                List.of(RiskCategory.SAFETY_ACCIDENT), List.of(Docs.YUNFAN_ID))).getFirst();
        Alert orange = service.process(Docs.scored("https://n.cn/r3", "云帆欠薪", 75, RiskLevel.ORANGE,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID))).getFirst();
        reviews.acknowledge(acked.id(), "张三", "已核实");

        clock.advance(Duration.ofMinutes(29));
        assertEquals(List.of(), service.renotifyDue(), "not yet");

        clock.advance(Duration.ofMinutes(2));
        List<Alert> reminded = service.renotifyDue();

        assertEquals(List.of(red.id()), reminded.stream().map(Alert::id).toList(),
                "the acknowledged red and the orange are not reminded");
        OutboxRows.Row reminder = OutboxRows.all(db).getLast();
        assertEquals("alert:" + red.id() + ":renotify", reminder.key());
        assertEquals(List.of("xc@example.gov.cn", "zhiban@example.gov.cn"), reminder.recipients());
        assertTrue(reminder.subject().startsWith("【再次提醒】【红色预警】"), reminder.subject());
        assertTrue(reminder.textBody().contains("已超过 31 分钟"), reminder.textBody());
        assertEquals("renotify", reviews.history(red.id()).getLast().action());

        clock.advance(Duration.ofHours(3));
        assertEquals(List.of(), service.renotifyDue(), "once only");
        assertEquals(4, OutboxRows.all(db).size(), "three desk mails and one reminder");
        assertEquals(orange.level(), RiskLevel.ORANGE);
    }

    @Test
    void whileTheEnterpriseIsEscalatedItemAlertsAreStoredButNotMailed() throws Exception {
        escalated.add(Docs.YUNFAN_ID);

        List<Alert> alerts = service.process(Docs.wageArrears("https://n.cn/e1", "云帆禾欣欠薪"));

        assertEquals(2, alerts.size(), "both alerts stored");
        Alert yunfan = alerts.get(0);
        Alert hexin = alerts.get(1);
        assertEquals(List.of("alert:" + hexin.id() + ":desk:publicity"), OutboxRows.keys(db));
        assertEquals(AlertStatus.NEW, new AlertQueries(db.dataSource()).get(yunfan.id()).orElseThrow().status());
        assertTrue(reviews.history(yunfan.id()).stream().anyMatch(a -> a.action().equals("inhibited")));

        escalated.clear();
        service.process(Docs.wageArrears("https://n.cn/e2", "云帆再次欠薪"));
        assertEquals(3, OutboxRows.all(db).size(), "escalation closed: mailed again");
    }

    @Test
    void aFalsePositiveSuppressesTheSameEnterpriseAndEvidenceForThirtyDays() throws Exception {
        List<Alert> first = service.process(Docs.wageArrears("https://n.cn/f1", "云帆拖欠工资？"));
        Alert yunfan = first.getFirst();
        assertInstanceOf(ReviewOutcome.Done.class, reviews.markFalsePositive(yunfan.id(), "张三", "同名企业，误报"));
        int mailsBefore = OutboxRows.all(db).size();

        clock.advance(Duration.ofDays(1));
        List<Alert> again = service.process(Docs.wageArrears("https://n.cn/f2", "云帆拖欠工资（转载）"));

        assertEquals(List.of(Docs.HEXIN_ID), again.stream().map(Alert::enterpriseId).toList(),
                "云帆 with the same evidence is suppressed; 禾欣 is not");
        assertEquals(mailsBefore + 1, OutboxRows.all(db).size());
        List<AlertAction> events = new AuditLog(db.dataSource(), clock).recentEvents(10);
        AlertAction suppressed = events.stream().filter(e -> e.action().equals("suppressed")).findFirst().orElseThrow();
        assertTrue(suppressed.note().contains("#" + yunfan.id()), suppressed.note());

        // Different evidence for the same enterprise is a different story: alerted.
        assertEquals(1, service.process(Docs.scored("https://n.cn/f3", "云帆食品问题", 60, RiskLevel.YELLOW,
                List.of(RiskCategory.FOOD_SAFETY), List.of(Docs.YUNFAN_ID))).size());

        clock.advance(Duration.ofDays(30));
        assertEquals(2, service.process(Docs.wageArrears("https://n.cn/f4", "云帆拖欠工资，一月后")).size(),
                "the suppression has ended");
    }

    @Test
    void reopeningAFalsePositiveLiftsItsSuppression() {
        Alert yunfan = service.process(Docs.wageArrears("https://n.cn/l1", "云帆拖欠工资")).getFirst();
        reviews.markFalsePositive(yunfan.id(), "张三", "误报");
        assertEquals(1, service.process(Docs.wageArrears("https://n.cn/l2", "云帆拖欠工资2")).size());

        reviews.reopen(yunfan.id(), "李四", "不是误报");

        assertEquals(2, service.process(Docs.wageArrears("https://n.cn/l3", "云帆拖欠工资3")).size());
    }
}
