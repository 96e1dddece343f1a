package io.yuqing.alerting.webhook;

import io.yuqing.core.model.RiskCategory;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** The markdown both chat robots show: level heading, enterprise, title, categories, links. Crawled parts escaped. */
final class AlertMarkdown {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** Chat robots cap message size (WeCom: 4096 bytes); crawled titles and names are cut to stay well inside. */
    static final int MAX_FIELD_CHARS = 200;

    private AlertMarkdown() {
    }

    /** One plain line for notification previews, e.g. 【黄色预警】青州云帆科技有限公司. */
    static String headline(WebhookMessage m) {
        return "【" + m.level().label() + "】" + cut(Markdown.text(m.enterpriseName()));
    }

    static String body(WebhookMessage m) {
        String title = cut(Markdown.text(m.title()));
        String categories = m.categories().isEmpty() ? "未分类"
                : m.categories().stream().map(RiskCategory::label).collect(Collectors.joining("、"));
        StringBuilder md = new StringBuilder(512);
        md.append("### ").append(headline(m)).append("\n\n");
        md.append("**涉及企业：**").append(cut(Markdown.text(m.enterpriseName()))).append("\n\n");
        md.append("**标题：**").append(title.isEmpty() ? "（无标题）" : title).append("\n\n");
        md.append("**风险类别：**").append(categories).append("\n\n");
        md.append("**预警时间：**").append(TIME.format(m.raisedAt())).append("（北京时间）\n\n");
        Markdown.linkTarget(m.url()).ifPresent(u -> md.append("[查看原文](").append(u).append(")\n\n"));
        Markdown.linkTarget(m.consoleLink())
                .ifPresent(u -> md.append("[在舆情系统中处理](").append(u).append(")\n"));
        return md.toString();
    }

    static String cut(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_FIELD_CHARS) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, MAX_FIELD_CHARS - 1)) + "…";
    }
}
