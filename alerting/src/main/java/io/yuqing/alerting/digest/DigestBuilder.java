package io.yuqing.alerting.digest;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertRows;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.Jdbc;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.model.RiskLevel;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers a {@link DailyDigest} from the alert and audit tables. Read-only. */
public final class DigestBuilder {
    public static final int TREND_DAYS = 14;
    public static final int HANDLING_DAYS = 30;
    static final int MAX_LISTED_ALERTS = 50;
    static final int MAX_RISERS = 10;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration overdueAfter;

    /** @param overdueAfter how long an alert may stay open before it is listed as overdue */
    public DigestBuilder(DataSource dataSource, Clock clock, Duration overdueAfter) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
    }

    /** The digest of {@code date} in {@code zone} for one desk, or for all desks when {@code desk} is null. */
    public DailyDigest build(LocalDate date, ZoneId zone, DeskConfig desk) {
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        // "Now" for open and overdue is the end of the digest's day, or the present for today's digest.
        Instant asOf = clock.instant().isBefore(dayEnd) ? clock.instant() : dayEnd;
        Instant windowStart = date.minusDays(Math.max(TREND_DAYS, HANDLING_DAYS)).atStartOfDay(zone).toInstant();
        String deskId = desk == null ? null : desk.id();

        List<Alert> window = alertsBetween(windowStart, dayEnd, deskId);
        List<Alert> today = window.stream().filter(a -> !a.createdAt().isBefore(dayStart)).sorted(SEVERITY).toList();

        Map<RiskLevel, Long> byLevel = emptyLevels();
        today.forEach(a -> byLevel.merge(a.level(), 1L, Long::sum));

        List<DailyDigest.DayCount> trend = new ArrayList<>();
        for (int i = TREND_DAYS - 1; i >= 0; i--) {
            LocalDate day = date.minusDays(i);
            Instant from = day.atStartOfDay(zone).toInstant();
            Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
            Map<RiskLevel, Long> counts = emptyLevels();
            window.stream().filter(a -> !a.createdAt().isBefore(from) && a.createdAt().isBefore(to))
                    .forEach(a -> counts.merge(a.level(), 1L, Long::sum));
            trend.add(new DailyDigest.DayCount(day, counts));
        }

        // Closings up to now, so that an alert closed after the digest's day still counts as open on that day.
        Map<String, ClosedAt> closed = closedTimes(windowStart, clock.instant().isAfter(dayEnd) ? clock.instant().plusSeconds(1) : dayEnd);
        List<Alert> open = openAlerts(deskId, asOf, closed);
        // Assigned alerts are overdue at their deadline, others overdueAfter after they were raised.
        List<Alert> overdue = open.stream().filter(a -> a.overdueFrom(overdueAfter).isBefore(asOf))
                .sorted(Comparator.comparing((Alert a) -> a.overdueFrom(overdueAfter)).thenComparing(Alert::createdAt))
                .toList();

        return new DailyDigest(date, zone, deskId, desk == null ? "全部部门" : desk.name(), byLevel,
                today.stream().limit(MAX_LISTED_ALERTS).toList(), risers(window, dayStart, date, zone), trend,
                open.size(), overdue, overdueAfter, handling(window, date, zone, dayEnd, closed));
    }

    private static final Comparator<Alert> SEVERITY = Comparator.comparing(Alert::level).reversed()
            .thenComparing(Comparator.comparingInt(Alert::score).reversed())
            .thenComparing(Alert::createdAt);

    private static Map<RiskLevel, Long> emptyLevels() {
        Map<RiskLevel, Long> m = new EnumMap<>(RiskLevel.class);
        for (RiskLevel l : List.of(RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.BLUE)) {
            m.put(l, 0L);
        }
        return m;
    }

    private List<DailyDigest.EnterpriseRise> risers(List<Alert> window, Instant dayStart, LocalDate date, ZoneId zone) {
        Instant weekStart = date.minusDays(7).atStartOfDay(zone).toInstant();
        Map<String, int[]> todayByEnterprise = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> previousWeek = new HashMap<>();
        for (Alert a : window) {
            names.put(a.enterpriseId(), a.enterpriseName());
            if (!a.createdAt().isBefore(dayStart)) {
                int[] t = todayByEnterprise.computeIfAbsent(a.enterpriseId(), k -> new int[2]);
                t[0]++;
                t[1] += a.score();
            } else if (!a.createdAt().isBefore(weekStart)) {
                previousWeek.merge(a.enterpriseId(), a.score(), Integer::sum);
            }
        }
        List<DailyDigest.EnterpriseRise> out = new ArrayList<>();
        todayByEnterprise.forEach((id, t) -> out.add(new DailyDigest.EnterpriseRise(id, names.get(id), t[0], t[1],
                previousWeek.getOrDefault(id, 0) / 7.0)));
        out.sort(Comparator.comparingDouble(DailyDigest.EnterpriseRise::rise).reversed());
        return out.stream().filter(r -> r.rise() > 0).limit(MAX_RISERS).toList();
    }

    private DailyDigest.Handling handling(List<Alert> window, LocalDate date, ZoneId zone, Instant dayEnd,
                                          Map<String, ClosedAt> closed) {
        Instant from = date.minusDays(HANDLING_DAYS - 1).atStartOfDay(zone).toInstant();
        List<Alert> raised = window.stream().filter(a -> !a.createdAt().isBefore(from)).toList();
        List<Duration> times = new ArrayList<>();
        for (Alert a : raised) {
            ClosedAt c = closed.get(Long.toString(a.id()));
            if (c != null && c.at().isBefore(dayEnd)) {
                times.add(Duration.between(a.createdAt(), c.at()));
            }
        }
        times.sort(Comparator.naturalOrder());
        Duration median = times.isEmpty() ? null : times.size() % 2 == 1 ? times.get(times.size() / 2)
                : times.get(times.size() / 2 - 1).plus(times.get(times.size() / 2)).dividedBy(2);
        return new DailyDigest.Handling(raised.size(), times.size(), median);
    }

    private record ClosedAt(Instant at) {
    }

    /** The last time each alert was closed (resolved or marked false positive), from the audit trail. */
    private Map<String, ClosedAt> closedTimes(Instant from, Instant to) {
        return Jdbc.query(dataSource, "reading handling times", c -> {
            Map<String, ClosedAt> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT alert_id, to_status, at FROM alert_actions "
                    + "WHERE alert_id IS NOT NULL AND at >= ? AND at < ? ORDER BY at, id")) {
                ps.setObject(1, Jdbc.toDb(from));
                ps.setObject(2, Jdbc.toDb(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = Long.toString(rs.getLong("alert_id"));
                        String status = rs.getString("to_status");
                        if (AlertStatus.RESOLVED.code().equals(status) || AlertStatus.FALSE_POSITIVE.code().equals(status)) {
                            out.put(id, new ClosedAt(Jdbc.instant(rs, "at")));
                        } else if (AlertStatus.NEW.code().equals(status)) {
                            out.remove(id); // reopened
                        }
                    }
                }
            }
            return out;
        });
    }

    private List<Alert> alertsBetween(Instant from, Instant to, String deskId) {
        return Jdbc.query(dataSource, "reading alerts for the digest", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS
                    + " FROM alerts WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id")) {
                ps.setObject(1, Jdbc.toDb(from));
                ps.setObject(2, Jdbc.toDb(to));
                return readForDesk(ps, deskId);
            }
        });
    }

    /** Alerts open as of {@code asOf}: not closed by then (the current status alone would misstate past days). */
    private List<Alert> openAlerts(String deskId, Instant asOf, Map<String, ClosedAt> closedInWindow) {
        List<Alert> all = Jdbc.query(dataSource, "reading open alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS
                    + " FROM alerts WHERE created_at < ? ORDER BY created_at, id")) {
                ps.setObject(1, Jdbc.toDb(asOf));
                return readForDesk(ps, deskId);
            }
        });
        List<Alert> open = new ArrayList<>();
        for (Alert a : all) {
            boolean closedNow = a.status() == AlertStatus.RESOLVED || a.status() == AlertStatus.FALSE_POSITIVE;
            ClosedAt closedAt = closedInWindow.get(Long.toString(a.id()));
            boolean closedByThen = closedNow && (closedAt == null || !closedAt.at().isAfter(asOf));
            if (!closedByThen) {
                open.add(a);
            }
        }
        return open;
    }

    private static List<Alert> readForDesk(PreparedStatement ps, String deskId) throws java.sql.SQLException {
        List<Alert> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Alert a = AlertRows.map(rs);
                if (deskId == null || a.deskIds().contains(deskId)) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
