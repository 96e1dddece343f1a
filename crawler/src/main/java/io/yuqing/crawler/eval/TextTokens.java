package io.yuqing.crawler.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two token schemes extraction is measured with. Both start from {@code \w+} runs as Python's {@code re} reads
 * them (letters, digits of every kind, underscore; case kept), so figures match the published benchmark scripts.
 */
final class TextTokens {
    /** Words per shingle, as in the Zyte article-extraction-benchmark. */
    static final int SHINGLE_WORDS = 4;

    private TextTokens() {
    }

    /**
     * Counted 4-word shingles over {@code \w+} tokens. A text of one to three tokens is a single shorter shingle;
     * an empty text has none (the benchmark's own rule).
     */
    static Map<String, Integer> wordShingles(String text) {
        List<String> words = words(text);
        Map<String, Integer> counts = new HashMap<>();
        int last = Math.max(1, words.size() - SHINGLE_WORDS + 1);
        for (int i = 0; i < last && i < words.size(); i++) {
            // U+0001 cannot occur inside a \w token, so joined shingles stay distinct.
            String shingle = String.join("\u0001", words.subList(i, Math.min(words.size(), i + SHINGLE_WORDS)));
            counts.merge(shingle, 1, Integer::sum);
        }
        return counts;
    }

    /** Counted character tokens: each Han character one token, each {@code \w+} run of other scripts one token. */
    static Map<String, Integer> charTokens(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String run : words(text)) {
            int start = -1;
            for (int i = 0; i < run.length(); ) {
                int c = run.codePointAt(i);
                int width = Character.charCount(c);
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                    if (start >= 0) {
                        counts.merge(run.substring(start, i), 1, Integer::sum);
                        start = -1;
                    }
                    counts.merge(run.substring(i, i + width), 1, Integer::sum);
                } else if (start < 0) {
                    start = i;
                }
                i += width;
            }
            if (start >= 0) {
                counts.merge(run.substring(start), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The {@code \w+} runs of a text, in order. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (isWordChar(c)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /** Python's {@code \w} for str patterns: alphanumeric in the Unicode sense (any letter, any number) or '_'. */
    static boolean isWordChar(int c) {
        if (c == '_' || Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
