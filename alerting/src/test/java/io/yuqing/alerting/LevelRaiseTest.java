package io.yuqing.alerting;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.outbox.OutboxQueries;
import io.yuqing.alerting.review.AlertAction;
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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An open alert whose story grows is raised in level and notified once more, at the new level's desks. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class LevelRaiseTest {
    static final DeskConfig PUBLICITY = new DeskConfig("publicity", "宣传部", List.of("xc@example.gov.cn"), List.of(), RiskLevel.BLUE);
    static final DeskConfig LEADERS = new DeskConfig("leaders", "值班领导", List.of("ld@example.gov.cn"), List.of(), RiskLevel.ORANGE);

    @Parameter
    TestDatabases.Kind kind;
    Database db;
    AlertService service;
    AdjustableClock clock;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        service = new AlertService(db.dataSource(), List.of(PUBLICITY, LEADERS), "https://yq", clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void raisedOnceToTheNewLevelAndItsDesks() {
        Alert alert = service.process(Docs.scored("https://n.cn/1", "云帆科技被曝拖欠工资", 60, RiskLevel.YELLOW,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID))).getFirst();
        assertEquals(List.of("publicity"), alert.deskIds());

        Alert raised = service.raiseLevel(alert.id(), RiskLevel.ORANGE, "同一报道已被 3 个网站转载").orElseThrow();
        assertEquals(RiskLevel.ORANGE, raised.level());
        assertEquals(List.of("publicity", "leaders"), raised.deskIds(), "the new level reaches the leaders' desk too");
        var keys = new OutboxQueries(db.dataSource()).recent(20).stream().map(OutboxQueries.OutboxEntry::idempotencyKey).toList();
        assertTrue(keys.containsAll(List.of("alert:" + alert.id() + ":level:orange:desk:publicity",
                "alert:" + alert.id() + ":level:orange:desk:leaders")), keys.toString());
        assertEquals(3, keys.size(), "first mail plus one per desk at the new level");
        var subject = new OutboxQueries(db.dataSource()).recent(20).stream()
                .filter(m -> m.idempotencyKey().endsWith(":level:orange:desk:publicity")).findFirst().orElseThrow().subject();
        assertTrue(subject.startsWith("【预警升级】【橙色预警】"), subject);

        assertTrue(service.raiseLevel(alert.id(), RiskLevel.ORANGE, "again").isEmpty(), "not twice to the same level");
        assertTrue(service.raiseLevel(alert.id(), RiskLevel.YELLOW, "lower").isEmpty(), "never lowered");
        List<AlertAction> history = new ReviewService(db.dataSource(), clock).history(alert.id());
        assertTrue(history.stream().anyMatch(a -> a.action().equals("level_raised") && a.note().contains("3 个网站")));

        new ReviewService(db.dataSource(), clock).resolve(alert.id(), "张三", "已处置");
        assertTrue(service.raiseLevel(alert.id(), RiskLevel.RED, "closed already").isEmpty(), "a closed case is not raised");
    }
}
