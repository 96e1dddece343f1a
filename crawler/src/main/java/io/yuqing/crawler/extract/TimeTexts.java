package io.yuqing.crawler.extract;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one time text picked out by a source's selector or JSON mapping: with the source's own pattern when it has
 * one, else as any page date (ISO, 2024年11月24日 14:52, 2024/11/24) or relative to {@code now} (3小时前, 昨天 14:20).
 * Times without a zone are Beijing time.
 */
public final class TimeTexts {
    private TimeTexts() {
    }

    /**
     * @param pattern java.time pattern (e.g. {@code yyyy-MM-dd HH:mm}), or empty
     * @param now     the fetch time, for relative forms; null leaves them unread
     */
    public static Optional<OffsetDateTime> parse(String text, String pattern, Instant now) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = TextStats.normalizeSpace(text);
        if (pattern != null && !pattern.isEmpty()) {
            return withPattern(t, DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
        }
        Optional<OffsetDateTime> absolute = DateTexts.parseFirst(t);
        if (absolute.isPresent()) {
            return absolute;
        }
        return now == null ? Optional.empty() : RelativeDates.parse(t, now);
    }

    /** Epoch seconds or milliseconds, as APIs send them: values past 10^11 are milliseconds. */
    public static OffsetDateTime fromEpoch(long value) {
        Instant at = Math.abs(value) >= 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        return at.atZone(DateTexts.CHINA).toOffsetDateTime();
    }

    /**
     * The pattern may describe only part of the text ("发表于 2024-11-24 14:52 来自手机"): it is tried at the start
     * and wherever a number starts, and may leave text after it.
     */
    private static Optional<OffsetDateTime> withPattern(String text, DateTimeFormatter format) {
        for (int i = 0; i < text.length(); i++) {
            if (i > 0 && !(Character.isDigit(text.charAt(i)) && !Character.isDigit(text.charAt(i - 1)))) {
                continue;
            }
            try {
                Optional<OffsetDateTime> time = toTime(format.parse(text.substring(i), new ParsePosition(0)));
                if (time.isPresent()) {
                    return time;
                }
            } catch (DateTimeException e) {
                // not at this position
            }
        }
        return Optional.empty();
    }

    private static Optional<OffsetDateTime> toTime(TemporalAccessor parsed) {
        if (!parsed.isSupported(ChronoField.EPOCH_DAY)) {
            return Optional.empty();
        }
        LocalDate date = LocalDate.ofEpochDay(parsed.getLong(ChronoField.EPOCH_DAY));
        LocalTime time = LocalTime.of(field(parsed, ChronoField.HOUR_OF_DAY), field(parsed, ChronoField.MINUTE_OF_HOUR),
                field(parsed, ChronoField.SECOND_OF_MINUTE));
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return Optional.of(date.atTime(time).atOffset(ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))));
        }
        return Optional.of(date.atTime(time).atZone(DateTexts.CHINA).toOffsetDateTime());
    }

    private static int field(TemporalAccessor parsed, ChronoField field) {
        return parsed.isSupported(field) ? parsed.get(field) : 0;
    }
}
