package io.yuqing.alerting.mail;

import io.yuqing.core.text.Html;

import io.yuqing.alerting.Alert;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders the alert mail staff receive. Everything that came from a crawled page (title, URL, names, evidence) is
 * escaped in the HTML part, and only http/https URLs become links.
 */
public final class AlertMailRenderer {
    /** Long subjects are cut here; the full title is in the body. */
    static final int MAX_SUBJECT_CHARS = 160;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final String consoleBaseUrl;

    public AlertMailRenderer(String consoleBaseUrl) {
        String base = consoleBaseUrl == null ? "" : consoleBaseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.consoleBaseUrl = base;
    }

    public String consoleLink(long alertId) {
        return consoleBaseUrl + "/alerts/" + alertId;
    }

    private static final String BODY_OPEN = "<body style=\"font-family:sans-serif;font-size:14px;color:#222\">";

    public RenderedMail render(Alert alert) {
        return new RenderedMail(subject(alert), html(alert), text(alert));
    }

    /**
     * The second mail of a red alert nobody acknowledged: the same content under a 【再次提醒】 subject, with a
     * notice on top saying how long it has waited.
     */
    public RenderedMail renderReminder(Alert alert, java.time.Duration unacknowledgedFor) {
        String waited = unacknowledgedFor.toMinutes() >= 60 && unacknowledgedFor.toMinutes() % 60 == 0
                ? unacknowledgedFor.toHours() + " 小时" : unacknowledgedFor.toMinutes() + " 分钟";
        String notice = "此预警发出已超过 " + waited + " 仍无人确认，请尽快处理。";
        String html = html(alert).replace(BODY_OPEN, BODY_OPEN
                + "<p style=\"background:#fee2e2;color:#991b1b;padding:8px 12px;font-weight:bold\">"
                + Html.escape(notice) + "</p>");
        return new RenderedMail("【再次提醒】" + subject(alert), html, notice + "\n\n" + text(alert));
    }

    /** 【黄色预警】青州云帆科技有限公司：title — one line, whatever line breaks the crawled title carried. */
    public String subject(Alert alert) {
        String s = "【" + alert.level().label() + "】" + oneLine(alert.enterpriseName()) + "：" + titleOrPlaceholder(alert);
        if (s.codePointCount(0, s.length()) > MAX_SUBJECT_CHARS) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_SUBJECT_CHARS - 1)) + "…";
        }
        return s;
    }

    private String text(Alert alert) {
        StringBuilder t = new StringBuilder();
        t.append("【").append(alert.level().label()).append("】涉企舆情预警\n\n");
        t.append("预警级别：").append(alert.level().label()).append("\n");
        t.append("涉及企业：").append(oneLine(alert.enterpriseName())).append("\n");
        t.append("标题：").append(titleOrPlaceholder(alert)).append("\n");
        t.append("原文链接：").append(oneLine(alert.url())).append("\n");
        t.append("来源：").append(oneLine(alert.sourceId())).append("\n");
        t.append("风险类别：").append(categoryLabels(alert)).append("\n");
        t.append("风险分值：").append(alert.score()).append("\n");
        t.append("预警时间：").append(TIME.format(alert.createdAt())).append("（北京时间）\n");
        if (!alert.evidence().isEmpty()) {
            t.append("\n风险依据：\n");
            for (Evidence e : alert.evidence()) {
                t.append("- 「").append(oneLine(e.term())).append("」（").append(e.category().label())
                        .append(e.inTitle() ? "，见于标题" : "").append("）：").append(oneLine(e.sentence())).append("\n");
            }
        }
        t.append("\n请登录舆情系统处理：").append(consoleLink(alert.id())).append("\n");
        return t.toString();
    }

    private String html(Alert alert) {
        String color = color(alert.level());
        StringBuilder h = new StringBuilder(2048);
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>")
                .append(Html.escape(subject(alert))).append("</title></head>")
                .append(BODY_OPEN);
        h.append("<div style=\"border-left:6px solid ").append(color).append(";padding:8px 12px\">");
        h.append("<h2 style=\"margin:0 0 8px;color:").append(color).append("\">【")
                .append(Html.escape(alert.level().label())).append("】涉企舆情预警</h2>");
        h.append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        row(h, "涉及企业", Html.escape(oneLine(alert.enterpriseName())));
        row(h, "标题", Html.escape(titleOrPlaceholder(alert)));
        Optional<String> href = Html.safeHref(alert.url());
        row(h, "原文链接", href.map(u -> "<a href=\"" + Html.escape(u) + "\">" + Html.escape(u) + "</a>")
                .orElseGet(() -> Html.escape(oneLine(alert.url())) + "（链接格式不安全，未设为可点击）"));
        row(h, "来源", Html.escape(oneLine(alert.sourceId())));
        row(h, "风险类别", Html.escape(categoryLabels(alert)));
        row(h, "风险分值", String.valueOf(alert.score()));
        row(h, "预警时间", Html.escape(TIME.format(alert.createdAt())) + "（北京时间）");
        h.append("</table>");
        if (!alert.evidence().isEmpty()) {
            h.append("<h3 style=\"margin:12px 0 4px\">风险依据</h3><ul>");
            for (Evidence e : alert.evidence()) {
                h.append("<li><strong>「").append(Html.escape(e.term())).append("」</strong>（")
                        .append(Html.escape(e.category().label())).append(e.inTitle() ? "，见于标题" : "")
                        .append("）：").append(highlight(e.sentence(), e.term())).append("</li>");
            }
            h.append("</ul>");
        }
        String link = consoleLink(alert.id());
        h.append("<p><a href=\"").append(Html.escape(link)).append("\">在舆情系统中查看并处理</a>（")
                .append(Html.escape(link)).append("）</p>");
        h.append("</div><p style=\"color:#888;font-size:12px\">本邮件由舆情监测系统自动发送，请勿直接回复。</p>");
        h.append("</body></html>");
        return h.toString();
    }

    private static void row(StringBuilder h, String label, String valueHtml) {
        h.append("<tr><th align=\"left\" style=\"white-space:nowrap;color:#555\">").append(label)
                .append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    /** The sentence escaped, with every occurrence of the term marked. */
    static String highlight(String sentence, String term) {
        String s = oneLine(sentence);
        if (term == null || term.isEmpty()) {
            return Html.escape(s);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = s.indexOf(term); at >= 0; at = s.indexOf(term, from)) {
            out.append(Html.escape(s.substring(from, at)))
                    .append("<mark style=\"background:#ffe58f;font-weight:bold\">").append(Html.escape(term))
                    .append("</mark>");
            from = at + term.length();
        }
        return out.append(Html.escape(s.substring(from))).toString();
    }

    private static String categoryLabels(Alert alert) {
        if (alert.categories().isEmpty()) {
            return "未分类";
        }
        return alert.categories().stream().map(RiskCategory::label).collect(Collectors.joining("、"));
    }

    private static String titleOrPlaceholder(Alert alert) {
        String t = oneLine(alert.title());
        return t.isEmpty() ? "（无标题）" : t;
    }

    /** Control characters and Unicode line breaks become spaces: crawled text must not add header lines. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean lastSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean space = Character.isISOControl(ch) || Character.isWhitespace(ch) || ch == '\u2028'
                    || ch == '\u2029' || ch == '\u0085';
            if (space) {
                if (!lastSpace) {
                    out.append(' ');
                }
                lastSpace = true;
            } else {
                out.append(ch);
                lastSpace = false;
            }
        }
        return out.toString().strip();
    }

    private static String color(RiskLevel level) {
        return switch (level) {
            case RED -> "#d93025";
            case ORANGE -> "#e8710a";
            case YELLOW -> "#c99a00";
            case BLUE -> "#1a73e8";
            case NONE -> "#888888";
        };
    }
}
