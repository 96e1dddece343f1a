package io.yuqing.core.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Mail delivery retries, the daily digest, and how alerts are followed up.
 *
 * @param retryDelay               first retry of an undelivered mail; doubles each attempt
 * @param maxAttempts              attempts before a mail is marked failed
 * @param overdueAfter             how long an alert may stay open before it is listed as overdue
 * @param digestTime               local time the daily digest goes out
 * @param zone                     the city's time zone: days of the digest, quiet hours, times shown to staff
 * @param quietHours               when mails for low levels wait until morning
 * @param redRenotifyAfter         a red alert still unacknowledged this long after it was raised is mailed once more
 * @param escalationRecipients     extra addresses the red re-notification also goes to (e.g. a duty leader)
 * @param falsePositiveSuppression how long a false positive keeps the same enterprise-and-evidence pattern quiet
 */
public record AlertingConfig(Duration retryDelay, int maxAttempts, Duration overdueAfter, LocalTime digestTime, ZoneId zone,
                             QuietHoursConfig quietHours, Duration redRenotifyAfter, List<String> escalationRecipients,
                             Duration falsePositiveSuppression, int senders) {
    /** Mails and webhook posts sent at once when not given: each its own SMTP connection or HTTP request. */
    public static final int DEFAULT_SENDERS = 4;

    public AlertingConfig {
        Checks.positive("retryDelay", retryDelay);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        overdueAfter = overdueAfter == null ? Duration.ofDays(2) : overdueAfter;
        Checks.positive("overdueAfter", overdueAfter);
        digestTime = digestTime == null ? LocalTime.of(8, 0) : digestTime;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        quietHours = quietHours == null ? QuietHoursConfig.off() : quietHours;
        redRenotifyAfter = redRenotifyAfter == null ? Duration.ofMinutes(30) : redRenotifyAfter;
        Checks.positive("redRenotifyAfter", redRenotifyAfter);
        escalationRecipients = escalationRecipients == null ? List.of() : List.copyOf(escalationRecipients);
        for (String r : escalationRecipients) {
            if (r == null || !r.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("escalationRecipients: '" + r + "' is not a mail address");
            }
        }
        falsePositiveSuppression = falsePositiveSuppression == null ? Duration.ofDays(30) : falsePositiveSuppression;
        Checks.positive("falsePositiveSuppression", falsePositiveSuppression);
        senders = senders == 0 ? DEFAULT_SENDERS : senders;
        if (senders < 1 || senders > 64) {
            throw new IllegalArgumentException("senders must be between 1 and 64, not " + senders);
        }
    }

    /** As the canonical constructor with {@link #DEFAULT_SENDERS}. */
    public AlertingConfig(Duration retryDelay, int maxAttempts, Duration overdueAfter, LocalTime digestTime, ZoneId zone,
                          QuietHoursConfig quietHours, Duration redRenotifyAfter, List<String> escalationRecipients,
                          Duration falsePositiveSuppression) {
        this(retryDelay, maxAttempts, overdueAfter, digestTime, zone, quietHours, redRenotifyAfter, escalationRecipients,
                falsePositiveSuppression, 0);
    }

    /** Delivery and digest settings with the follow-up defaults. */
    public AlertingConfig(Duration retryDelay, int maxAttempts, Duration overdueAfter, LocalTime digestTime, ZoneId zone) {
        this(retryDelay, maxAttempts, overdueAfter, digestTime, zone, null, null, null, null, 0);
    }

    /** Delivery settings with the digest and follow-up defaults. */
    public AlertingConfig(Duration retryDelay, int maxAttempts) {
        this(retryDelay, maxAttempts, null, null, null);
    }
}
