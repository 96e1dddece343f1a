package io.yuqing.app.web;

import io.yuqing.alerting.routing.RoutingTree;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.Durations;
import io.yuqing.core.config.RouteConfig;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.util.stream.Collectors;

import static io.yuqing.core.text.Html.escape;

/** The routing page's alert rules and routing tree, readable for staff, in the reader's language. */
final class RoutingTreePages {
    private final YuqingService service;

    RoutingTreePages(YuqingService service) {
        this.service = service;
    }

    private static String t(Messages m, String zh, String en) {
        return m.english() ? en : zh;
    }

    void rules(StringBuilder b, Messages m) {
        b.append("<h2>").append(escape(t(m, "预警规则", "Alert rules"))).append("</h2><table id=\"rules\"><thead><tr><th>")
                .append(escape(t(m, "规则", "Rule"))).append("</th><th>").append(escape(t(m, "类型", "Kind"))).append("</th><th>")
                .append(escape(t(m, "状态", "State"))).append("</th><th>").append(escape(t(m, "条件", "Condition"))).append("</th><th>")
                .append(escape(t(m, "级别", "Level"))).append("</th><th>").append(escape(t(m, "标签", "Labels"))).append("</th></tr></thead><tbody>");
        for (AlertRuleConfig r : service.config().rules()) {
            b.append("<tr><td>").append(escape(r.id())).append("</td><td>").append(escape(kindLabel(r, m))).append("</td><td>")
                    .append(escape(r.enabled() ? t(m, "启用", "on") : t(m, "未启用", "off"))).append("</td><td>")
                    .append(escape(condition(r, m))).append("</td><td>").append(escape(level(r, m))).append("</td><td>")
                    .append(escape(r.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(m.separator())))).append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"meta\">").append(escape(t(m,
                "事件升级（报道量明显超出企业以往水平）另行检测，始终启用。可用 yuqing rules test 规则 --since 30d 在已入库的报道上试运行一条规则（包括未启用的），不发送任何通知。",
                "Escalations (coverage well above an enterprise's own baseline) are detected separately and always on. "
                        + "yuqing rules test RULE --since 30d replays stored items through one rule (also a disabled one) and sends nothing.")))
                .append("</p>");
    }

    void tree(StringBuilder b, Messages m) {
        RoutingTree tree = service.routing();
        b.append("<h2>").append(escape(t(m, "分发树", "Routing tree"))).append("</h2>");
        if (tree.translatedFromDesks()) {
            b.append("<p class=\"meta\">").append(escape(t(m, "未配置分发树：按上表各部门的风险类别和最低级别分发（每个部门一条路由）。",
                    "No routing tree is configured: each desk gets its categories from its minimum level (one route per desk).")))
                    .append("</p>");
        }
        b.append("<ul id=\"routing-tree\">");
        route(b, tree.root(), true, m);
        b.append("</ul>");
    }

    private static void route(StringBuilder b, RoutingTree.Route r, boolean root, Messages m) {
        b.append("<li><b>").append(escape(root ? t(m, "根路由", "Root route")
                : r.name().isEmpty() ? t(m, "路由 ", "Route ") + r.key() : r.name())).append("</b>");
        if (!root) {
            b.append(escape(m.colon())).append(r.matchers().isEmpty() ? escape(t(m, "全部预警", "every alert"))
                    : escape(r.matchers().stream().map(x -> matcher(x, m)).collect(Collectors.joining(t(m, "，且 ", ", and ")))));
        }
        b.append(" → ").append(r.receivers().isEmpty() ? escape(t(m, "（不发送）", "(not sent)"))
                : escape(r.receivers().stream().map(DeskConfig::name).collect(Collectors.joining(m.separator()))));
        b.append("<br><span class=\"meta\">").append(escape(grouping(r, m)));
        if (r.continueAfter()) {
            b.append(escape(t(m, "；匹配后继续尝试下一条路由", "; after a match, the next route is tried too")));
        }
        b.append("</span>");
        if (!r.routes().isEmpty()) {
            b.append("<ul>");
            r.routes().forEach(child -> route(b, child, false, m));
            b.append("</ul>");
        }
        b.append("</li>");
    }

    private static String grouping(RoutingTree.Route r, Messages m) {
        if (r.immediatePerAlert()) {
            return t(m, "逐条立即发送", "each alert at once");
        }
        String by = r.groupBy().stream().map(l -> labelName(l, m)).collect(Collectors.joining(m.separator()));
        String wait = Durations.format(r.groupWait());
        String interval = Durations.format(r.groupInterval());
        String repeat = r.repeatInterval().isZero() ? t(m, "不重复提醒", "no reminders")
                : t(m, "未办结每 " + Durations.format(r.repeatInterval()) + " 提醒", "reminded every " + Durations.format(r.repeatInterval()) + " while open");
        return t(m, "按" + by + "分组；首次等待 " + wait + "，新增间隔 " + interval + "，" + repeat,
                "grouped by " + by + "; first wait " + wait + ", additions every " + interval + ", " + repeat);
    }

    private static String matcher(RouteConfig.Matcher x, Messages m) {
        String value = x.value();
        if (x.label().equals("level") && x.op() != RouteConfig.Matcher.Op.REGEX && x.op() != RouteConfig.Matcher.Op.NOT_REGEX) {
            value = m.level(RiskLevel.fromCode(value));
        } else if (x.label().equals("category") && (x.op() == RouteConfig.Matcher.Op.EQUALS || x.op() == RouteConfig.Matcher.Op.NOT_EQUALS)) {
            value = categoryLabel(value, m);
        } else if (x.label().equals("category")) {
            value = java.util.Arrays.stream(value.split("\\|")).map(c -> categoryLabel(c, m)).collect(Collectors.joining("|"));
        }
        String op = switch (x.op()) {
            case EQUALS -> t(m, "为", " is ");
            case NOT_EQUALS -> t(m, "不为", " is not ");
            case REGEX -> t(m, "属于", " is one of ");
            case NOT_REGEX -> t(m, "不属于", " is none of ");
            case AT_LEAST -> t(m, "不低于", " at least ");
        };
        return labelName(x.label(), m) + op + value;
    }

    private static String categoryLabel(String code, Messages m) {
        try {
            return m.category(RiskCategory.fromCode(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String labelName(String label, Messages m) {
        return switch (label) {
            case "desk" -> t(m, "部门", "desk");
            case "district" -> t(m, "区县", "district");
            case "industry" -> t(m, "行业", "industry");
            case "category" -> t(m, "风险类别", "category");
            case "level" -> t(m, "级别", "level");
            case "enterprise" -> t(m, "企业", "enterprise");
            case "rule" -> t(m, "规则", "rule");
            case "source" -> t(m, "来源", "source");
            case "alert" -> t(m, "单条预警", "single alert");
            default -> label;
        };
    }

    private static String kindLabel(AlertRuleConfig r, Messages m) {
        return switch (r) {
            case AlertRuleConfig.ItemThreshold x -> t(m, "单条报道阈值", "item threshold");
            case AlertRuleConfig.NewCategory x -> t(m, "首次出现的风险类别", "new category");
            case AlertRuleConfig.Spread x -> t(m, "传播扩散", "spread");
            case AlertRuleConfig.KeywordWatch x -> t(m, "关键词监测", "keyword watch");
            case AlertRuleConfig.SourceSilent x -> t(m, "信息来源静默（系统告警）", "source silent (system alert)");
        };
    }

    private static String condition(AlertRuleConfig r, Messages m) {
        String sep = m.separator();
        return switch (r) {
            case AlertRuleConfig.ItemThreshold x -> t(m, "级别不低于", "level at least ") + m.level(x.minLevel())
                    + (x.minScore() > 0 ? t(m, "，分值不低于 ", ", score at least ") + x.minScore() : "");
            case AlertRuleConfig.NewCategory x -> (x.categories().isEmpty() ? t(m, "任一风险类别", "any category")
                    : x.categories().stream().map(m::category).collect(Collectors.joining(sep)))
                    + t(m, " " + Durations.format(x.quietFor()) + " 内首次出现", ", first in " + Durations.format(x.quietFor()));
            case AlertRuleConfig.Spread x -> t(m, Durations.format(x.window()) + " 内" + (x.measure() == AlertRuleConfig.Spread.Measure.SOURCES
                            ? "报道该企业的网站数" : "同一报道转载篇数") + "达到阈值",
                    (x.measure() == AlertRuleConfig.Spread.Measure.SOURCES ? "sites reporting on the enterprise"
                            : "reposts of one story") + " within " + Durations.format(x.window()) + " reach a threshold");
            case AlertRuleConfig.KeywordWatch x -> (x.required().isEmpty() ? "" : t(m, "包含全部：", "all of: ") + String.join(sep, x.required()) + "; ")
                    + (x.anyOf().isEmpty() ? "" : t(m, "包含任一：", "any of: ") + String.join(sep, x.anyOf()) + "; ")
                    + (x.excluded().isEmpty() ? "" : t(m, "不含：", "none of: ") + String.join(sep, x.excluded()) + "; ")
                    + (x.enterprises().isEmpty() ? t(m, "任一关注企业", "any watched enterprise")
                    : t(m, "企业：", "enterprises: ") + String.join(sep, x.enterprises()));
            case AlertRuleConfig.SourceSilent x -> (x.sources().isEmpty() ? t(m, "全部来源", "every source") : String.join(sep, x.sources()))
                    + t(m, " 超过通常间隔 " + x.factor() + " 倍（至少 " + Durations.format(x.minSilence()) + "）无新内容；通知 ",
                    ": nothing new for " + x.factor() + "× the usual gap (at least " + Durations.format(x.minSilence()) + "); notifies ")
                    + String.join(sep, x.recipients());
        };
    }

    private static String level(AlertRuleConfig r, Messages m) {
        String byScore = t(m, "按分值（四级预警）", "by score (four levels)");
        return switch (r) {
            case AlertRuleConfig.ItemThreshold x -> x.level() == null ? byScore : m.level(x.level());
            case AlertRuleConfig.NewCategory x -> x.level() == null ? byScore : m.level(x.level());
            case AlertRuleConfig.Spread x -> x.levels().entrySet().stream()
                    .map(e -> t(m, e.getValue() + " 起" + m.level(e.getKey()), m.level(e.getKey()) + " from " + e.getValue()))
                    .collect(Collectors.joining(m.separator()));
            case AlertRuleConfig.KeywordWatch x -> m.level(x.level());
            case AlertRuleConfig.SourceSilent x -> m.level(x.level());
        };
    }
}
