package io.yuqing.crawler.extract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates as Chinese pages write them: ISO 8601, "2024-11-24 14:52:00", "2024/11/24", "2024年11月24日 14:52",
 * "2024.11.24". Times without a zone are Beijing time.
 */
public final class DateTexts {
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Year, month, day, then optional hour, minute, second and zone. */
    static final Pattern DATE = Pattern.compile(
            "((?:19|20)\\d{2})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})(?!\\d)\\s*日?"
                    + "(?:\\s*(?:T|\\s)?\\s*(\\d{1,2})\\s*[:：时]\\s*(\\d{1,2})(?:\\s*[:：分]\\s*(\\d{1,2}))?(?:\\.\\d+)?"
                    + "\\s*(Z|[+-]\\d{2}:?\\d{2}|GMT[+-]\\d{1,2}(?::?\\d{2})?)?)?");

    /**
     * Year-last numeric dates as overseas Chinese sites and ASP.NET templates print them: "06/02/2022 - 13:48",
     * "7/5/2005 9:23:57 PM". Groups: first number, second number, year, hour, minute, second, AM/PM.
     */
    static final Pattern YEAR_LAST = Pattern.compile(
            "(\\d{1,2})/(\\d{1,2})/((?:19|20)\\d{2})(?!\\d)"
                    + "(?:\\s*-?\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*([AaPp][Mm])\\b)?)?");

    private DateTexts() {
    }

    /** The first well-formed date in the text. */
    public static Optional<OffsetDateTime> parseFirst(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            Optional<OffsetDateTime> parsed = fromMatch(m);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        return Optional.empty();
    }

    static Optional<OffsetDateTime> fromMatch(Matcher m) {
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            LocalDate date = LocalDate.of(year, month, day);
            if (m.group(4) == null) {
                return Optional.of(date.atStartOfDay(CHINA).toOffsetDateTime());
            }
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            LocalDateTime local = date.atTime(hour, minute, second);
            String zone = m.group(7);
            if (zone == null) {
                return Optional.of(local.atZone(CHINA).toOffsetDateTime());
            }
            return Optional.of(local.atOffset(offset(zone)));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a {@link #YEAR_LAST} match. A number above 12 settles which is the day; when both could be months the
     * day comes first, the order used wherever the year is written last outside the United States.
     */
    static Optional<OffsetDateTime> fromYearLastMatch(Matcher m) {
        try {
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(2));
            boolean monthFirst = second > 12 && first <= 12;
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(3)), monthFirst ? first : second, monthFirst ? second : first);
            if (m.group(4) == null) {
                return Optional.of(date.atStartOfDay(CHINA).toOffsetDateTime());
            }
            int hour = Integer.parseInt(m.group(4));
            String half = m.group(7) == null ? "" : m.group(7).toUpperCase(Locale.ROOT);
            if (!half.isEmpty() && (hour < 1 || hour > 12)) {
                return Optional.empty();
            }
            if (half.equals("PM") && hour < 12) {
                hour += 12;
            } else if (half.equals("AM") && hour == 12) {
                hour = 0;
            }
            int sec = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            return Optional.of(date.atTime(hour, Integer.parseInt(m.group(5)), sec).atZone(CHINA).toOffsetDateTime());
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String z = zone.startsWith("GMT") ? zone.substring(3) : zone;
        String sign = z.substring(0, 1);
        String digits = z.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.length() <= 2 ? digits : digits.substring(0, digits.length() - 2));
        int minutes = digits.length() <= 2 ? 0 : Integer.parseInt(digits.substring(digits.length() - 2));
        return sign.equals("-") ? ZoneOffset.ofHoursMinutes(-hours, -minutes) : ZoneOffset.ofHoursMinutes(hours, minutes);
    }
}
