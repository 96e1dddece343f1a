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
 * "why did (or didn't) this alert reach us?". zh-CN; every configured and crawled string escaped.
 */
final class RulesPages {
    /** How long a new silence lasts: the choices offered, in hours. */
    static final List<Integer> DURATION_HOURS = List.of(1, 4, 24, 72, 168, 720);

    private final YuqingService service;

    RulesPages(YuqingService service) {
        this.service = service;
    }

    /** @param prefill matchers to pre-select (from an alert's "静默同类" link) */
    String silences(Caller who, Map<String, String> prefill, String notice) {
        StringBuilder b = new StringBuilder("<h1>静默规则</h1><p class=\"meta\">静默期间，符合条件的预警照常记录、可在控制台查看，"
                + "但不发送邮件通知。到期自动失效，也可提前解除。</p>");
        if (notice != null && !notice.isBlank()) {
            b.append("<div class=\"notice\">").append(escape(notice)).append("</div>");
        }
        List<Silence> active = service.silences().active();
        if (active.isEmpty()) {
            b.append("<div class=\"empty\">当前没有生效的静默规则。</div>");
        } else {
            b.append("<table id=\"silences\"><thead><tr><th>条件</th><th>说明</th><th>设置人</th><th>开始</th><th>结束</th><th></th></tr></thead><tbody>");
            for (Silence s : active) {
                b.append("<tr><td>").append(escape(describe(s))).append("</td><td>").append(escape(s.comment()))
                        .append("</td><td>").append(escape(s.author())).append("</td><td class=\"meta\">")
                        .append(ConsolePages.formatTime(s.startsAt())).append("</td><td class=\"meta\">")
                        .append(ConsolePages.formatTime(s.endsAt())).append("</td><td>");
                if (who.user().canAct()) {
                    b.append("<form method=\"post\" action=\"/silences/").append(s.id()).append("/expire\">")
                            .append(csrf(who)).append("<button type=\"submit\" class=\"secondary\">解除</button></form>");
                }
                b.append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        if (who.user().canAct()) {
            b.append("<h2>新建静默</h2><div class=\"card\"><form method=\"post\" action=\"/silences\" id=\"new-silence\">").append(csrf(who));
            List<Map.Entry<String, String>> enterprises = new ArrayList<>(List.of(Map.entry("", "任意企业")));
            for (Enterprise e : service.watchlist()) {
                enterprises.add(Map.entry(e.id(), e.name()));
            }
            List<Map.Entry<String, String>> categories = new ArrayList<>(List.of(Map.entry("", "任意类别")));
            for (RiskCategory c : RiskCategory.values()) {
                categories.add(Map.entry(c.code(), c.label()));
            }
            List<Map.Entry<String, String>> levels = new ArrayList<>(List.of(Map.entry("", "任意级别")));
            for (RiskLevel l : List.of(RiskLevel.BLUE, RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED)) {
                levels.add(Map.entry(l.code(), l.label()));
            }
            List<Map.Entry<String, String>> desks = new ArrayList<>(List.of(Map.entry("", "任意部门")));
            for (DeskConfig d : service.config().desks()) {
                desks.add(Map.entry(d.id(), d.name()));
            }
            List<Map.Entry<String, String>> sources = new ArrayList<>(List.of(Map.entry("", "任意来源")));
            for (SourceConfig s : service.config().sources()) {
                sources.add(Map.entry(s.id(), s.name()));
            }
            List<Map.Entry<String, String>> durations = DURATION_HOURS.stream()
                    .map(h -> Map.entry(Integer.toString(h), h < 24 ? h + " 小时" : h / 24 + " 天")).toList();
            b.append("<p>").append(select("enterprise", "企业", prefill.getOrDefault("enterprise", ""), enterprises))
                    .append(select("category", "风险类别", prefill.getOrDefault("category", ""), categories))
                    .append(select("level", "预警级别", prefill.getOrDefault("level", ""), levels))
                    .append(select("desk", "部门", prefill.getOrDefault("desk", ""), desks))
                    .append(select("source", "来源", prefill.getOrDefault("source", ""), sources)).append("</p><p>")
                    .append(select("hours", "时长", "24", durations))
                    .append(" <input type=\"text\" name=\"comment\" size=\"50\" placeholder=\"原因（必填），如：已核实为同一事件的重复报道\" aria-label=\"原因\"> ")
                    .append("<button type=\"submit\">设置静默</button></p></form></div>");
        }
        return b.toString();
    }

    String routing() {
        StringBuilder b = new StringBuilder("<h1>分发与规则</h1>");
        ScoringConfig.LevelThresholds levels = service.config().scoring().levels();
        b.append("<h2>预警级别（四级预警）</h2><div class=\"card\"><p>风险分数达到 <b>").append(levels.blue()).append("</b> 为蓝色预警，<b>")
                .append(levels.yellow()).append("</b> 为黄色预警，<b>").append(levels.orange()).append("</b> 为橙色预警，<b>")
                .append(levels.red()).append("</b> 为红色预警。分数由报道中的风险证据（词语、类别、是否在标题）综合得出，否认、辟谣、已妥善解决等表述不计入。</p></div>");
        b.append("<h2>部门分发</h2><table><thead><tr><th>部门</th><th>收件人</th><th>接收的风险类别</th><th>最低级别</th></tr></thead><tbody>");
        for (DeskConfig d : service.config().desks()) {
            b.append("<tr><td>").append(escape(d.name())).append("</td><td>").append(escape(String.join("、", d.recipients())))
                    .append("</td><td>").append(d.categories().isEmpty() ? "全部" : escape(d.categories().stream().map(RiskCategory::label)
                            .collect(Collectors.joining("、")))).append("</td><td>").append(escape(d.minLevel().label())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        AlertingConfig a = service.config().alerting();
        b.append("<h2>跟进规则</h2><div class=\"card\"><ul>")
                .append("<li>红色预警 ").append(escape(Durations.format(a.redRenotifyAfter()))).append(" 内无人确认，再次提醒")
                .append(a.escalationRecipients().isEmpty() ? "" : "，并抄送 " + escape(String.join("、", a.escalationRecipients()))).append("。</li>")
                .append("<li>预警超过 ").append(escape(Durations.format(a.overdueAfter()))).append(" 未办结（或超过交办期限）列为超期，写入每日简报。</li>")
                .append("<li>每日 ").append(escape(a.digestTime().toString())).append("（").append(escape(a.zone().getId()))
                .append("）向各部门发送前一日舆情简报。</li>")
                .append("<li>标记为误报后，同一企业、同样证据的报道 ").append(escape(Durations.format(a.falsePositiveSuppression())))
                .append(" 内不再预警。</li>")
                .append("<li>某企业报道量明显超出其以往水平时记为事件升级，单条预警并入升级通知，不再逐条发送。</li>");
        if (a.quietHours().enabled()) {
            b.append("<li>夜间 ").append(escape(a.quietHours().from().toString())).append("–").append(escape(a.quietHours().to().toString()))
                    .append(" 低于").append(escape(a.quietHours().levelsBelow().label())).append("的预警延至早上发送；红色预警随时发送。</li>");
        }
        b.append("</ul></div>");
        return b.toString();
    }

    private static String describe(Silence s) {
        List<String> parts = new ArrayList<>();
        var m = s.matchers();
        if (m.enterpriseId() != null) {
            parts.add("企业：" + m.enterpriseId());
        }
        if (m.category() != null) {
            parts.add("类别：" + m.category().label());
        }
        if (m.level() != null) {
            parts.add("级别：" + m.level().label());
        }
        if (m.deskId() != null) {
            parts.add("部门：" + m.deskId());
        }
        if (m.sourceId() != null) {
            parts.add("来源：" + m.sourceId());
        }
        return String.join("；", parts);
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
