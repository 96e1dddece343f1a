package io.yuqing.indexer.text;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

import java.util.List;

/**
 * Traditional Han characters to simplified ones, one char to one char (雲 → 云, 資 → 资, 鏈 → 链), so a Big5 page
 * matches names and lexicon terms written in simplified form.
 *
 * <p>The mapping is OpenCC's character table (through opencc4j), read once into a 64K table. Only mappings whose first
 * simplified candidate is a single BMP char are kept: the output has as many chars as the input, so offsets into the
 * original text stay exact. Phrase-level conversion (which can change lengths) is deliberately not used; where OpenCC
 * lists the character itself first (乾 → 乾/干, 著) it stays as it is.
 */
public final class TraditionalToSimplified {
    private TraditionalToSimplified() {
    }

    /** The simplified form of {@code c}, or {@code c} itself when it has none. */
    public static char simplify(char c) {
        return Table.SIMPLE[c];
    }

    /** Every char of {@code s} simplified; same length as {@code s}. */
    public static String simplify(String s) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = Table.SIMPLE[out[i]];
        }
        return new String(out);
    }

    /** Built on first use: reading OpenCC's table takes a fraction of a second. */
    private static final class Table {
        static final char[] SIMPLE = build();

        private static char[] build() {
            char[] table = new char[Character.MAX_VALUE + 1];
            for (int c = 0; c < table.length; c++) {
                table[c] = (char) c;
            }
            fill(table, '\u3400', '\u9FFF');   // CJK unified ideographs and extension A
            fill(table, '\uF900', '\uFAFF');   // CJK compatibility ideographs
            return table;
        }

        private static void fill(char[] table, char from, char to) {
            for (char c = from; c <= to; c++) {
                List<String> candidates = ZhConverterUtil.toSimple(c);
                if (candidates == null || candidates.isEmpty()) {
                    continue;
                }
                String first = candidates.getFirst();
                if (first.length() == 1) {
                    table[c] = first.charAt(0);
                }
            }
        }
    }
}
