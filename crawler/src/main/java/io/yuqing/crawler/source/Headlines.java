package io.yuqing.crawler.source;

/** A stand-in headline for items that have none (social posts, untitled replies): the start of their text. */
final class Headlines {
    static final int MAX_CHARS = 40;

    private Headlines() {
    }

    static String fromText(String text) {
        String first = text.strip();
        int nl = first.indexOf('\n');
        if (nl >= 0) {
            first = first.substring(0, nl).strip();
        }
        return first.codePointCount(0, first.length()) <= MAX_CHARS ? first
                : first.substring(0, first.offsetByCodePoints(0, MAX_CHARS)) + "…";
    }
}
