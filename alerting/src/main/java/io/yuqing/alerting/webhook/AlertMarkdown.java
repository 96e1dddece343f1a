package io.yuqing.alerting.webhook;

import io.yuqing.core.model.RiskCategory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The markdown both chat robots show: heading, enterprise, title, categories, further facts, links. Crawled parts
 * escaped; our own labels and figures are not.
 */
final class AlertMarkdown {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** Chat robots cap message size (WeCom: 4096 bytes); crawled titles and names are cut to stay well inside. */
    static final int MAX_FIELD_CHARS = 200;
    /** A digest lists a few facts; more would not fit a chat message and the console has them all. */
    static final int MAX_FACTS = 12;

    private AlertMarkdown() {
    }

    /** One plain line for notification previews, e.g. 【黄色预警】青州云帆科技有限公司. */
    static String headline(WebhookMessage m) {
        return switch (m.kind()) {
            case ALERT -> "【" + m.level().label() + "】" + cut(Markdown.text(m.enterpriseName()));
            case REMINDER -> "【" + m.level().label() + "·未确认提醒】" + cut(Markdown.text(m.enterpriseName()));
            case ESCALATION -> "【事件升级】" + cut(Markdown.text(m.enterpriseName()));
            case DIGEST -> "【舆情日报】" + cut(Markdown.text(m.title()));
        };
    }

    static String body(WebhookMessage m) {
        StringBuilder md = new StringBuilder(512);
        md.append("### ").append(headline(m)).append("\n\n");
        if (m.kind() != WebhookMessage.Kind.DIGEST) {
            String title = cut(Markdown.text(m.title()));
            String categories = m.categories().isEmpty() ? "未分类"
                    : m.categories().stream().map(RiskCategory::label).collect(Collectors.joining("、"));
            md.append("**涉及企业：**").append(cut(Markdown.text(m.enterpriseName()))).append("\n\n");
            md.append(m.kind() == WebhookMessage.Kind.ESCALATION ? "**情况：**" : "**标题：**")
                    .append(title.isEmpty() ? "（无标题）" : title).append("\n\n");
            md.append("**风险类别：**").append(categories).append("\n\n");
        }
        int shown = 0;
        for (WebhookMessage.Fact f : m.facts()) {
            if (shown++ == MAX_FACTS) {
                md.append("……（其余见舆情系统）\n\n");
                break;
            }
            md.append("**").append(Markdown.text(f.label())).append("：**").append(cut(Markdown.text(f.value())))
                    .append("\n\n");
        }
        md.append(switch (m.kind()) {
            case ALERT, REMINDER -> "**预警时间：**";
            case ESCALATION -> "**升级时间：**";
            case DIGEST -> "**生成时间：**";
        }).append(time(m.raisedAt())).append("（北京时间）\n\n");
        Markdown.linkTarget(m.url()).ifPresent(u -> md.append("[查看原文](").append(u).append(")\n\n"));
        Markdown.linkTarget(m.consoleLink())
                .ifPresent(u -> md.append(m.kind() == WebhookMessage.Kind.DIGEST ? "[在舆情系统中查看](" : "[在舆情系统中处理](")
                        .append(u).append(")\n"));
        return md.toString();
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    static String cut(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_FIELD_CHARS) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, MAX_FIELD_CHARS - 1)) + "…";
    }
}
