package io.yuqing.crawler.recheck;

/**
 * What the re-checks of one cycle found.
 *
 * @param suspected pages that looked deleted for the first time: checked once more before they are reported
 * @param sinkDown  the pipeline was unavailable, so the remaining re-checks wait for a later cycle
 */
public record RecheckReport(int checked, int unchanged, int edited, int deleted, int suspected, int unreachable,
                            boolean sinkDown) {
    public static final RecheckReport NONE = new RecheckReport(0, 0, 0, 0, 0, 0, false);
}
