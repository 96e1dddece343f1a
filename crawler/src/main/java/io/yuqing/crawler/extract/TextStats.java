package io.yuqing.crawler.extract;

/** Character classes the extractor counts. */
final class TextStats {
    private TextStats() {
    }

    static boolean isPunctuation(int c) {
        return switch (c) {
            case '，', '。', '；', '：', '！', '？', '、', '“', '”', '‘', '’', '（', '）', '《', '》', '…', '—',
                 ',', '.', ';', ':', '!', '?', '"', '(', ')' -> true;
            default -> false;
        };
    }

    static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** Non-whitespace characters; what "text length" means throughout the extractor. */
    static int visibleLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u00a0' && c != '\u3000') {
                n++;
            }
        }
        return n;
    }

    static String normalizeSpace(String s) {
        return s.replace('\u00a0', ' ').replace('\u3000', ' ').replaceAll("[ \\t\\x0B\\f\\r]+", " ").strip();
    }
}
