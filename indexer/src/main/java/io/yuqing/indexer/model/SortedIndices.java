package io.yuqing.indexer.model;

import java.util.Arrays;

/**
 * Sorts the weight indices of one feature vector (non-negative ints below 2^bits). A pair has a few thousand of them
 * and every scored item sorts several vectors, so a least-significant-digit radix sort (11 bits a pass: two passes
 * for the usual 18–22 bit tables) replaces the comparison sort that used to take a tenth of the model's time. The
 * result is the same ascending order, so the weights are summed in the same order as before, to the last bit.
 */
final class SortedIndices {
    private static final int DIGIT_BITS = 11;
    private static final int BUCKETS = 1 << DIGIT_BITS;
    /** Below this a comparison sort is as quick and allocates less. */
    private static final int SMALL = 256;

    private SortedIndices() {
    }

    /** The values of {@code a} in ascending order (a new array, or {@code a} itself sorted in place when small). */
    static int[] sort(int[] a, int bits) {
        if (a.length < SMALL || bits <= 0) {
            Arrays.sort(a);
            return a;
        }
        int[] src = a;
        int[] dst = new int[a.length];
        int[] start = new int[BUCKETS + 1];
        for (int shift = 0; shift < bits; shift += DIGIT_BITS) {
            Arrays.fill(start, 0);
            for (int v : src) {
                start[((v >>> shift) & (BUCKETS - 1)) + 1]++;
            }
            for (int b = 0; b < BUCKETS; b++) {
                start[b + 1] += start[b];
            }
            for (int v : src) {
                dst[start[(v >>> shift) & (BUCKETS - 1)]++] = v;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }
}
