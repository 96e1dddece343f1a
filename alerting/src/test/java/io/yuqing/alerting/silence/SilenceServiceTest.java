package io.yuqing.alerting.silence;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertQueries;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.OutboxRows;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.alerting.review.ReviewService;
import io.yuqing.core.config.DeskConfig;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Silences stop mail, not alerts. H2 and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class SilenceServiceTest {
    @Parameter
    TestDatabases.Kind kind;

    static final DeskConfig PUBLICITY = new DeskConfig("publicity", "宣传部", List.of("xc@example.gov.cn"),
            List.of(), RiskLevel.BLUE);
    static final DeskConfig UNITED_FRONT = new DeskConfig("united_front", "统战部", List.of("tz@example.gov.cn"),
            List.of(), RiskLevel.BLUE);

    Database db;
    AdjustableClock clock;
    SilenceService silences;
    AlertService alerts;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        silences = new SilenceService(db.dataSource(), clock);
        alerts = new AlertService(db.dataSource(), List.of(PUBLICITY, UNITED_FRONT), "https://yq", clock,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aSilencedAlertIsStoredAndVisibleButNotMailedUntilTheSilenceEnds() throws Exception {
        Silence s = silences.create(SilenceMatchers.enterprise(Docs.YUNFAN_ID), "张三", "已与企业沟通，重复报道",
                null, clock.instant().plus(Duration.ofHours(2)));
        assertEquals(List.of(s), silences.active());

        List<Alert> raised = alerts.process(Docs.wageArrears("https://n.cn/s1", "云帆禾欣欠薪"));

        Alert yunfan = raised.get(0);
        Alert hexin = raised.get(1);
        assertEquals(s.id(), yunfan.silencedBy());
        Alert stored = new AlertQueries(db.dataSource()).get(yunfan.id()).orElseThrow();
        assertEquals(yunfan, stored);
        assertEquals(AlertStatus.NEW, stored.status(), "status unchanged");
        assertNull(hexin.silencedBy());
        assertEquals(List.of("alert:" + hexin.id() + ":desk:publicity", "alert:" + hexin.id() + ":desk:united_front"),
                OutboxRows.keys(db), "only 禾欣 is mailed");
        assertTrue(new ReviewService(db.dataSource(), clock).history(yunfan.id()).stream()
                .anyMatch(a -> a.action().equals("silenced") && a.note().contains("#" + s.id())));

        clock.advance(Duration.ofHours(2));
        assertEquals(List.of(), silences.active(), "expired by time");
        Alert later = alerts.process(Docs.wageArrears("https://n.cn/s2", "云帆再欠薪")).getFirst();
        assertNull(later.silencedBy());
        assertTrue(OutboxRows.keys(db).contains("alert:" + later.id() + ":desk:publicity"));
    }

    @Test
    void matchersCombineAndADeskMatcherSilencesOnlyThatDesk() throws Exception {
        silences.create(new SilenceMatchers(null, null, null, "united_front", null), "张三", "统战部休假",
                null, clock.instant().plus(Duration.ofDays(1)));
        silences.create(new SilenceMatchers(Docs.HEXIN_ID, RiskCategory.FOOD_SAFETY, RiskLevel.RED, null,
                "city-news-rss"), "李四", "食品安全已移交市监", null, clock.instant().plus(Duration.ofDays(1)));

        Alert wage = alerts.process(Docs.scored("https://n.cn/m1", "禾欣欠薪", 60, RiskLevel.YELLOW,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.HEXIN_ID))).getFirst();
        Alert food = alerts.process(Docs.scored("https://n.cn/m2", "禾欣食物中毒", 90, RiskLevel.RED,
                List.of(RiskCategory.FOOD_SAFETY), List.of(Docs.HEXIN_ID))).getFirst();

        assertEquals(List.of("alert:" + wage.id() + ":desk:publicity"), OutboxRows.keys(db),
                "wage: 统战部 silenced, 宣传部 mailed; food: every matcher of the second silence holds");
        assertTrue(wage.silencedBy() != null && food.silencedBy() != null);
    }

    @Test
    void expireEndsASilenceEarlyAndIsAudited() {
        Silence s = silences.create(SilenceMatchers.enterprise(Docs.YUNFAN_ID), "张三", "临时静默", null,
                clock.instant().plus(Duration.ofDays(7)));
        clock.advance(Duration.ofMinutes(10));

        Silence ended = silences.expire(s.id(), "李四").orElseThrow();

        assertEquals(clock.instant(), ended.endsAt());
        assertEquals(List.of(), silences.active());
        assertEquals(ended, silences.get(s.id()).orElseThrow());
        assertTrue(silences.expire(999_999, "李四").isEmpty());
        List<String> events = new AuditLog(db.dataSource(), clock).recentEvents(10).stream()
                .map(e -> e.actor() + ":" + e.action()).toList();
        assertEquals(List.of("李四:silence_expire", "张三:silence_create"), events);
        assertNull(alerts.process(Docs.wageArrears("https://n.cn/x1", "云帆欠薪")).getFirst().silencedBy());
    }

    @Test
    void badSilencesAreRefusedWithAMessage() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new SilenceMatchers(" ", null, null, null, null));
        assertTrue(none.getMessage().contains("at least one matcher"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> silences.create(SilenceMatchers.enterprise("x"), "张三",
                " ", null, clock.instant().plusSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> silences.create(SilenceMatchers.enterprise("x"), "张三",
                "why", null, clock.instant()));
        assertEquals(List.of(), silences.active());
    }
}
