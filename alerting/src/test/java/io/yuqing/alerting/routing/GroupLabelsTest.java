package io.yuqing.alerting.routing;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A group's stored key read back for people: names for enterprise ids, Chinese names for codes, escaped in mail. */
class GroupLabelsTest {

    @Test
    void eachLabelKeepsItsStoredValuesAndShowsNames() {
        GroupLabels labels = GroupLabels.parse("enterprise=yf;category=wage-arrears,environmental;district=东;湖;level=red",
                Map.of("yf", "青州云帆科技有限公司"));
        assertEquals(List.of(
                new GroupLabels.Label("enterprise", List.of("yf"), List.of("青州云帆科技有限公司")),
                new GroupLabels.Label("category", List.of("wage-arrears", "environmental"), List.of("欠薪讨薪", "环境污染")),
                new GroupLabels.Label("district", List.of("东;湖"), List.of("东;湖")),
                new GroupLabels.Label("level", List.of("red"), List.of("红色预警"))), labels.labels());
        assertEquals("企业：青州云帆科技有限公司，风险类别：欠薪讨薪、环境污染，区县：东;湖，级别：红色预警", labels.describe());
        assertEquals(List.of("yf"), GroupLabels.enterpriseIds("enterprise=yf;category=fraud"));
    }

    @Test
    void anUnknownIdOrCodeIsShownAsStoredAndNoLabelsIsEverything() {
        assertEquals("企业：gone-id，风险类别：no-such-code，来源：（无）",
                GroupLabels.parse("enterprise=gone-id;category=no-such-code;source=", Map.of()).describe());
        assertEquals("全部", GroupLabels.parse("", Map.of()).describe());
        assertEquals("宣传部汇总；全部", GroupMailRenderer.describe("宣传部汇总", GroupLabels.parse("", Map.of())));
    }

    @Test
    void theGroupMailNamesTheEnterpriseFromItsAlertsAndEscapesIt() {
        Instant at = Instant.parse("2026-03-01T02:00:00Z");
        Alert alert = new Alert(5, "doc-5", "yf", "云帆<b>科技</b>", "标题", "https://news.example.cn/a/5.html", "feed", 60,
                RiskLevel.YELLOW, List.of(RiskCategory.WAGE_ARREARS), List.of(), List.of("publicity"), AlertStatus.NEW,
                at, at, null, null, null);
        RenderedMail mail = new GroupMailRenderer("https://yq.example.gov.cn")
                .render("汇总<i>", "enterprise=yf;category=wage-arrears", List.of(alert), Set.of(5L), false);
        assertTrue(mail.htmlBody().contains("分组：汇总&lt;i&gt;；企业：云帆&lt;b&gt;科技&lt;/b&gt;，风险类别：欠薪讨薪</p>"),
                mail.htmlBody());
        assertFalse(mail.htmlBody().contains("<b>科技") || mail.htmlBody().contains("汇总<i>"), mail.htmlBody());
        assertTrue(mail.textBody().contains("分组：汇总<i>；企业：云帆<b>科技</b>，风险类别：欠薪讨薪\n"), mail.textBody());
    }
}
