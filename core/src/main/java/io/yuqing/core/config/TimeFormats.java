package io.yuqing.core.config;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Checks the optional {@code timeFormat} of source profiles: a java.time pattern such as {@code yyyy-MM-dd HH:mm}. */
final class TimeFormats {
    private TimeFormats() {
    }

    static String normalize(String pattern) {
        return pattern == null ? "" : pattern.strip();
    }

    static void check(String where, String pattern) {
        if (pattern.isEmpty()) {
            return;
        }
        try {
            DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".timeFormat '" + pattern
                    + "' is not a date pattern such as yyyy-MM-dd HH:mm: " + e.getMessage());
        }
    }
}
