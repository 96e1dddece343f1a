package io.yuqing.indexer.text;

import org.ahocorasick.trie.Emit;

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

    /** Kept hits in text order. Emit ends are inclusive, as Aho-Corasick reports them. */
    public static List<Emit> select(Collection<Emit> emits) {
        List<Emit> bySize = new ArrayList<>(emits);
        bySize.sort(Comparator.comparingInt((Emit e) -> e.getEnd() - e.getStart()).reversed()
                .thenComparingInt(Emit::getStart));
        BitSet taken = new BitSet();
        List<Emit> kept = new ArrayList<>();
        for (Emit e : bySize) {
            int nextTaken = taken.nextSetBit(e.getStart());
            if (nextTaken == -1 || nextTaken > e.getEnd()) {
                taken.set(e.getStart(), e.getEnd() + 1);
                kept.add(e);
            }
        }
        kept.sort(Comparator.comparingInt(Emit::getStart));
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
