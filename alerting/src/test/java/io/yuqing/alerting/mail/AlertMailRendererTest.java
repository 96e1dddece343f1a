package io.yuqing.alerting.mail;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertMailRendererTest {
    static final Instant T = Instant.parse("2026-11-02T01:30:00Z");

    static Alert alert(String title, String url, String enterpriseName) {
        return new Alert(42, "doc", "ent", enterpriseName, title, url, "city-news", 72, RiskLevel.ORANGE,
                List.of(RiskCategory.SAFETY_ACCIDENT, RiskCategory.LITIGATION_PENALTY),
                List.of(new Evidence("爆炸", RiskCategory.SAFETY_ACCIDENT, "车间发生爆炸，<img src=x onerror=alert(1)>爆炸后…", true)),
                List.of("publicity"), AlertStatus.NEW, T, T);
    }

    final AlertMailRenderer renderer = new AlertMailRenderer("https://yq.example.gov.cn/console/");

    @Test
    void rendersLevelEnterpriseCategoriesScoreAndConsoleLink() {
        RenderedMail mail = renderer.render(alert("云帆工厂爆炸", "https://news.example.cn/a.html", "青州云帆科技有限公司"));
        assertEquals("【橙色预警】青州云帆科技有限公司：云帆工厂爆炸", mail.subject());
        assertTrue(mail.htmlBody().contains("安全事故、诉讼处罚"));
        assertTrue(mail.htmlBody().contains("<a href=\"https://news.example.cn/a.html\">"));
        assertTrue(mail.htmlBody().contains("<a href=\"https://yq.example.gov.cn/console/alerts/42\">"));
        assertTrue(mail.htmlBody().contains("2026-11-02 09:30"), "Beijing time");
        assertTrue(mail.textBody().contains("风险类别：安全事故、诉讼处罚"));
        assertTrue(mail.textBody().contains("https://yq.example.gov.cn/console/alerts/42"));
        assertTrue(mail.textBody().contains("「爆炸」（安全事故，见于标题）"));
    }

    @Test
    void highlightsEveryOccurrenceOfTheTermAndEscapesTheRest() {
        String html = renderer.render(alert("t", "https://n/a", "e")).htmlBody();
        String mark = "<mark style=\"background:#ffe58f;font-weight:bold\">爆炸</mark>";
        assertTrue(html.contains("车间发生" + mark + "，&lt;img src=x onerror=alert(1)&gt;" + mark + "后…"), html);
        assertFalse(html.contains("<img"));
    }

    @Test
    void escapesCrawledNamesAndTitle() {
        String html = renderer.render(alert("\"><script>alert(1)</script>", "https://n/a", "<b>坏</b>公司")).htmlBody();
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<b>坏"));
        assertTrue(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("&lt;b&gt;坏&lt;/b&gt;公司"));
    }

    @Test
    void onlyHttpUrlsBecomeLinks() {
        for (String bad : List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>",
                "/relative/path", "https://ok.example\"onmouseover=\"x", "vbscript:msgbox")) {
            String html = renderer.render(alert("t", bad, "e")).htmlBody();
            assertFalse(html.contains("href=\"" + bad), bad);
            assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("href=\"javascript"), bad);
            assertFalse(html.contains("href=\"data:"), bad);
            assertTrue(html.contains("未设为可点击"), bad);
        }
        String quoted = renderer.render(alert("t", "https://n.example/a?x=1&y=\"2\"", "e")).htmlBody();
        assertFalse(quoted.contains("y=\"2\""), "quotes in a URL cannot break out of the attribute");
    }

    @Test
    void subjectIsOneLineAndBounded() {
        String subject = renderer.subject(alert("第一行\r\n第二行\n\tBcc: x@y.z\u2029末", "https://n/a", "企业\n名"));
        assertEquals("【橙色预警】企业 名：第一行 第二行 Bcc: x@y.z 末", subject);
        String longTitle = "长".repeat(500);
        String cut = renderer.subject(alert(longTitle, "https://n/a", "企业"));
        assertEquals(AlertMailRenderer.MAX_SUBJECT_CHARS, cut.codePointCount(0, cut.length()));
        assertTrue(cut.endsWith("…"));
        assertTrue(renderer.render(alert(longTitle, "https://n/a", "企业")).textBody().contains(longTitle),
                "the full title is in the body");
        assertEquals("【橙色预警】企业：（无标题）", renderer.subject(alert("", "https://n/a", "企业")));
    }
}
