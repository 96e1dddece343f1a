package io.yuqing.alerting.routing;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.mail.AlertMailRenderer;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.text.Html;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One mail for a group of alerts: a table of them all, newest additions marked 新增, highest level first. Every crawled
 * string escaped; links only when safe.
 */
public final class GroupMailRenderer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));
    private final AlertMailRenderer single;
    private final String consoleBaseUrl;

    public GroupMailRenderer(String consoleBaseUrl) {
        this.single = new AlertMailRenderer(consoleBaseUrl);
        String base = consoleBaseUrl == null ? "" : consoleBaseUrl.strip();
        this.consoleBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * @param alerts the group's open alerts
     * @param added  ids of those not in an earlier notification
     * @param repeat whether this is a reminder of an unchanged group
     */
    public RenderedMail render(String routeName, String groupKey, List<Alert> alerts, Set<Long> added, boolean repeat) {
        return render(routeName, groupKey, alerts, added, repeat, null, "");
    }

    /**
     * The group's reminder about one red alert nobody acknowledged in time: the whole group as usual, that alert marked
     * 超时未确认 and named in the subject and heading.
     *
     * @param waited how long it has been unacknowledged, e.g. {@code 31 分钟}
     */
    public RenderedMail renderOverdue(String routeName, String groupKey, List<Alert> alerts, Set<Long> added,
                                      Alert overdue, String waited) {
        return render(routeName, groupKey, alerts, added, added.isEmpty(), overdue, waited);
    }

    private RenderedMail render(String routeName, String groupKey, List<Alert> alerts, Set<Long> added, boolean repeat,
                                Alert overdue, String waited) {
        List<Alert> sorted = alerts.stream().sorted(Comparator.comparing(Alert::level).reversed()
                .thenComparing(Alert::id)).toList();
        RiskLevel top = sorted.getFirst().level();
        // The group's labels as staff read them: a group by enterprise names the enterprise its alerts are about.
        String group = describe(routeName, labels(groupKey, alerts));
        String subject = overdue == null ? subject(sorted, added, repeat) : overdueSubject(sorted, overdue);
        StringBuilder t = new StringBuilder();
        StringBuilder h = new StringBuilder(4096);
        String heading = overdue != null
                ? "【" + overdue.level().label() + "】" + oneLine(overdue.enterpriseName()) + " 的预警发出已超过 " + waited
                        + " 仍无人确认，请尽快处理；本组共 " + sorted.size() + " 条未办结"
                : (repeat ? "以下预警仍未办结（定期提醒）" : "新增 " + added.size() + " 条预警，本组共 " + sorted.size() + " 条");
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>").append(Html.escape(subject))
                .append("</title></head><body style=\"font-family:sans-serif;font-size:14px;color:#222\">")
                .append("<h2 style=\"margin:0 0 8px\">").append(Html.escape(heading)).append("</h2>")
                .append("<p style=\"color:#555\">分组：").append(Html.escape(group)).append("</p>")
                .append("<table cellpadding=\"4\" border=\"1\" style=\"border-collapse:collapse\"><thead><tr><th></th>")
                .append("<th>级别</th><th>企业</th><th>标题</th><th>风险类别</th><th>时间</th><th>处理</th></tr></thead><tbody>");
        t.append(heading).append("\n分组：").append(oneLine(group)).append("\n\n");
        for (Alert a : sorted) {
            boolean isNew = added.contains(a.id());
            boolean late = overdue != null && overdue.id() == a.id();
            String link = single.consoleLink(a.id());
            String title = oneLine(a.title().isBlank() ? "（无标题）" : a.title());
            String categories = a.categories().stream().map(RiskCategory::label).collect(Collectors.joining("、"));
            String titleHtml = Html.safeHref(a.url()).map(u -> "<a href=\"" + Html.escape(u) + "\">" + Html.escape(title) + "</a>")
                    .orElseGet(() -> Html.escape(title));
            h.append("<tr><td>").append(late ? "<b>超时未确认</b>" : isNew ? "<b>新增</b>" : "").append("</td><td>").append(Html.escape(a.level().label()))
                    .append("</td><td>").append(Html.escape(oneLine(a.enterpriseName()))).append("</td><td>").append(titleHtml)
                    .append("</td><td>").append(Html.escape(categories)).append("</td><td>")
                    .append(Html.escape(TIME.format(a.createdAt()))).append("</td><td><a href=\"").append(Html.escape(link))
                    .append("\">查看</a></td></tr>");
            t.append(late ? "[超时未确认] " : isNew ? "[新增] " : "").append("【").append(a.level().label()).append("】").append(oneLine(a.enterpriseName()))
                    .append("：").append(title).append("（").append(categories).append("，").append(TIME.format(a.createdAt()))
                    .append("）\n    原文：").append(oneLine(a.url())).append("\n    处理：").append(link).append("\n");
        }
        h.append("</tbody></table><p><a href=\"").append(Html.escape(consoleBaseUrl + "/")).append("\">进入舆情系统</a></p>")
                .append("<p style=\"color:#888;font-size:12px\">本邮件由舆情监测系统自动发送，请勿直接回复。最高级别：")
                .append(Html.escape(top.label())).append("。</p></body></html>");
        t.append("\n请登录舆情系统处理：").append(consoleBaseUrl).append("/\n");
        return new RenderedMail(subject, h.toString(), t.toString());
    }

    /**
     * 【橙色预警】3 条新预警：青州云帆科技有限公司 等 — the highest level and the enterprises of what is new (of all, for a
     * reminder), and the count.
     */
    public String subject(List<Alert> alerts, Set<Long> added, boolean repeat) {
        List<Alert> told = repeat ? alerts : alerts.stream().filter(a -> added.contains(a.id())).toList();
        RiskLevel top = told.stream().map(Alert::level).max(Comparator.naturalOrder()).orElse(RiskLevel.BLUE);
        List<String> names = told.stream().map(a -> oneLine(a.enterpriseName())).distinct().toList();
        String s = (repeat ? "【提醒】" : "") + "【" + top.label() + "】" + (repeat ? alerts.size() + " 条预警未办结："
                : added.size() + " 条新预警：") + String.join("、", names.subList(0, Math.min(2, names.size())))
                + (names.size() > 2 ? " 等 " + names.size() + " 家企业" : "");
        return s.length() > 160 ? s.substring(0, 159) + "…" : s;
    }

    /** 【再次提醒】【红色预警】青州云帆科技有限公司：title（本组 3 条未办结） — the overdue alert first. */
    String overdueSubject(List<Alert> alerts, Alert overdue) {
        String title = oneLine(overdue.title().isBlank() ? "（无标题）" : overdue.title());
        String s = "【再次提醒】【" + overdue.level().label() + "】" + oneLine(overdue.enterpriseName()) + "：" + title;
        String tail = alerts.size() > 1 ? "（本组 " + alerts.size() + " 条未办结）" : "";
        if (s.length() + tail.length() > 160) {
            s = s.substring(0, Math.max(0, 159 - tail.length())) + "…";
        }
        return s + tail;
    }

    public String consoleLink(long alertId) {
        return single.consoleLink(alertId);
    }

    public String inboxLink() {
        return consoleBaseUrl + "/";
    }

    /** Route name and group labels in one line, e.g. {@code 宣传部汇总；企业：青州云帆科技有限公司}. */
    public static String describe(String routeName, GroupLabels labels) {
        return (routeName.isBlank() ? "" : routeName + "；") + labels.describe();
    }

    /** The group key's labels, enterprise ids named after the group's own alerts (as the alert pages name them). */
    public static GroupLabels labels(String groupKey, List<Alert> alerts) {
        Map<String, String> names = new HashMap<>();
        for (Alert a : alerts) {
            names.putIfAbsent(a.enterpriseId(), oneLine(a.enterpriseName()));
        }
        return GroupLabels.parse(groupKey, names);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
