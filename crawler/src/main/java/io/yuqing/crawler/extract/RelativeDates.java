package io.yuqing.crawler.extract;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publish times written relative to the moment of reading, as portals and apps print them: 刚刚, 10分钟前, 3小时前,
 * 半小时前, 2天前, 今天 09:30, 昨天 14:20, 前天, and the year-less "11-24 14:52" / "11月24日 14:52". Resolved against the
 * fetch time in Beijing time; a year-less date that would lie in the future belongs to the previous year.
 */
final class RelativeDates {
    /** A relative or partial time and where it starts in the text. */
    record Found(int start, OffsetDateTime time) {
    }

    private static final Pattern RELATIVE = Pattern.compile(
            // Bare 刚刚 / 昨天 only when no word follows: "昨天下午，工人们…" is prose, not a dateline.
            "(刚刚)(?!\\p{IsHan})"
                    + "|(\\d{1,3})\\s*(秒|分钟|分|小时|个小时|天|周|星期)\\s*前"
                    + "|(半)\\s*(?:个)?小时\\s*前"
                    + "|(今天|今日|昨天|昨日|前天)\\s*(?:(\\d{1,2})\\s*[:：]\\s*(\\d{2})|(?!\\p{IsHan}))"
                    + "|(?<![\\d年./-])(\\d{1,2})\\s*(?:-|/|月)\\s*(\\d{1,2})\\s*日?\\s+(\\d{1,2})\\s*[:：]\\s*(\\d{2})(?![\\d])");

    private RelativeDates() {
    }

    /** The first relative or partial time in {@code text} from {@code from} on. */
    static Optional<Found> find(String text, int from, int to, Instant now) {
        Matcher m = RELATIVE.matcher(text);
        m.region(Math.max(0, from), Math.min(text.length(), to));
        while (m.find()) {
            Optional<OffsetDateTime> t = resolve(m, now);
            if (t.isPresent()) {
                return Optional.of(new Found(m.start(), t.get()));
            }
        }
        return Optional.empty();
    }

    /** A relative or partial time that starts exactly at {@code at}. */
    static Optional<OffsetDateTime> at(String text, int at, Instant now) {
        Matcher m = RELATIVE.matcher(text);
        m.region(at, Math.min(text.length(), at + 40));
        return m.lookingAt() ? resolve(m, now) : Optional.empty();
    }

    /** Resolves the first relative time in a short text, e.g. a metadata value or a label's value. */
    static Optional<OffsetDateTime> parse(String text, Instant now) {
        return text == null ? Optional.empty() : find(text, 0, text.length(), now).map(Found::time);
    }

    private static Optional<OffsetDateTime> resolve(Matcher m, Instant now) {
        ZonedDateTime local = now.atZone(DateTexts.CHINA);
        try {
            if (m.group(1) != null) {
                return Optional.of(local.truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime());
            }
            if (m.group(2) != null) {
                long amount = Long.parseLong(m.group(2));
                Duration ago = switch (m.group(3)) {
                    case "秒" -> Duration.ofSeconds(amount);
                    case "分钟", "分" -> Duration.ofMinutes(amount);
                    case "小时", "个小时" -> Duration.ofHours(amount);
                    case "天" -> Duration.ofDays(amount);
                    default -> Duration.ofDays(7 * amount);
                };
                return Optional.of(local.minus(ago).truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime());
            }
            if (m.group(4) != null) {
                return Optional.of(local.minusMinutes(30).truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime());
            }
            if (m.group(5) != null) {
                int daysBack = switch (m.group(5)) {
                    case "今天", "今日" -> 0;
                    case "昨天", "昨日" -> 1;
                    default -> 2;
                };
                LocalDate day = local.toLocalDate().minusDays(daysBack);
                LocalDateTime at = m.group(6) == null ? day.atStartOfDay()
                        : day.atTime(Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)));
                return Optional.of(at.atZone(DateTexts.CHINA).toOffsetDateTime());
            }
            MonthDay monthDay = MonthDay.of(Integer.parseInt(m.group(8)), Integer.parseInt(m.group(9)));
            int hour = Integer.parseInt(m.group(10));
            int minute = Integer.parseInt(m.group(11));
            int year = local.getYear();
            if (!monthDay.isValidYear(year)) {
                year--;
            }
            ZonedDateTime candidate = monthDay.atYear(year).atTime(hour, minute).atZone(DateTexts.CHINA);
            // A page read on 2 January that says "12-31 23:10" means last year; a day of clock skew is tolerated.
            if (candidate.isAfter(local.plusDays(1))) {
                candidate = monthDay.atYear(year - 1).atTime(hour, minute).atZone(DateTexts.CHINA);
            }
            return Optional.of(candidate.toOffsetDateTime());
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
