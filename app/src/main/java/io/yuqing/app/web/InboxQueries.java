package io.yuqing.app.web;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.alerting.AlertQueries;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskLevel;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The inbox's reads, as queries of the alerting module's {@link AlertQueries}: every filter is done in SQL there, so
 * counts and paging stay exact at any size. District is not stored on alerts: it becomes the watchlist's enterprise
 * ids in that district; whole days become instants in China time.
 */
final class InboxQueries {
    /** Largest page served, as in AlertQueries. */
    static final int MAX_LIMIT = AlertQueries.MAX_LIMIT;

    private final AlertQueries alerts;
    private final Supplier<List<Enterprise>> watchlist;
    private final ZoneId zone;

    InboxQueries(DataSource ds, Supplier<List<Enterprise>> watchlist, ZoneId zone) {
        this.alerts = new AlertQueries(ds);
        this.watchlist = watchlist;
        this.zone = zone;
    }

    /** Matching alerts, newest first. */
    List<Alert> list(InboxFilter filter, int offset, int limit) {
        return alerts.list(toAlertFilter(filter), offset, limit);
    }

    /** Matching alerts per level (blue to red, zero where none); their sum is the total. */
    Map<RiskLevel, Long> countsByLevel(InboxFilter filter) {
        return alerts.countsByLevel(toAlertFilter(filter));
    }

    /** The newest matching alert's id, 0 when none: the marker new alerts are counted from. */
    long newestId(InboxFilter filter) {
        return alerts.newestId(toAlertFilter(filter));
    }

    /** Matching alerts with an id above {@code afterId} (ids grow with every new alert). */
    long countAfter(InboxFilter filter, long afterId) {
        return alerts.count(toAlertFilter(filter).withAfterId(afterId));
    }

    /** Creation time and score of every matching alert since {@code since}, for the enterprise chart. */
    List<Map.Entry<Instant, Integer>> timesAndScores(InboxFilter filter, Instant since) {
        AlertFilter f = toAlertFilter(filter);
        Instant from = f.createdFrom() == null || f.createdFrom().isBefore(since) ? since : f.createdFrom();
        return alerts.timesAndScores(f.createdBetween(from, f.createdBefore()));
    }

    /**
     * The inbox's filter in the alert store's terms: a district becomes the ids of the watchlist's enterprises in it,
     * whole days in China time become instants.
     */
    AlertFilter toAlertFilter(InboxFilter f) {
        AlertFilter out = new AlertFilter(f.openOnly() ? null : f.status(), f.openOnly(), f.level(), f.deskId(),
                f.enterpriseId(), null, f.category(), f.from() == null ? null : startOf(f.from()),
                f.to() == null ? null : startOf(f.to().plusDays(1)), 0);
        if (f.district() != null) {
            out = out.withEnterprises(watchlist.get().stream().filter(e -> f.district().equals(e.district()))
                    .map(Enterprise::id).collect(java.util.stream.Collectors.toSet()));
        }
        return out;
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
