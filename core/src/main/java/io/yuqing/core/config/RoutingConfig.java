package io.yuqing.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The routing tree (like Alertmanager's): the root's settings are the defaults every route inherits. An alert walks
 * the routes in order; the first route whose matchers all hold takes it (and its sub-routes are tried in turn) unless
 * that route says {@code continue: true}, in which case the next sibling is tried as well. An alert no route takes
 * goes to the root's receivers. With no routes configured, each desk's categories and minLevel become one route.
 *
 * @param receivers      desk ids the root sends to (alerts no route takes); empty: nobody
 * @param groupBy        labels whose values form a group; {@code alert} alone keeps every alert in a group of its own
 * @param groupWait      how long a new group waits for more alerts before its first notification; 0s: at once
 * @param groupInterval  how long after a notification alerts added to the group wait before the next one
 * @param repeatInterval an open group with nothing new is notified again after this; 0s: never
 * @param routes         the routes below the root
 */
public record RoutingConfig(List<String> receivers, List<String> groupBy, Duration groupWait, Duration groupInterval,
                            Duration repeatInterval, List<RouteConfig> routes) {
    public RoutingConfig {
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
        groupBy = RouteConfig.checkGroupBy("routing", groupBy == null ? List.of(RouteConfig.ALERT_LABEL) : groupBy);
        groupWait = groupWait == null ? Duration.ZERO : groupWait;
        groupInterval = groupInterval == null ? Duration.ofMinutes(5) : groupInterval;
        repeatInterval = repeatInterval == null ? Duration.ZERO : repeatInterval;
        RouteConfig.checkTimes("routing", groupWait, groupInterval, repeatInterval);
        routes = routes == null ? List.of() : routes;
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i) == null) {
                throw new IllegalArgumentException("routing.routes: route " + (i + 1) + " is empty");
            }
        }
        routes = List.copyOf(routes);
    }

    /** Per-alert, immediate notification to the desks (the behaviour before routing trees). */
    public static RoutingConfig defaults() {
        return new RoutingConfig(null, null, null, null, null, null);
    }

    /** Whether routes are configured; without, the desks' categories and minLevel decide. */
    public boolean hasRoutes() {
        return !routes.isEmpty();
    }
}
