package io.yuqing.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One route of the routing tree. Settings left out are inherited from the parent route.
 *
 * @param name           shown on the console's routing page and in logs; optional
 * @param matchers       conditions on alert labels, all of which must hold, e.g. {@code category=food-safety},
 *                       {@code level>=orange}, {@code district=~东湖区|西湖区}, {@code enterprise!=x}; none: every alert
 * @param receivers      desk ids this route sends to; empty: the parent's
 * @param continueAfter  {@code continue} in the file: after this route takes an alert, try the next sibling too
 */
public record RouteConfig(String name, List<String> matchers, List<String> receivers,
                          @JsonProperty("continue") Boolean continueAfter, List<String> groupBy, Duration groupWait,
                          Duration groupInterval, Duration repeatInterval, List<RouteConfig> routes) {
    /** The labels routes match and group on. {@code alert} is the alert's own id (a group per alert). */
    public static final Set<String> LABELS = Set.of("desk", "district", "industry", "category", "level", "enterprise",
            "rule", "source", RouteConfig.ALERT_LABEL);
    public static final String ALERT_LABEL = "alert";
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-z_]+)\\s*(=~|!~|!=|>=|=)\\s*(.*?)\\s*");

    public RouteConfig {
        String where = "route '" + (name == null || name.isBlank() ? "(unnamed)" : name.strip()) + "'";
        name = name == null ? "" : name.strip();
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        for (String m : matchers) {
            parse(where, m);
        }
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
        continueAfter = continueAfter != null && continueAfter;
        groupBy = groupBy == null ? null : checkGroupBy(where, groupBy);
        checkTimes(where, groupWait, groupInterval, repeatInterval);
        routes = routes == null ? List.of() : routes;
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i) == null) {
                throw new IllegalArgumentException(where + ": sub-route " + (i + 1) + " is empty");
            }
        }
        routes = List.copyOf(routes);
    }

    /** A label condition: {@code label op value}. */
    public record Matcher(String label, Op op, String value) {
        public enum Op {
            EQUALS("="), NOT_EQUALS("!="), REGEX("=~"), NOT_REGEX("!~"), AT_LEAST(">=");

            private final String symbol;

            Op(String symbol) {
                this.symbol = symbol;
            }

            public String symbol() {
                return symbol;
            }
        }

        @Override
        public String toString() {
            return label + op.symbol() + value;
        }
    }

    /** The parsed matchers. */
    public List<Matcher> parsedMatchers() {
        List<Matcher> out = new ArrayList<>();
        for (String m : matchers) {
            out.add(parse("route '" + name + "'", m));
        }
        return List.copyOf(out);
    }

    static Matcher parse(String where, String text) {
        if (text == null) {
            throw new IllegalArgumentException(where + ": a matcher is empty");
        }
        java.util.regex.Matcher m = MATCHER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": matcher '" + text + "' must look like label=value,"
                    + " label!=value, label=~regex, label!~regex or level>=orange");
        }
        String label = m.group(1);
        if (!LABELS.contains(label)) {
            throw new IllegalArgumentException(where + ": matcher '" + text + "': unknown label '" + label
                    + "' (known: " + String.join(", ", LABELS.stream().sorted().toList()) + ")");
        }
        Matcher.Op op = switch (m.group(2)) {
            case "=" -> Matcher.Op.EQUALS;
            case "!=" -> Matcher.Op.NOT_EQUALS;
            case "=~" -> Matcher.Op.REGEX;
            case "!~" -> Matcher.Op.NOT_REGEX;
            default -> Matcher.Op.AT_LEAST;
        };
        String value = m.group(3);
        if (op == Matcher.Op.AT_LEAST) {
            if (!label.equals("level")) {
                throw new IllegalArgumentException(where + ": matcher '" + text + "': >= compares levels only");
            }
            io.yuqing.core.model.RiskLevel level = io.yuqing.core.model.RiskLevel.fromCode(value);
            value = level.code();
        }
        if (op == Matcher.Op.REGEX || op == Matcher.Op.NOT_REGEX) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": matcher '" + text + "': not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return new Matcher(label, op, value);
    }

    static List<String> checkGroupBy(String where, List<String> groupBy) {
        List<String> out = new ArrayList<>();
        for (String label : groupBy) {
            String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
            if (!LABELS.contains(l)) {
                throw new IllegalArgumentException(where + ": groupBy label '" + label + "' is unknown (known: "
                        + String.join(", ", LABELS.stream().sorted().toList()) + ")");
            }
            out.add(l);
        }
        return List.copyOf(out);
    }

    static void checkTimes(String where, Duration groupWait, Duration groupInterval, Duration repeatInterval) {
        if (groupWait != null && groupWait.isNegative()) {
            throw new IllegalArgumentException(where + ": groupWait must not be negative");
        }
        if (groupInterval != null) {
            Checks.positive(where + ": groupInterval", groupInterval);
        }
        if (repeatInterval != null && repeatInterval.isNegative()) {
            throw new IllegalArgumentException(where + ": repeatInterval must not be negative (0s turns it off)");
        }
    }
}
