package io.yuqing.indexer.text;

/**
 * Text after {@link TextNormalizer#normalize}: what matching runs on, with the way back to the original.
 *
 * @param text     the normalised text
 * @param original the text it came from
 * @param offsets  for each char of {@code text}, the index of the char in {@code original} it came from
 */
public record NormalizedText(String text, String original, int[] offsets) {

    /** The original text behind the normalised range [start, end). */
    public String originalSlice(int start, int end) {
        if (start >= end) {
            return "";
        }
        return original.substring(offsets[start], offsets[end - 1] + 1);
    }

    /** Index in the original text of normalised index {@code i}; {@code text.length()} maps to the original's end. */
    public int originalIndex(int i) {
        return i < offsets.length ? offsets[i] : original.length();
    }
}
