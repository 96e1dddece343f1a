package io.yuqing.indexer.text;

import java.util.Arrays;

/**
 * One normal form for names, lexicon terms and crawled text, so that 云帆科技, ＹＵＮ帆科技 (full-width),
 * 雲帆科技 (traditional) and "云帆 科技" (a space a typesetter left inside a Chinese run) all match the same key.
 * <ul>
 *   <li>traditional Han characters become simplified ones, char for char ({@link TraditionalToSimplified});</li>
 *   <li>full-width ASCII (U+FF01–U+FF5E) becomes half-width, the ideographic space becomes a space;</li>
 *   <li>letters are case-folded;</li>
 *   <li>whitespace between two Han characters is removed (Chinese is written without spaces, so such a space is noise).</li>
 * </ul>
 */
public final class TextNormalizer {
    private TextNormalizer() {
    }

    public static NormalizedText normalize(String original) {
        String s = original == null ? "" : original;
        // A char array rather than a StringBuilder: this runs on every char of every document, several times.
        char[] out = new char[s.length()];
        int[] offsets = new int[s.length()];
        int n = 0;
        char lastNonSpace = ' ';
        int i = 0;
        while (i < s.length()) {
            char c = fold(s.charAt(i));
            if (!isSpace(c)) {
                out[n] = c;
                offsets[n++] = i;
                lastNonSpace = c;
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < s.length() && isSpace(fold(s.charAt(runEnd)))) {
                runEnd++;
            }
            char next = runEnd < s.length() ? fold(s.charAt(runEnd)) : ' ';
            if (!(isHan(lastNonSpace) && isHan(next))) {
                for (int j = i; j < runEnd; j++) {
                    out[n] = ' ';
                    offsets[n++] = j;
                }
            }
            i = runEnd;
        }
        return new NormalizedText(new String(out, 0, n), s, n == offsets.length ? offsets : Arrays.copyOf(offsets, n));
    }

    /** The normalised form alone, for keys such as names and lexicon terms. */
    public static String key(String s) {
        return normalize(s).text().strip();
    }

    public static boolean isHan(char c) {
        // Fast paths for the common cases: this runs on every char of every document.
        if (c >= '\u4E00' && c <= '\u9FFF') {
            return true;
        }
        if (c < '\u2E80') {
            return false;
        }
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** True for every char of {@code s} being Han and {@code s} non-empty. */
    public static boolean allHan(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isHan(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        if (c >= '\u3400' && c <= '\u9FFF' || c >= '\uF900' && c <= '\uFAFF') {
            return TraditionalToSimplified.simplify(c);
        }
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
        } else if (c == '\u3000') {
            c = ' ';
        }
        return Character.isLetter(c) && !isHan(c) ? Character.toLowerCase(c) : c;
    }

    /** Whitespace or a space separator; the common cases without Unicode property lookups (tested for every char). */
    static boolean isSpace(char c) {
        if (c > '\u3000') {
            return false; // nothing above the ideographic space is whitespace or a space separator
        }
        if (c < 0x80) {
            return c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' && c <= '\u001F';
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
