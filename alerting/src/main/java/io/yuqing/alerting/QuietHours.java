package io.yuqing.alerting;

import io.yuqing.core.config.QuietHoursConfig;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Decides when a mail for an alert may first go out: at once, or at the end of the night's quiet hours. */
public final class QuietHours {
    private final QuietHoursConfig config;
    private final ZoneId zone;

    public QuietHours(QuietHoursConfig config, ZoneId zone) {
        this.config = config;
        this.zone = zone;
    }

    /** {@code now} unless the level is below the quiet-hours cut and {@code now} falls in quiet hours. */
    public Instant releaseAt(RiskLevel level, Instant now) {
        if (!config.enabled() || level.atLeast(config.levelsBelow())) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalTime from = config.from();
        LocalTime to = config.to();
        LocalDate endDay;
        if (from.isBefore(to)) {
            if (t.isBefore(from) || !t.isBefore(to)) {
                return now;
            }
            endDay = local.toLocalDate();
        } else if (!t.isBefore(from)) {
            endDay = local.toLocalDate().plusDays(1); // evening part of a span across midnight
        } else if (t.isBefore(to)) {
            endDay = local.toLocalDate();
        } else {
            return now;
        }
        return ZonedDateTime.of(endDay, to, zone).toInstant();
    }
}
