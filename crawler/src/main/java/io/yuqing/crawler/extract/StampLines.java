package io.yuqing.crawler.extract;

import java.util.regex.Pattern;

/**
 * Tells the page's time stamps from article text: "Updated 11:21 pm CST, Tuesday, November 19, 2019", "By Staff |
 * November 18, 2019 at 2:26 PM", "First Published on Nov 20, 2019 01:38 pm", "发布时间：2024-11-24 14:52". Such lines are
 * long enough to pass for prose, but they state when the article was published, not what it says.
 */
final class StampLines {
    /** Longer lines are sentences that happen to mention a date. */
    private static final int MAX_STAMP_LENGTH = 100;
    /** A clock time or a calendar date, in the usual English and Chinese forms. */
    private static final Pattern DATE_OR_TIME = Pattern.compile(
            "(?i)\\b\\d{1,2}:\\d{2}\\b|\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\\.? \\d{1,2}\\b"
                    + "|\\b\\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\\.? \\d{4}\\b"
                    + "|\\b\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}\\b|\\d{4}年\\d{1,2}月");
    /** Words that open a stamp whatever follows. */
    private static final Pattern STAMP_LABEL = Pattern.compile(
            "(?i)^(?:(?:last |first )?(?:updated|published|posted|modified)(?: on| at)?\\b|date\\s*:|发布时间|更新时间|发表时间|发布日期)");
    private static final Pattern SENTENCE_END = Pattern.compile("[.。!?！？\"”]$");

    private StampLines() {
    }

    /** Whether the line is a publish or update stamp, possibly with a byline beside it. */
    static boolean isStamp(String line) {
        if (TextStats.visibleLength(line) > MAX_STAMP_LENGTH || !DATE_OR_TIME.matcher(line).find()) {
            return false;
        }
        return STAMP_LABEL.matcher(line).find() || !SENTENCE_END.matcher(line).find();
    }
}
