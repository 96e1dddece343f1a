package io.yuqing.core.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Mail delivery retries, and the daily digest.
 *
 * @param retryDelay   first retry of an undelivered mail; doubles each attempt
 * @param maxAttempts  attempts before a mail is marked failed
 * @param overdueAfter how long an alert may stay open before the digest lists it as overdue
 * @param digestTime   local time the daily digest goes out
 * @param zone         the city's time zone: days of the digest, times shown to staff
 */
public record AlertingConfig(Duration retryDelay, int maxAttempts, Duration overdueAfter, LocalTime digestTime, ZoneId zone) {
    public AlertingConfig {
        Checks.positive("retryDelay", retryDelay);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        overdueAfter = overdueAfter == null ? Duration.ofDays(2) : overdueAfter;
        Checks.positive("overdueAfter", overdueAfter);
        digestTime = digestTime == null ? LocalTime.of(8, 0) : digestTime;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    }

    /** Delivery settings with the digest defaults. */
    public AlertingConfig(Duration retryDelay, int maxAttempts) {
        this(retryDelay, maxAttempts, null, null, null);
    }
}
