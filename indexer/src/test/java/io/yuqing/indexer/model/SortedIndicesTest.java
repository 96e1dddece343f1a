package io.yuqing.indexer.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class SortedIndicesTest {

    @Test
    void sortsLikeArraysSortForEveryTableSizeAndLength() {
        Random random = new Random(3);
        for (int bits : new int[]{10, 11, 12, 16, 18, 20, 22, 26}) {
            for (int length : new int[]{0, 1, 7, 255, 256, 257, 1000, 4096, 20_000}) {
                int[] values = new int[length];
                for (int i = 0; i < length; i++) {
                    // Many duplicates in the short ranges, as hashed n-grams of overlapping windows give.
                    values[i] = random.nextInt(i % 3 == 0 ? 50 : 1 << bits);
                }
                int[] expected = values.clone();
                Arrays.sort(expected);
                assertArrayEquals(expected, SortedIndices.sort(values.clone(), bits), bits + " bits, " + length + " values");
            }
        }
    }
}
