package io.yuqing.app.web;

import io.yuqing.alerting.silence.Silence;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.Durations;
import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.yuqing.core.text.Html.escape;

/**
 * Silences (readable and editable) and the routing and rules in force (readable): what staff check when they ask
 * "why did (or didn't) this alert reach us?". Fixed strings through {@link Messages}; every configured and crawled
 * string escaped and never translated.
 */
final class RulesPages {
    /** How long a new silence lasts: the choices offered, in hours. */
    static final List<Integer> DURATION_HOURS = List.of(1, 4, 24, 72, 168, 720);

    private final YuqingService service;

    RulesPages(YuqingService service) {
        this.service = service;
    }

    /** What a redirect after a silence change says: the {@code msg} code of /silences and the message it shows. */
    static final Map<String, String> NOTICES = Map.of("created", "静默已设置", "expired", "静默已解除", "gone", "这条静默已不存在");

    /**
     * @param prefill matchers to pre-select (from an alert's "静默同类" link)
     * @param notice  a code of {@link #NOTICES}; anything else shows nothing
     */
    String silences(Caller who, Map<String, String> prefill, String notice) {
        Messages m = who.messages();
        StringBuilder b = new StringBuilder("<h1>").append(escape(m.t("静默规则"))).append("</h1><p class=\"meta\">")
                .append(escape(m.t("静默期间，符合条件的预警照常记录、可在控制台查看，但不发送邮件通知。到期自动失效，也可提前解除。"))).append("</p>");
        if (notice != null && NOTICES.containsKey(notice)) {
            b.append("<div class=\"notice\" role=\"status\">").append(escape(m.t(NOTICES.get(notice)))).append("</div>");
        }
        List<Silence> active = service.silences().active();
        if (active.isEmpty()) {
            b.append("<div class=\"empty\">").append(escape(m.t("当前没有生效的静默规则。"))).append("</div>");
        } else {
            b.append("<table id=\"silences\"><thead><tr>");
            for (String h : List.of("条件", "说明", "设置人", "开始", "结束")) {
                b.append("<th>").append(escape(m.t(h))).append("</th>");
            }
            b.append("<th></th></tr></thead><tbody>");
            for (Silence s : active) {
                b.append("<tr><td>").append(escape(describe(s, m))).append("</td><td>").append(escape(s.comment()))
                        .append("</td><td>").append(escape(s.author())).append("</td><td class=\"meta\">")
                        .append(ConsolePages.formatTime(s.startsAt())).append("</td><td class=\"meta\">")
                        .append(ConsolePages.formatTime(s.endsAt())).append("</td><td>");
                if (who.user().canAct()) {
                    b.append("<form method=\"post\" action=\"/silences/").append(s.id()).append("/expire\">")
                            .append(csrf(who)).append("<button type=\"submit\" class=\"secondary\">").append(escape(m.t("解除"))).append("</button></form>");
                }
                b.append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        if (who.user().canAct()) {
            b.append("<h2>").append(escape(m.t("新建静默"))).append("</h2><div class=\"card\"><form method=\"post\" action=\"/silences\" id=\"new-silence\">")
                    .append(csrf(who));
            List<Map.Entry<String, String>> enterprises = new ArrayList<>(List.of(Map.entry("", m.t("任意企业"))));
            for (Enterprise e : service.watchlist()) {
                enterprises.add(Map.entry(e.id(), e.name()));
            }
            List<Map.Entry<String, String>> categories = new ArrayList<>(List.of(Map.entry("", m.t("任意类别"))));
            for (RiskCategory c : RiskCategory.values()) {
                categories.add(Map.entry(c.code(), m.category(c)));
            }
            List<Map.Entry<String, String>> levels = new ArrayList<>(List.of(Map.entry("", m.t("任意级别"))));
            for (RiskLevel l : List.of(RiskLevel.BLUE, RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED)) {
                levels.add(Map.entry(l.code(), m.level(l)));
            }
            List<Map.Entry<String, String>> desks = new ArrayList<>(List.of(Map.entry("", m.t("任意部门"))));
            for (DeskConfig d : service.config().desks()) {
                desks.add(Map.entry(d.id(), d.name()));
            }
            List<Map.Entry<String, String>> sources = new ArrayList<>(List.of(Map.entry("", m.t("任意来源"))));
            for (SourceConfig s : service.config().sources()) {
                sources.add(Map.entry(s.id(), s.name()));
            }
            List<Map.Entry<String, String>> durations = DURATION_HOURS.stream()
                    .map(h -> Map.entry(Integer.toString(h), h < 24 ? m.t("{0} 小时", h) : m.t("{0} 天", h / 24))).toList();
            b.append("<p>").append(select("enterprise", m.t("企业"), prefill.getOrDefault("enterprise", ""), enterprises))
                    .append(select("category", m.t("风险类别"), prefill.getOrDefault("category", ""), categories))
                    .append(select("level", m.t("预警级别"), prefill.getOrDefault("level", ""), levels))
                    .append(select("desk", m.t("部门"), prefill.getOrDefault("desk", ""), desks))
                    .append(select("source", m.t("来源"), prefill.getOrDefault("source", ""), sources)).append("</p><p>")
                    .append(select("hours", m.t("时长"), "24", durations))
                    .append(" <input type=\"text\" name=\"comment\" size=\"50\" placeholder=\"")
                    .append(escape(m.t("原因（必填），如：已核实为同一事件的重复报道"))).append("\" aria-label=\"").append(escape(m.t("原因"))).append("\"> ")
                    .append("<button type=\"submit\">").append(escape(m.t("设置静默"))).append("</button></p></form></div>");
        }
        return b.toString();
    }

    String routing(Caller who) {
        Messages m = who.messages();
        StringBuilder b = new StringBuilder("<h1>").append(escape(m.t("分发与规则"))).append("</h1>");
        ScoringConfig.LevelThresholds levels = service.config().scoring().levels();
        b.append("<h2>").append(escape(m.t("预警级别（四级预警）"))).append("</h2><div class=\"card\"><p>")
                .append(m.t("风险分数达到 <b>{0}</b> 为蓝色预警，<b>{1}</b> 为黄色预警，<b>{2}</b> 为橙色预警，<b>{3}</b> 为红色预警。",
                        levels.blue(), levels.yellow(), levels.orange(), levels.red()))
                .append(escape(m.t("分数由报道中的风险证据（词语、类别、是否在标题）综合得出，否认、辟谣、已妥善解决等表述不计入。"))).append("</p></div>");
        b.append("<h2>").append(escape(m.t("部门分发"))).append("</h2><table><thead><tr><th>").append(escape(m.t("部门"))).append("</th><th>")
                .append(escape(m.t("收件人"))).append("</th><th>").append(escape(m.t("接收的风险类别"))).append("</th><th>")
                .append(escape(m.t("最低级别"))).append("</th></tr></thead><tbody>");
        for (DeskConfig d : service.config().desks()) {
            b.append("<tr><td>").append(escape(d.name())).append("</td><td>").append(escape(String.join(m.separator(), d.recipients())))
                    .append("</td><td>").append(escape(d.categories().isEmpty() ? m.t("全部") : d.categories().stream().map(m::category)
                            .collect(Collectors.joining(m.separator())))).append("</td><td>").append(escape(m.level(d.minLevel()))).append("</td></tr>");
        }
        b.append("</tbody></table>");
        RoutingTreePages treePages = new RoutingTreePages(service);
        treePages.rules(b, m);
        treePages.tree(b, m);
        AlertingConfig a = service.config().alerting();
        b.append("<h2>").append(escape(m.t("跟进规则"))).append("</h2><div class=\"card\"><ul>")
                .append("<li>").append(escape(m.t("红色预警 {0} 内无人确认，再次提醒", Durations.format(a.redRenotifyAfter()))))
                .append(a.escalationRecipients().isEmpty() ? "" : escape(m.t("，并抄送 {0}", String.join(m.separator(), a.escalationRecipients())))).append(escape(m.t("。"))).append("</li>")
                .append("<li>").append(escape(m.t("预警超过 {0} 未办结（或超过交办期限）列为超期，写入每日简报。", Durations.format(a.overdueAfter())))).append("</li>")
                .append("<li>").append(escape(m.t("每日 {0}（{1}）向各部门发送前一日舆情简报。", a.digestTime(), a.zone().getId()))).append("</li>")
                .append("<li>").append(escape(m.t("标记为误报后，同一企业、同样证据的报道 {0} 内不再预警。", Durations.format(a.falsePositiveSuppression()))))
                .append("</li>")
                .append("<li>").append(escape(m.t("某企业报道量明显超出其以往水平时记为事件升级，单条预警并入升级通知，不再逐条发送。"))).append("</li>");
        if (a.quietHours().enabled()) {
            b.append("<li>").append(escape(m.t("夜间 {0}–{1} 低于{2}的预警延至早上发送；红色预警随时发送。", a.quietHours().from(), a.quietHours().to(),
                    m.level(a.quietHours().levelsBelow())))).append("</li>");
        }
        b.append("</ul></div>");
        return b.toString();
    }

    private static String describe(Silence s, Messages t) {
        List<String> parts = new ArrayList<>();
        var m = s.matchers();
        if (m.enterpriseId() != null) {
            parts.add(t.t("企业：") + m.enterpriseId());
        }
        if (m.category() != null) {
            parts.add(t.t("类别：") + t.category(m.category()));
        }
        if (m.level() != null) {
            parts.add(t.t("级别：") + t.level(m.level()));
        }
        if (m.deskId() != null) {
            parts.add(t.t("部门：") + m.deskId());
        }
        if (m.sourceId() != null) {
            parts.add(t.t("来源：") + m.sourceId());
        }
        return String.join(t.english() ? "; " : "；", parts);
    }

    private static String csrf(Caller who) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(who.csrfToken()) + "\">";
    }

    private static String select(String name, String label, String current, List<Map.Entry<String, String>> options) {
        StringBuilder b = new StringBuilder("<select name=\"").append(name).append("\" aria-label=\"").append(escape(label)).append("\">");
        for (var o : options) {
            b.append("<option value=\"").append(escape(o.getKey())).append("\"").append(o.getKey().equals(current) ? " selected" : "")
                    .append(">").append(escape(o.getValue())).append("</option>");
        }
        return b.append("</select> ").toString();
    }
}
