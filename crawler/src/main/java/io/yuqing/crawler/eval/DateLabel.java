package io.yuqing.crawler.eval;

import io.yuqing.crawler.extract.DateTexts;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A labelled publish date as far as the label goes: "2018", "1998-3", "2005-5-7", "2005-5-7 21:23" or
 * "2005-5-7 21:23:57". Labels that are not dates ("UNKNOWN", a name typed into the wrong column) are no label.
 * Beijing wall-clock time, which is what Chinese pages print.
 */
record DateLabel(int year, Integer month, Integer day, Integer hour, Integer minute, Integer second) {
    private static final Pattern LABEL = Pattern.compile(
            "(\\d{4})(?:[-/.](\\d{1,2})(?:[-/.](\\d{1,2})(?:[ T]+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?)?)?)?");

    static Optional<DateLabel> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        Matcher m = LABEL.matcher(label.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DateLabel(Integer.parseInt(m.group(1)), number(m.group(2)), number(m.group(3)),
                number(m.group(4)), number(m.group(5)), number(m.group(6))));
    }

    /** Whether the extracted instant agrees with every part the label states. */
    boolean matches(OffsetDateTime extracted) {
        if (extracted == null) {
            return false;
        }
        LocalDateTime local = extracted.atZoneSameInstant(DateTexts.CHINA).toLocalDateTime();
        return local.getYear() == year
                && agrees(month, local.getMonthValue())
                && agrees(day, local.getDayOfMonth())
                && agrees(hour, local.getHour())
                && agrees(minute, local.getMinute())
                && agrees(second, local.getSecond());
    }

    private static boolean agrees(Integer labelled, int actual) {
        return labelled == null || labelled == actual;
    }

    private static Integer number(String digits) {
        return digits == null ? null : Integer.valueOf(digits);
    }
}
