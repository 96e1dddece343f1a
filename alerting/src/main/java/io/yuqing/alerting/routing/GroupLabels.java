package io.yuqing.alerting.routing;

import io.yuqing.core.config.RouteConfig;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A group's labels, read back from its stored key ({@code enterprise=yunfan;category=wage-arrears}, see
 * {@link AlertLabels#groupKey}), each value with what staff should read for it: the enterprise's name rather than its
 * id, a category's or level's Chinese name. The key itself stays what machines read (API, outbox keys).
 *
 * @param labels in the order of the route's {@code groupBy}; empty for a group of everything
 */
public record GroupLabels(List<Label> labels) {
    /** Labels that may hold several values, joined by commas in the key (an alert with two categories). */
    private static final List<String> MULTI_VALUED = List.of("category", "rule");
    /** A label starts after a ';' that is followed by a known label name and '=': values may hold ';' themselves. */
    private static final Pattern SEPARATOR = Pattern.compile(";(?=(?:" + RouteConfig.LABELS.stream().sorted()
            .map(Pattern::quote).collect(Collectors.joining("|")) + ")=)");

    /**
     * @param name   the label as configured, e.g. {@code enterprise}
     * @param values its values as stored (ids and codes)
     * @param shown  the same values as people read them: enterprise names, category and level names, others as stored
     */
    public record Label(String name, List<String> values, List<String> shown) {
        public Label {
            values = List.copyOf(values);
            shown = List.copyOf(shown);
        }

        /** The label's Chinese name, e.g. 企业. */
        public String title() {
            return GroupLabels.title(name);
        }
    }

    public GroupLabels {
        labels = List.copyOf(labels);
    }

    /**
     * @param enterpriseNames the enterprise's name by id (an id without one is shown as it is)
     */
    public static GroupLabels parse(String groupKey, Map<String, String> enterpriseNames) {
        List<Label> out = new ArrayList<>();
        for (String part : split(groupKey)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String text = eq < 0 ? "" : part.substring(eq + 1);
            List<String> values = text.isEmpty() ? List.of()
                    : MULTI_VALUED.contains(name) ? Arrays.asList(text.split(",")) : List.of(text);
            List<String> shown = values.stream().map(v -> switch (name) {
                case "enterprise" -> enterpriseNames.getOrDefault(v, v);
                case "category" -> categoryName(v);
                case "level" -> levelName(v);
                default -> v;
            }).toList();
            out.add(new Label(name, values, shown));
        }
        return new GroupLabels(out);
    }

    /** The enterprise ids the key names (grouped by enterprise), to look their names up. */
    public static List<String> enterpriseIds(String groupKey) {
        return parse(groupKey, Map.of()).labels().stream().filter(l -> l.name().equals("enterprise"))
                .flatMap(l -> l.values().stream()).distinct().toList();
    }

    /** 企业：青州云帆科技有限公司，风险类别：拖欠工资、环保问题 — or 全部 when grouped by nothing. */
    public String describe() {
        if (labels.isEmpty()) {
            return "全部";
        }
        return labels.stream().map(l -> l.title() + "：" + (l.shown().isEmpty() ? "（无）" : String.join("、", l.shown())))
                .collect(Collectors.joining("，"));
    }

    private static List<String> split(String groupKey) {
        if (groupKey == null || groupKey.isBlank()) {
            return List.of();
        }
        return List.of(SEPARATOR.split(groupKey, -1));
    }

    static String title(String label) {
        return switch (label) {
            case "desk" -> "部门";
            case "district" -> "区县";
            case "industry" -> "行业";
            case "category" -> "风险类别";
            case "level" -> "级别";
            case "enterprise" -> "企业";
            case "rule" -> "规则";
            case "source" -> "来源";
            case RouteConfig.ALERT_LABEL -> "单条预警";
            default -> label;
        };
    }

    private static String categoryName(String code) {
        try {
            return RiskCategory.fromCode(code).label();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String levelName(String code) {
        try {
            return RiskLevel.fromCode(code).label();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }
}
