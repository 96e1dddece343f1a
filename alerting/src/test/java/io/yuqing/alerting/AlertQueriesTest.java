package io.yuqing.alerting;

import io.yuqing.core.db.TestDatabases;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.review.ReviewService;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs on H2 and on a real PostgreSQL: the same migrations and SQL serve both. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class AlertQueriesTest {
    @Parameter
    TestDatabases.Kind kind;
    Database db;
    AlertQueries queries;
    Alert blueYunfan;
    Alert redHexin;
    Alert yellowYunfan;
    Alert yellowHexin;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        AdjustableClock clock = new AdjustableClock(Docs.T0);
        DeskConfig all = new DeskConfig("a_b", "宣传部", List.of(), List.of(), RiskLevel.BLUE);
        DeskConfig food = new DeskConfig("axb", "食品", List.of(), List.of(RiskCategory.FOOD_SAFETY), RiskLevel.BLUE);
        AlertService service = new AlertService(db.dataSource(), List.of(all, food), "https://yq", clock,
                new SimpleMeterRegistry());
        blueYunfan = service.process(Docs.scored("https://n/1", "一", 45, RiskLevel.BLUE,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID))).getFirst();
        clock.advance(Duration.ofMinutes(1));
        redHexin = service.process(Docs.scored("https://n/2", "二", 90, RiskLevel.RED,
                List.of(RiskCategory.FOOD_SAFETY), List.of(Docs.HEXIN_ID))).getFirst();
        clock.advance(Duration.ofMinutes(1));
        List<Alert> both = service.process(Docs.wageArrears("https://n/3", "三"));
        yellowYunfan = both.get(0);
        yellowHexin = both.get(1);
        new ReviewService(db.dataSource(), clock).acknowledge(redHexin.id(), "张三", "");
        queries = new AlertQueries(db.dataSource());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void listsNewestFirstWithPaging() {
        List<Long> ids = queries.list(AlertFilter.all(), 0, 10).stream().map(Alert::id).toList();
        assertEquals(List.of(yellowHexin.id(), yellowYunfan.id(), redHexin.id(), blueYunfan.id()), ids);
        assertEquals(ids.subList(1, 3), queries.list(AlertFilter.all(), 1, 2).stream().map(Alert::id).toList());
        assertEquals(List.of(), queries.list(AlertFilter.all(), 10, 10));
        assertEquals(4, queries.count(AlertFilter.all()));
    }

    @Test
    void filtersByStatusLevelDeskAndEnterprise() {
        assertEquals(List.of(redHexin.id()), ids(AlertFilter.all().withStatus(AlertStatus.ACKNOWLEDGED)));
        assertEquals(3, queries.count(AlertFilter.all().withStatus(AlertStatus.NEW)));
        assertEquals(List.of(yellowHexin.id(), yellowYunfan.id()), ids(AlertFilter.all().withLevel(RiskLevel.YELLOW)));
        assertEquals(List.of(yellowYunfan.id(), blueYunfan.id()), ids(AlertFilter.all().withEnterprise(Docs.YUNFAN_ID)));
        assertEquals(List.of(redHexin.id()), ids(AlertFilter.all().withDesk("axb")));
        assertEquals(4, queries.count(AlertFilter.all().withDesk("a_b")), "'_' is not a wildcard: a_b is not axb");
        assertEquals(0, queries.count(AlertFilter.all().withDesk("a")), "no prefix matches");
        assertEquals(List.of(yellowHexin.id()), ids(new AlertFilter(AlertStatus.NEW, RiskLevel.YELLOW, "a_b",
                Docs.HEXIN_ID)));
    }

    @Test
    void countsByLevelIncludeZeroes() {
        assertEquals(Map.of(RiskLevel.BLUE, 1L, RiskLevel.YELLOW, 2L, RiskLevel.ORANGE, 0L, RiskLevel.RED, 1L),
                queries.countsByLevel(AlertFilter.all()));
        assertEquals(Map.of(RiskLevel.BLUE, 1L, RiskLevel.YELLOW, 1L, RiskLevel.ORANGE, 0L, RiskLevel.RED, 0L),
                queries.countsByLevel(AlertFilter.all().withEnterprise(Docs.YUNFAN_ID)));
    }

    @Test
    void getReturnsStoredAlertWithEvidence() {
        Alert stored = queries.get(yellowYunfan.id()).orElseThrow();
        assertEquals(yellowYunfan, stored);
        assertEquals("工人聚集讨薪<b>现场</b>。", stored.evidence().get(1).sentence());
        assertTrue(stored.evidence().get(1).inTitle());
        assertTrue(queries.get(-1).isEmpty());
    }

    private List<Long> ids(AlertFilter filter) {
        return queries.list(filter, 0, 100).stream().map(Alert::id).toList();
    }
}
