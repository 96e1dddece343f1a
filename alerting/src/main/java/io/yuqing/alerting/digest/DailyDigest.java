package io.yuqing.alerting.digest;

import io.yuqing.alerting.Alert;
import io.yuqing.core.model.RiskLevel;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One desk's daily risk digest (每日舆情风险简报): what happened on {@code date} and what is still open.
 *
 * @param deskId      the desk it is for, or null for all desks
 * @param newAlerts   alerts raised that day, most severe first
 * @param risers      enterprises whose risk rose most that day against their previous week
 * @param trend       alerts per day by level over the last {@link DigestBuilder#TREND_DAYS} days, oldest first
 * @param openCases   alerts not yet resolved or marked false positive at the end of the day
 * @param overdue     open alerts older than the overdue limit, oldest first
 */
public record DailyDigest(LocalDate date, ZoneId zone, String deskId, String deskName,
                          Map<RiskLevel, Long> newAlertsByLevel, List<Alert> newAlerts, List<EnterpriseRise> risers,
                          List<DayCount> trend, long openCases, List<Alert> overdue, Duration overdueAfter,
                          Handling handling) {

    public long newAlertCount() {
        return newAlertsByLevel.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * An enterprise whose risk rose: the summed scores of its alerts that day against its daily average over the
     * previous seven days.
     */
    public record EnterpriseRise(String enterpriseId, String name, int alertsToday, int scoreToday, double previousDailyScore) {
        public double rise() {
            return scoreToday - previousDailyScore;
        }
    }

    /** Alerts raised on one day, by level. */
    public record DayCount(LocalDate day, Map<RiskLevel, Long> byLevel) {
        public long total() {
            return byLevel.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * How alerts were handled over the last {@link DigestBuilder#HANDLING_DAYS} days: of those raised, how many were
     * closed (办结 or 误报), and the median time from raised to closed.
     */
    public record Handling(long raised, long closed, Duration medianTimeToClose) {
        /** 办结率, 0..1; 1 when nothing was raised. */
        public double closeRate() {
            return raised == 0 ? 1.0 : (double) closed / raised;
        }
    }
}
