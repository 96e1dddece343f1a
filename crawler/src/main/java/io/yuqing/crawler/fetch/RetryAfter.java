package io.yuqing.crawler.fetch;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an HTTP Retry-After value (RFC 9110: delay-seconds or an HTTP date) into the instant the server wants us back,
 * bounded so a misconfigured server cannot silence a host for days.
 */
public final class RetryAfter {
    /** Longest pause a Retry-After can impose. */
    public static final Duration MAX_PAUSE = Duration.ofHours(1);

    private RetryAfter() {
    }

    /** When to come back, at most {@link #MAX_PAUSE} after {@code now}; empty when the value is missing or unreadable. */
    public static Optional<Instant> until(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        Instant wanted;
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) {
                wanted = now.plus(MAX_PAUSE);
            } else {
                wanted = now.plusSeconds(Long.parseLong(v));
            }
        } else {
            try {
                wanted = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant();
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        if (!wanted.isAfter(now)) {
            return Optional.empty();
        }
        Instant latest = now.plus(MAX_PAUSE);
        return Optional.of(wanted.isAfter(latest) ? latest : wanted);
    }
}
