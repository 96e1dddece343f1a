package io.yuqing.alerting.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.alerting.review.ReviewService;
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

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Review decisions as JSON Lines. H2 and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class ReviewExportTest {
    @Parameter
    TestDatabases.Kind kind;
    Database db;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void oneLabelledLinePerReviewedDocument() throws Exception {
        AdjustableClock clock = new AdjustableClock(Docs.T0);
        AlertService alerts = new AlertService(db.dataSource(), List.of(), "https://yq", clock, new SimpleMeterRegistry());
        ReviewService review = new ReviewService(db.dataSource(), clock);
        List<Alert> wage = alerts.process(Docs.wageArrears("https://n.cn/x1", "云帆禾欣\"欠薪\"\n风波"));
        review.acknowledge(wage.get(0).id(), "张三", "属实");
        review.markFalsePositive(wage.get(1).id(), "张三", "同名");
        Alert rumor = alerts.process(Docs.scored("https://n.cn/x2", "云帆谣言", 50, RiskLevel.BLUE,
                List.of(RiskCategory.RUMOR), List.of(Docs.YUNFAN_ID))).getFirst();
        review.markFalsePositive(rumor.id(), "李四", "误报");
        alerts.process(Docs.scored("https://n.cn/x3", "禾欣未审", 50, RiskLevel.BLUE,
                List.of(RiskCategory.RUMOR), List.of(Docs.HEXIN_ID)));

        StringWriter out = new StringWriter();
        long lines = new ReviewExport(db.dataSource()).write(out);

        assertEquals(2, lines, "the unreviewed document is left out");
        String[] raw = out.toString().split("\n");
        assertEquals(2, raw.length, "one record per line, even with a line break in the title");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : raw) {
            records.add(json.readTree(line));
        }
        JsonNode w = records.stream().filter(r -> r.get("id").asText().equals(wage.getFirst().documentId()))
                .findFirst().orElseThrow();
        assertEquals("云帆禾欣\"欠薪\"\n风波", w.get("title").asText());
        assertEquals("云帆禾欣\"欠薪\"\n风波\n多名员工反映公司拖欠工资三个月。\n工人聚集讨薪<b>现场</b>。", w.get("text").asText());
        assertEquals(List.of(Docs.YUNFAN, Docs.HEXIN), strings(w.get("entities")));
        assertFalse(w.get("negative").asBoolean());
        assertEquals(List.of(Docs.YUNFAN), strings(w.get("riskEntities")), "禾欣 was a false positive");
        JsonNode r = records.stream().filter(n -> n.get("id").asText().equals(rumor.documentId()))
                .findFirst().orElseThrow();
        assertTrue(r.get("negative").asBoolean());
        assertEquals(List.of(), strings(r.get("riskEntities")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
