package io.yuqing.app;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.learning.ModelRetrainer;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.time.AdjustableClock;
import io.yuqing.indexer.model.LabelledItem;
import io.yuqing.indexer.model.RiskModel;
import io.yuqing.indexer.model.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service learns from review decisions: below the minimum it waits; with enough reviews it trains, judges the new
 * model on held-back reviews against the current scorer, keeps it when it does no worse, and uses it after a restart.
 */
class LearningFromReviewsTest {
    @TempDir
    Path dir;

    @Test
    void retrainsFromReviewsKeepsABetterModelAndReloadsIt() throws Exception {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-20T02:00:00Z"));
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                scoring:
                  minReviews: 20
                  retrainEvery: 0
                watchlist:
                  enterprises:
                    - name: 青州恒达建设集团有限公司
                      shortNames: [恒达建设]
                    - name: 青州鑫源食品有限公司
                      shortNames: [鑫源食品]
                """.formatted(dir.resolve("data")), "test.yml");
        try (YuqingService service = YuqingService.open(config, clock, ServiceRunner.newRegistry())) {
            assertFalse(service.usesModel());
            assertInstanceOf(ModelRetrainer.Outcome.Skipped.class, service.retrainFromReviews(), "no reviews yet");
            for (int i = 0; i < 40; i++) {
                clock.advance(Duration.ofMinutes(7));
                boolean real = i % 2 == 0;
                // Each item its own story (a distinct second sentence), so none is clustered as a repost of another.
                String text = (real
                        ? "青州恒达建设集团有限公司承建的工地拖欠农民工工资，数十名工人聚集讨薪，劳动监察部门已介入。"
                        : "青州鑫源食品有限公司组织员工观看食品安全培训片，片中介绍了食物中毒的预防知识。") + distinct(i);
                String title = real ? "恒达建设工地拖欠工资 工人讨薪 第" + i + "报" : "鑫源食品开展食品安全培训 第" + i + "期";
                service.pipeline().accept(new Document(null, "https://news.example.cn/a/" + i + ".html", "test", title, text,
                        "", "", clock.instant(), clock.instant()));
            }
            List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 500);
            assertTrue(alerts.size() >= 20, "alerts to review: " + alerts.size());
            for (Alert a : alerts) {
                if (a.enterpriseName().equals("青州鑫源食品有限公司")) {
                    service.reviews().markFalsePositive(a.id(), "张三", "培训新闻，不是风险");
                } else {
                    service.reviews().resolve(a.id(), "张三", "已核实，督促企业发放工资");
                }
            }
            // Judged against a deliberately wrong current model, the retrained one must win and be kept.
            RiskModel wrong = RiskModel.train(invertedLabels(), TrainOptions.defaults());
            ModelRetrainer.Outcome outcome = service.retrainFromReviewsAgainst(wrong);
            ModelRetrainer.Outcome.Kept kept = assertInstanceOf(ModelRetrainer.Outcome.Kept.class, outcome, outcome.toString());
            assertTrue(kept.newEntityF1() >= kept.currentEntityF1(), outcome.toString());
            assertTrue(Files.isRegularFile(dir.resolve("data").resolve("models").resolve("current.model")));
            assertTrue(service.usesModel(), "the kept model scores from now on");
        }
        try (YuqingService service = YuqingService.open(config, clock, ServiceRunner.newRegistry())) {
            assertTrue(service.usesModel(), "and after a restart");
        }
    }

    private static String distinct(int i) {
        String han = "春夏秋冬东南西北山水田林湖海风雨雷电花草树木金木水火土日月星辰江河湖泊城乡街巷桥梁";
        StringBuilder sb = new StringBuilder("记者");
        java.util.Random r = new java.util.Random(i * 7919L);
        for (int k = 0; k < 24; k++) {
            sb.append(han.charAt(r.nextInt(han.length())));
        }
        return sb.append("。").toString();
    }

    /** Training items whose labels say the opposite of the truth: a model of them is a bad current scorer. */
    private static List<LabelledItem> invertedLabels() {
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(new LabelledItem("w" + i, "青州恒达建设集团有限公司拖欠工资 第" + i + "报",
                    "青州恒达建设集团有限公司拖欠农民工工资，工人讨薪。", List.of("青州恒达建设集团有限公司"), false, List.of()));
            items.add(new LabelledItem("t" + i, "青州鑫源食品有限公司食品安全培训 第" + i + "期",
                    "青州鑫源食品有限公司组织食品安全培训，介绍食物中毒预防。", List.of("青州鑫源食品有限公司"), true,
                    List.of("青州鑫源食品有限公司")));
        }
        return items;
    }
}
