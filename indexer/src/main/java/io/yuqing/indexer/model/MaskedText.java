package io.yuqing.indexer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A normalised text with every candidate name collapsed to one placeholder char, and which candidate owns each
 * placeholder. Overlapping names resolve to the longest (小资钱包 hides the 小资 inside it). The layout is the same
 * whichever candidate is being judged, so it is computed once per item and only the placeholders change:
 * {@link #forCandidate} writes {@link PairFeatures#SELF} for the judged candidate and {@link PairFeatures#OTHER} for
 * the rest.
 */
final class MaskedText {
    private static final char PLACEHOLDER = PairFeatures.OTHER;

    private final String text;
    /** Candidate index per char of {@link #text}, -1 for ordinary text. */
    private final int[] owner;

    private MaskedText(String text, int[] owner) {
        this.text = text;
        this.owner = owner;
    }

    static MaskedText of(String normalized, List<PairFeatures.Candidate> candidates) {
        if (normalized.isEmpty()) {
            return new MaskedText(normalized, new int[0]);
        }
        List<int[]> ranges = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            for (String name : candidates.get(c).names()) {
                if (name.isEmpty()) {
                    continue;
                }
                for (int at = normalized.indexOf(name); at >= 0; at = normalized.indexOf(name, at + 1)) {
                    ranges.add(new int[]{at, at + name.length(), c});
                }
            }
        }
        if (ranges.isEmpty()) {
            int[] none = new int[normalized.length()];
            Arrays.fill(none, -1);
            return new MaskedText(normalized, none);
        }
        ranges.sort(Comparator.<int[]>comparingInt(r -> r[1] - r[0]).reversed().thenComparingInt(r -> r[0]));
        int[] ownerOfChar = new int[normalized.length()];
        Arrays.fill(ownerOfChar, -1);
        int[] startOf = new int[normalized.length()];
        for (int[] r : ranges) {
            boolean free = true;
            for (int i = r[0]; i < r[1] && free; i++) {
                free = ownerOfChar[i] < 0;
            }
            if (free) {
                Arrays.fill(ownerOfChar, r[0], r[1], r[2]);
                Arrays.fill(startOf, r[0], r[1], r[0]);
            }
        }
        StringBuilder sb = new StringBuilder(normalized.length());
        int[] owner = new int[normalized.length()];
        int n = 0;
        for (int i = 0; i < normalized.length(); i++) {
            if (ownerOfChar[i] < 0) {
                sb.append(normalized.charAt(i));
                owner[n++] = -1;
            } else if (startOf[i] == i) {
                sb.append(PLACEHOLDER);
                owner[n++] = ownerOfChar[i];
            }
        }
        return new MaskedText(sb.toString(), Arrays.copyOf(owner, n));
    }

    /** The masked text with placeholders as seen from candidate {@code self}. */
    String forCandidate(int self) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (owner[i] == self) {
                chars[i] = PairFeatures.SELF;
            }
        }
        return new String(chars);
    }

    /** The masked text with every candidate as {@link PairFeatures#OTHER}: where lexicon terms are looked up. */
    String neutral() {
        return text;
    }

    /** Candidate index of the placeholder at {@code i}, -1 when {@code i} is ordinary text. */
    int ownerAt(int i) {
        return owner[i];
    }

    int length() {
        return text.length();
    }
}
