package io.yuqing.indexer.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves overlapping dictionary hits: the longest wins (青州云帆科技有限公司 over 云帆科技), ties go to the earlier one,
 * and every hit overlapping a kept one is dropped.
 */
public final class LongestMatches {
    private LongestMatches() {
    }

    /** Kept hits in text order. Hit ends are inclusive, as Aho-Corasick reports them. */
    public static List<CharAutomaton.Hit> select(Collection<CharAutomaton.Hit> hits) {
        if (hits.size() <= 1) {
            return List.copyOf(hits);
        }
        List<CharAutomaton.Hit> bySize = new ArrayList<>(hits);
        bySize.sort(Comparator.comparingInt(CharAutomaton.Hit::length).reversed()
                .thenComparingInt(CharAutomaton.Hit::start));
        BitSet taken = new BitSet();
        List<CharAutomaton.Hit> kept = new ArrayList<>();
        for (CharAutomaton.Hit h : bySize) {
            int nextTaken = taken.nextSetBit(h.start());
            if (nextTaken == -1 || nextTaken > h.endInclusive()) {
                taken.set(h.start(), h.endInclusive() + 1);
                kept.add(h);
            }
        }
        kept.sort(Comparator.comparingInt(CharAutomaton.Hit::start));
        return kept;
    }

    /**
     * True when a hit that starts or ends with a Latin letter or digit is not glued to another one, so the name "ABC"
     * does not match inside "ABCD". Han text has no word boundaries and is always accepted.
     */
    public static boolean onWordBoundary(String text, int start, int endInclusive) {
        boolean startsLatin = isLatinOrDigit(text.charAt(start));
        boolean endsLatin = isLatinOrDigit(text.charAt(endInclusive));
        if (startsLatin && start > 0 && isLatinOrDigit(text.charAt(start - 1))) {
            return false;
        }
        return !(endsLatin && endInclusive + 1 < text.length() && isLatinOrDigit(text.charAt(endInclusive + 1)));
    }

    private static boolean isLatinOrDigit(char c) {
        return (c < 0x250 && Character.isLetterOrDigit(c));
    }
}
