package io.yuqing.alerting;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;

import java.time.Instant;
import java.util.List;

/** Scored documents for tests. */
public final class Docs {
    public static final String YUNFAN_ID = "91370700MA3YUNFAN1";
    public static final String YUNFAN = "青州云帆科技有限公司";
    public static final String HEXIN_ID = "hexin-food";
    public static final String HEXIN = "青州禾欣食品有限公司";
    public static final String BYSTANDER_ID = "bystander";
    public static final String BYSTANDER = "青州旁观者物流有限公司";
    public static final Instant T0 = Instant.parse("2026-11-02T01:30:00Z");

    private Docs() {
    }

    public static Document document(String url, String title) {
        return new Document(null, url, "city-news-rss", title, "正文。" + title, "", "青州日报", T0, T0);
    }

    public static Mention mention(String id, String name) {
        return new Mention(id, name, 2, true);
    }

    /** Wage arrears at 云帆 and 禾欣, yellow; 旁观者 is mentioned but not at risk. */
    public static ScoredDocument wageArrears(String url, String title) {
        return new ScoredDocument(document(url, title),
                List.of(mention(YUNFAN_ID, YUNFAN), mention(HEXIN_ID, HEXIN), mention(BYSTANDER_ID, BYSTANDER)),
                new RiskAssessment(60, RiskLevel.YELLOW, List.of(RiskCategory.WAGE_ARREARS),
                        List.of(new Evidence("拖欠工资", RiskCategory.WAGE_ARREARS, "多名员工反映公司拖欠工资三个月。", false),
                                new Evidence("讨薪", RiskCategory.WAGE_ARREARS, "工人聚集讨薪<b>现场</b>。", true)),
                        List.of(YUNFAN_ID, HEXIN_ID)));
    }

    public static ScoredDocument scored(String url, String title, int score, RiskLevel level,
                                        List<RiskCategory> categories, List<String> riskEntities) {
        List<Evidence> evidence = categories.stream()
                .map(c -> new Evidence(c.label(), c, "句子提到" + c.label() + "。", false)).toList();
        return new ScoredDocument(document(url, title),
                List.of(mention(YUNFAN_ID, YUNFAN), mention(HEXIN_ID, HEXIN)),
                new RiskAssessment(score, level, categories, evidence, riskEntities));
    }
}
