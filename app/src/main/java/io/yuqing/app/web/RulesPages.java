package io.yuqing.app.web;

import io.yuqing.alerting.silence.Silence;
import io.yuqing.app.service.YuqingService;
import io.yuqing.alerting.routing.RoutingTree;
import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.RouteConfig;
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
        rules(b);
        tree(b);
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

    private void rules(StringBuilder b) {
        b.append("<h2>预警规则</h2><table id=\"rules\"><thead><tr><th>规则</th><th>类型</th><th>状态</th><th>条件</th><th>级别</th><th>标签</th></tr></thead><tbody>");
        for (AlertRuleConfig r : service.config().rules()) {
            b.append("<tr><td>").append(escape(r.id())).append("</td><td>").append(escape(kindLabel(r))).append("</td><td>")
                    .append(r.enabled() ? "启用" : "未启用").append("</td><td>").append(escape(condition(r))).append("</td><td>")
                    .append(escape(level(r))).append("</td><td>").append(escape(r.labels().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("，")))).append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"meta\">事件升级（报道量明显超出企业以往水平）另行检测，始终启用。"
                + "可用 <code>yuqing rules test 规则 --since 30d</code> 在已入库的报道上试运行一条规则（包括未启用的），不发送任何通知。</p>");
    }

    private void tree(StringBuilder b) {
        RoutingTree tree = service.routing();
        b.append("<h2>分发树</h2>");
        if (tree.translatedFromDesks()) {
            b.append("<p class=\"meta\">未配置分发树：按上表各部门的风险类别和最低级别分发（每个部门一条路由）。</p>");
        }
        b.append("<ul id=\"routing-tree\">");
        route(b, tree.root(), true);
        b.append("</ul>");
    }

    private static void route(StringBuilder b, RoutingTree.Route r, boolean root) {
        b.append("<li><b>").append(escape(root ? "根路由" : r.name().isEmpty() ? "路由 " + r.key() : r.name())).append("</b>");
        if (!root) {
            b.append("：").append(r.matchers().isEmpty() ? "全部预警" : escape(r.matchers().stream().map(RulesPages::matcher)
                    .collect(Collectors.joining("，且 "))));
        }
        b.append(" → ").append(r.receivers().isEmpty() ? "（不发送）" : escape(r.receivers().stream().map(DeskConfig::name)
                .collect(Collectors.joining("、"))));
        b.append("<br><span class=\"meta\">").append(escape(grouping(r)));
        if (r.continueAfter()) {
            b.append("；匹配后继续尝试下一条路由");
        }
        b.append("</span>");
        if (!r.routes().isEmpty()) {
            b.append("<ul>");
            r.routes().forEach(child -> route(b, child, false));
            b.append("</ul>");
        }
        b.append("</li>");
    }

    private static String grouping(RoutingTree.Route r) {
        if (r.immediatePerAlert()) {
            return "逐条立即发送";
        }
        String by = r.groupBy().stream().map(RulesPages::labelName).collect(Collectors.joining("、"));
        return "按" + by + "分组；首次等待 " + Durations.format(r.groupWait()) + "，新增间隔 " + Durations.format(r.groupInterval())
                + "，" + (r.repeatInterval().isZero() ? "不重复提醒" : "未办结每 " + Durations.format(r.repeatInterval()) + " 提醒");
    }

    private static String matcher(RouteConfig.Matcher m) {
        String value = m.value();
        if (m.label().equals("level") && m.op() != RouteConfig.Matcher.Op.REGEX && m.op() != RouteConfig.Matcher.Op.NOT_REGEX) {
            value = RiskLevel.fromCode(value).label();
        } else if (m.label().equals("category") && (m.op() == RouteConfig.Matcher.Op.EQUALS || m.op() == RouteConfig.Matcher.Op.NOT_EQUALS)) {
            value = categoryLabel(value);
        } else if (m.label().equals("category")) {
            value = java.util.Arrays.stream(value.split("\\|")).map(RulesPages::categoryLabel).collect(Collectors.joining("|"));
        }
        String op = switch (m.op()) {
            case EQUALS -> "为";
            case NOT_EQUALS -> "不为";
            case REGEX -> "属于";
            case NOT_REGEX -> "不属于";
            case AT_LEAST -> "不低于";
        };
        return labelName(m.label()) + op + value;
    }

    private static String categoryLabel(String code) {
        try {
            return RiskCategory.fromCode(code).label();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String labelName(String label) {
        return switch (label) {
            case "desk" -> "部门";
            case "district" -> "区县";
            case "industry" -> "行业";
            case "category" -> "风险类别";
            case "level" -> "级别";
            case "enterprise" -> "企业";
            case "rule" -> "规则";
            case "source" -> "来源";
            case "alert" -> "单条预警";
            default -> label;
        };
    }

    private static String kindLabel(AlertRuleConfig r) {
        return switch (r) {
            case AlertRuleConfig.ItemThreshold x -> "单条报道阈值";
            case AlertRuleConfig.NewCategory x -> "首次出现的风险类别";
            case AlertRuleConfig.Spread x -> "传播扩散";
            case AlertRuleConfig.KeywordWatch x -> "关键词监测";
            case AlertRuleConfig.SourceSilent x -> "信息来源静默（系统告警）";
        };
    }

    private static String condition(AlertRuleConfig r) {
        return switch (r) {
            case AlertRuleConfig.ItemThreshold x -> "级别不低于" + x.minLevel().label() + (x.minScore() > 0 ? "，分值不低于 " + x.minScore() : "");
            case AlertRuleConfig.NewCategory x -> (x.categories().isEmpty() ? "任一风险类别" : x.categories().stream()
                    .map(RiskCategory::label).collect(Collectors.joining("、"))) + " " + Durations.format(x.quietFor()) + " 内首次出现";
            case AlertRuleConfig.Spread x -> Durations.format(x.window()) + " 内" + (x.measure() == AlertRuleConfig.Spread.Measure.SOURCES
                    ? "报道该企业的网站数" : "同一报道转载篇数") + "达到阈值";
            case AlertRuleConfig.KeywordWatch x -> (x.required().isEmpty() ? "" : "包含全部：" + String.join("、", x.required()) + "；")
                    + (x.anyOf().isEmpty() ? "" : "包含任一：" + String.join("、", x.anyOf()) + "；")
                    + (x.excluded().isEmpty() ? "" : "不含：" + String.join("、", x.excluded()) + "；")
                    + (x.enterprises().isEmpty() ? "任一关注企业" : "企业：" + String.join("、", x.enterprises()));
            case AlertRuleConfig.SourceSilent x -> (x.sources().isEmpty() ? "全部来源" : String.join("、", x.sources()))
                    + " 超过通常间隔 " + x.factor() + " 倍（至少 " + Durations.format(x.minSilence()) + "）无新内容；通知 "
                    + String.join("、", x.recipients());
        };
    }

    private static String level(AlertRuleConfig r) {
        return switch (r) {
            case AlertRuleConfig.ItemThreshold x -> x.level() == null ? "按分值（四级预警）" : x.level().label();
            case AlertRuleConfig.NewCategory x -> x.level() == null ? "按分值（四级预警）" : x.level().label();
            case AlertRuleConfig.Spread x -> x.levels().entrySet().stream().map(e -> e.getValue() + " 起" + e.getKey().label())
                    .collect(Collectors.joining("，"));
            case AlertRuleConfig.KeywordWatch x -> x.level().label();
            case AlertRuleConfig.SourceSilent x -> x.level().label();
        };
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
