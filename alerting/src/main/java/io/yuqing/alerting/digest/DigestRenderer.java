package io.yuqing.alerting.digest;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.text.Html;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.yuqing.core.text.Html.escape;

/**
 * Renders a {@link DailyDigest} as a Chinese mail: HTML with the trend chart inline (a data: URI, so the same HTML
 * works as a saved file) and a plain-text part with the same figures. Every crawled string is escaped.
 */
public final class DigestRenderer {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
    private static final List<RiskLevel> LEVELS = List.of(RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.BLUE);

    private final String consoleBaseUrl;

    /** Where the digest's links point (ours, trusted). */
    public String consoleBaseUrl() {
        return consoleBaseUrl;
    }

    public DigestRenderer(String consoleBaseUrl) {
        this.consoleBaseUrl = consoleBaseUrl.replaceAll("/+$", "");
    }

    public RenderedMail render(DailyDigest d) {
        String subject = "【舆情日报】" + DATE.format(d.date()) + " " + d.deskName() + "：新增预警 " + d.newAlertCount()
                + " 条，待办 " + d.openCases() + " 件" + (d.overdue().isEmpty() ? "" : "（超期 " + d.overdue().size() + " 件）");
        return new RenderedMail(subject, html(d, subject), text(d, subject));
    }

    private String html(DailyDigest d, String subject) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(escape(subject))
                .append("</title></head><body style=\"font-family:'Microsoft YaHei','PingFang SC',sans-serif;color:#1f2937;max-width:760px\">");
        b.append("<h2 style=\"margin:0 0 4px\">").append(escape(subject)).append("</h2>");
        b.append("<p style=\"color:#6b7280;margin:0 0 16px\">统计口径：").append(escape(d.zone().getId()))
                .append(" 时间当日 0 时至 24 时；处置数据为近 ").append(DigestBuilder.HANDLING_DAYS).append(" 天。</p>");

        b.append("<h3>一、新增预警</h3><table cellpadding=\"6\" style=\"border-collapse:collapse\"><tr>");
        for (RiskLevel l : LEVELS) {
            b.append("<td style=\"border:1px solid #e5e7eb\"><span style=\"color:").append(css(l)).append(";font-weight:bold\">")
                    .append(escape(l.label())).append("</span> ").append(d.newAlertsByLevel().getOrDefault(l, 0L)).append("</td>");
        }
        b.append("</tr></table>");
        if (!d.newAlerts().isEmpty()) {
            b.append("<ol>");
            for (Alert a : d.newAlerts()) {
                b.append("<li><span style=\"color:").append(css(a.level())).append("\">【").append(escape(a.level().label()))
                        .append("】</span>").append(escape(a.enterpriseName())).append("：<a href=\"")
                        .append(Html.hrefOrHash(consoleBaseUrl + "/alerts/" + a.id())).append("\">").append(escape(a.title()))
                        .append("</a>（").append(escape(categories(a.categories()))).append("，").append(a.score()).append(" 分）</li>");
            }
            b.append("</ol>");
        }

        b.append("<h3>二、近 ").append(DigestBuilder.TREND_DAYS).append(" 天预警趋势</h3>");
        b.append("<img alt=\"近").append(DigestBuilder.TREND_DAYS).append("天每日预警数（按级别堆叠）\" width=\"").append(TrendChart.WIDTH)
                .append("\" height=\"").append(TrendChart.HEIGHT).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(TrendChart.png(d.trend()))).append("\">");
        b.append("<p style=\"color:#6b7280;font-size:13px\">");
        for (RiskLevel l : LEVELS) {
            b.append("<span style=\"color:").append(css(l)).append("\">■</span> ").append(escape(l.label())).append(" &nbsp; ");
        }
        b.append("</p>");

        b.append("<h3>三、风险上升最快的企业</h3>");
        if (d.risers().isEmpty()) {
            b.append("<p>今日无风险上升的企业。</p>");
        } else {
            b.append("<table cellpadding=\"6\" style=\"border-collapse:collapse\"><tr style=\"background:#f0f2f5\"><th>企业</th><th>今日预警</th><th>今日风险分</th><th>前七日日均</th></tr>");
            for (DailyDigest.EnterpriseRise r : d.risers()) {
                b.append("<tr><td>").append(escape(r.name())).append("</td><td>").append(r.alertsToday()).append("</td><td>")
                        .append(r.scoreToday()).append("</td><td>").append(String.format(Locale.ROOT, "%.1f", r.previousDailyScore()))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }

        b.append("<h3>四、待办与超期</h3><p>待处置预警 <b>").append(d.openCases()).append("</b> 件，其中交办逾期或超过 ")
                .append(escape(hours(d.overdueAfter()))).append(" 未办结 <b style=\"color:#b91c1c\">").append(d.overdue().size()).append("</b> 件。</p>");
        if (!d.overdue().isEmpty()) {
            b.append("<ul>");
            for (Alert a : d.overdue().stream().limit(DigestBuilder.MAX_LISTED_ALERTS).toList()) {
                b.append("<li>").append(escape(a.enterpriseName())).append("：<a href=\"")
                        .append(Html.hrefOrHash(consoleBaseUrl + "/alerts/" + a.id())).append("\">").append(escape(a.title()))
                        .append("</a>（").append(escape(a.status().label()))
                        .append(a.assignee() == null ? "" : "，承办：" + escape(a.assignee()))
                        .append(a.dueAt() == null ? "" : "，期限 " + TIME.withZone(d.zone()).format(a.dueAt()))
                        .append("，预警于 ").append(TIME.withZone(d.zone()).format(a.createdAt())).append("）</li>");
            }
            b.append("</ul>");
        }

        DailyDigest.Handling h = d.handling();
        b.append("<h3>五、处置情况（近 ").append(DigestBuilder.HANDLING_DAYS).append(" 天）</h3><p>新增 ").append(h.raised())
                .append(" 件，办结（含误报）").append(h.closed()).append(" 件，办结率 <b>")
                .append(String.format(Locale.ROOT, "%.0f%%", 100 * h.closeRate())).append("</b>，处置用时中位数 <b>")
                .append(escape(h.medianTimeToClose() == null ? "—" : hours(h.medianTimeToClose()))).append("</b>。</p>");
        b.append("<p><a href=\"").append(Html.hrefOrHash(consoleBaseUrl + "/alerts")).append("\">进入舆情系统查看全部预警</a></p>");
        b.append("</body></html>");
        return b.toString();
    }

    private String text(DailyDigest d, String subject) {
        StringBuilder t = new StringBuilder(subject).append("\n\n一、新增预警：");
        t.append(LEVELS.stream().map(l -> l.label() + " " + d.newAlertsByLevel().getOrDefault(l, 0L)).collect(Collectors.joining("，")));
        t.append("\n");
        for (Alert a : d.newAlerts()) {
            t.append("  【").append(a.level().label()).append("】").append(oneLine(a.enterpriseName())).append("：")
                    .append(oneLine(a.title())).append(" ").append(consoleBaseUrl).append("/alerts/").append(a.id()).append("\n");
        }
        t.append("\n二、近").append(DigestBuilder.TREND_DAYS).append("天每日预警数：");
        t.append(d.trend().stream().map(c -> c.day().getMonthValue() + "/" + c.day().getDayOfMonth() + " " + c.total())
                .collect(Collectors.joining("，")));
        t.append("\n\n三、风险上升最快的企业：");
        if (d.risers().isEmpty()) {
            t.append("无");
        }
        for (DailyDigest.EnterpriseRise r : d.risers()) {
            t.append("\n  ").append(oneLine(r.name())).append("：今日预警 ").append(r.alertsToday()).append(" 条，风险分 ")
                    .append(r.scoreToday());
        }
        t.append("\n\n四、待处置 ").append(d.openCases()).append(" 件，超期 ").append(d.overdue().size()).append(" 件");
        DailyDigest.Handling h = d.handling();
        t.append("\n五、近").append(DigestBuilder.HANDLING_DAYS).append("天新增 ").append(h.raised()).append(" 件，办结 ").append(h.closed())
                .append(" 件，办结率 ").append(String.format(Locale.ROOT, "%.0f%%", 100 * h.closeRate()))
                .append("，处置用时中位数 ").append(h.medianTimeToClose() == null ? "—" : hours(h.medianTimeToClose())).append("\n");
        return t.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
    }

    private static String categories(List<RiskCategory> cats) {
        return cats.stream().map(RiskCategory::label).collect(Collectors.joining("、"));
    }

    static String hours(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " 分钟";
        }
        if (minutes < 48 * 60) {
            return String.format(Locale.ROOT, "%.1f 小时", minutes / 60.0);
        }
        return String.format(Locale.ROOT, "%.1f 天", minutes / 1440.0);
    }

    private static String css(RiskLevel l) {
        return switch (l) {
            case RED -> "#d62c2c";
            case ORANGE -> "#e8690b";
            case YELLOW -> "#b7950b";
            case BLUE -> "#1e6fd9";
            case NONE -> "#6b7280";
        };
    }
}
