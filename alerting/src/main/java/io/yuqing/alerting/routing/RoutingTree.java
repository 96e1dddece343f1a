package io.yuqing.alerting.routing;

import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.RouteConfig;
import io.yuqing.core.config.RoutingConfig;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The routing tree compiled from the configuration, with inherited settings resolved. Without configured routes each
 * desk's categories and minLevel become one route (with continue), so the desks receive what they did before.
 */
public final class RoutingTree {
    /** A route with every setting resolved. {@code key} names its place in the tree (root, 0, 0.1 …). */
    public record Route(String key, String name, List<RouteConfig.Matcher> matchers, List<DeskConfig> receivers,
                        boolean continueAfter, List<String> groupBy, Duration groupWait, Duration groupInterval,
                        Duration repeatInterval, List<Route> routes) {
        /** Per-alert and immediate, without reminders: delivered as a plain alert mail, no group state. */
        public boolean immediatePerAlert() {
            return groupBy.equals(List.of(RouteConfig.ALERT_LABEL)) && groupWait.isZero() && repeatInterval.isZero();
        }
    }

    /** One receiver an alert goes to, through the route that took it. */
    public record Destination(Route route, DeskConfig desk) {
    }

    private final Route root;
    private final boolean translated;

    private RoutingTree(Route root, boolean translated) {
        this.root = root;
        this.translated = translated;
    }

    public static RoutingTree of(RoutingConfig config, List<DeskConfig> desks) {
        Map<String, DeskConfig> byId = new LinkedHashMap<>();
        desks.forEach(d -> byId.put(d.id(), d));
        List<RouteConfig> routes = config.hasRoutes() ? config.routes() : fromDesks(desks);
        RouteConfig rootConfig = new RouteConfig("", List.of(), config.receivers(), false, config.groupBy(),
                config.groupWait(), config.groupInterval(), config.repeatInterval(), routes);
        return new RoutingTree(compile("root", rootConfig, null, byId), !config.hasRoutes());
    }

    /** Each desk as a route: its levels from minLevel up, its categories (empty: all), continue to the next desk. */
    static List<RouteConfig> fromDesks(List<DeskConfig> desks) {
        List<RouteConfig> out = new ArrayList<>();
        for (DeskConfig d : desks) {
            List<String> matchers = new ArrayList<>();
            matchers.add("level>=" + d.minLevel().code());
            if (!d.categories().isEmpty()) {
                matchers.add("category=~" + String.join("|", d.categories().stream().map(RiskCategory::code)
                        .toList()));
            }
            out.add(new RouteConfig(d.name(), matchers, List.of(d.id()), true, null, null, null, null, null));
        }
        return out;
    }

    private static Route compile(String key, RouteConfig c, Route parent, Map<String, DeskConfig> desks) {
        List<DeskConfig> receivers = c.receivers().isEmpty() && parent != null ? parent.receivers()
                : c.receivers().stream().map(desks::get).toList();
        List<String> groupBy = c.groupBy() != null ? c.groupBy() : parent.groupBy();
        Duration wait = c.groupWait() != null ? c.groupWait() : parent.groupWait();
        Duration interval = c.groupInterval() != null ? c.groupInterval() : parent.groupInterval();
        Duration repeat = c.repeatInterval() != null ? c.repeatInterval() : parent.repeatInterval();
        Route self = new Route(key, c.name(), c.parsedMatchers(), receivers, c.continueAfter(), groupBy, wait, interval,
                repeat, List.of());
        List<Route> children = new ArrayList<>();
        for (int i = 0; i < c.routes().size(); i++) {
            children.add(compile(key.equals("root") ? Integer.toString(i) : key + "." + i, c.routes().get(i), self, desks));
        }
        return new Route(key, c.name(), self.matchers(), receivers, c.continueAfter(), groupBy, wait, interval, repeat,
                List.copyOf(children));
    }

    public Route root() {
        return root;
    }

    /** Whether the tree was made from the desks' categories and minLevel (no routes configured). */
    public boolean translatedFromDesks() {
        return translated;
    }

    /**
     * Where an alert goes: the routes that take it (the first matching route at each level, and the next ones while
     * the taking route says continue; a route none of whose children take the alert takes it itself), and their
     * receivers. A desk reached by several routes gets the alert once, through the first.
     */
    public List<Destination> route(AlertLabels labels) {
        List<Route> taken = new ArrayList<>();
        walk(root, labels, taken);
        Map<String, Destination> byDesk = new LinkedHashMap<>();
        for (Route r : taken) {
            for (DeskConfig d : r.receivers()) {
                byDesk.putIfAbsent(d.id(), new Destination(r, d));
            }
        }
        return List.copyOf(byDesk.values());
    }

    private static boolean walk(Route node, AlertLabels labels, List<Route> taken) {
        if (!matches(node, labels)) {
            return false;
        }
        boolean childTook = false;
        for (Route child : node.routes()) {
            if (walk(child, labels, taken)) {
                childTook = true;
                if (!child.continueAfter()) {
                    break;
                }
            }
        }
        if (!childTook) {
            taken.add(node);
        }
        return true;
    }

    static boolean matches(Route route, AlertLabels labels) {
        for (RouteConfig.Matcher m : route.matchers()) {
            if (!matches(m, labels.get(m.label()))) {
                return false;
            }
        }
        return true;
    }

    /** Matchers' regular expressions compiled once (they come from the config: few and fixed). */
    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, Pattern::compile);
    }

    /** Positive matchers hold when any value matches; negative ones when no value does. */
    static boolean matches(RouteConfig.Matcher m, List<String> values) {
        return switch (m.op()) {
            case EQUALS -> values.contains(m.value());
            case NOT_EQUALS -> !values.contains(m.value());
            case REGEX -> values.stream().anyMatch(v -> pattern(m.value()).matcher(v).matches());
            case NOT_REGEX -> values.stream().noneMatch(v -> pattern(m.value()).matcher(v).matches());
            case AT_LEAST -> values.stream().anyMatch(v -> RiskLevel.fromCode(v).atLeast(RiskLevel.fromCode(m.value())));
        };
    }
}
