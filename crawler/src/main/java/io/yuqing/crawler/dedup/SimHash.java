package io.yuqing.crawler.dedup;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * 64-bit SimHash (Charikar) over character shingles of normalised text: reposts of one story differ in a few bits,
 * unrelated stories in about half of them. Normalising (NFKC, lower case, letters and digits only) makes full-width
 * and half-width forms, punctuation and spacing irrelevant.
 */
public final class SimHash {
    /** Characters per shingle: 4 Han characters are about two words. */
    public static final int SHINGLE = 4;

    private SimHash() {
    }

    /** The text reduced to what carries content: NFKC, lower case (Locale.ROOT), letters and digits only. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The fingerprint of already normalised text; texts shorter than one shingle count as one shingle. */
    public static long ofNormalized(String normalized) {
        int[] cps = normalized.codePoints().toArray();
        Map<Long, Integer> weights = new HashMap<>();
        if (cps.length <= SHINGLE) {
            weights.put(hash(normalized), 1);
        } else {
            for (int i = 0; i + SHINGLE <= cps.length; i++) {
                weights.merge(hash(new String(cps, i, SHINGLE)), 1, Integer::sum);
            }
        }
        long[] sums = new long[64];
        for (Map.Entry<Long, Integer> e : weights.entrySet()) {
            long h = e.getKey();
            int w = e.getValue();
            for (int bit = 0; bit < 64; bit++) {
                sums[bit] += ((h >>> bit) & 1L) == 1L ? w : -w;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (sums[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    public static long of(String text) {
        return ofNormalized(normalize(text));
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** FNV-1a over the UTF-8 bytes, then the SplitMix64 finaliser so every output bit depends on every input bit. */
    static long hash(String shingle) {
        long h = 0xcbf29ce484222325L;
        for (byte b : shingle.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
