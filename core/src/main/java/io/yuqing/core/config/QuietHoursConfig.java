package io.yuqing.core.config;

import io.yuqing.core.model.RiskLevel;

import java.time.LocalTime;

/**
 * Quiet hours (夜间免打扰): mails for alerts below {@code levelsBelow} raised between {@code from} and {@code to}
 * (local time, may span midnight) wait until {@code to}. Equal {@code from} and {@code to} turn quiet hours off.
 *
 * @param levelsBelow the lowest level that is still mailed at once, e.g. orange: blue and yellow wait
 */
public record QuietHoursConfig(LocalTime from, LocalTime to, RiskLevel levelsBelow) {
    public QuietHoursConfig {
        from = from == null ? LocalTime.MIDNIGHT : from;
        to = to == null ? LocalTime.MIDNIGHT : to;
        levelsBelow = levelsBelow == null ? RiskLevel.ORANGE : levelsBelow;
        if (levelsBelow == RiskLevel.NONE || levelsBelow == RiskLevel.BLUE) {
            throw new IllegalArgumentException("quietHours.levelsBelow must be yellow, orange or red, not "
                    + levelsBelow.code() + " (nothing is below blue)");
        }
    }

    /** No quiet hours. */
    public static QuietHoursConfig off() {
        return new QuietHoursConfig(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, RiskLevel.ORANGE);
    }

    public boolean enabled() {
        return !from.equals(to);
    }
}
