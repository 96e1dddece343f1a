package io.yuqing.crawler.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where one page's extraction went wrong, line by line: the true lines the extraction lost and the extracted lines
 * the truth does not have. A line counts as lost (or extra) when fewer than half of its 4-word shingles (for Chinese
 * text: its characters) occur on the other side; this is for reading losses, the figures come from {@link TokenMatch}.
 */
public record TextLosses(List<String> missing, List<String> extra) {
    private static final double FOUND_SHARE = 0.5;

    public TextLosses {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
    }

    public static TextLosses of(String truth, String extracted) {
        return new TextLosses(absent(truth, extracted), absent(extracted, truth));
    }

    /** The lines of {@code text} that are mostly not in {@code other}. */
    private static List<String> absent(String text, String other) {
        Map<String, Integer> otherShingles = TextTokens.wordShingles(other);
        Map<String, Integer> otherChars = TextTokens.charTokens(other);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            boolean han = l.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            Map<String, Integer> own = han ? TextTokens.charTokens(l) : TextTokens.wordShingles(l);
            Map<String, Integer> against = han ? otherChars : otherShingles;
            int total = own.values().stream().mapToInt(Integer::intValue).sum();
            int found = own.entrySet().stream().mapToInt(e -> Math.min(e.getValue(), against.getOrDefault(e.getKey(), 0))).sum();
            if (total > 0 && found < FOUND_SHARE * total) {
                lines.add(l);
            }
        }
        return lines;
    }
}
