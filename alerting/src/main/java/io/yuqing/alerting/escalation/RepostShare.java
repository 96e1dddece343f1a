package io.yuqing.alerting.escalation;

/**
 * Estimates how often a risky story is carried a second time by another outlet within the hour (转载), pooled over
 * all enterprises. Copies make item counts clumpier than Poisson: two stories and one copy look like three independent
 * items, and near zero that difference is most of the false alarms. The estimate is the share of items that follow an
 * item of the same enterprise within the hour, minus the share that would by coincidence at each enterprise's own rate,
 * converted from "share of items that are copies" f to "copies per story" q = f / (1 − f). Recent items weigh more,
 * and the estimate starts at zero (plain Poisson) until enough items have been seen.
 */
final class RepostShare {
    /** Items of weight: older observations fade with this horizon. */
    private static final double HORIZON = 20_000;
    /** Pseudo-items at zero excess, so a handful of early items cannot swing the estimate. */
    private static final double PRIOR_ITEMS = 200;
    /** Copies per story are capped: beyond this the clustered tail would excuse genuine surges. */
    private static final double MAX_Q = 1.0;

    private double items;
    private double excess;

    /**
     * @param followsRecent   whether the enterprise had another item within the previous hour
     * @param chanceOfRecent  the probability of that by coincidence at the enterprise's own baseline rate
     */
    void observe(boolean followsRecent, double chanceOfRecent) {
        double keep = 1 - 1 / HORIZON;
        items = items * keep + 1;
        excess = excess * keep + (followsRecent ? 1 : 0) - chanceOfRecent;
    }

    /** Copies per story, 0 when the stream looks no clumpier than Poisson. */
    double copiesPerStory() {
        double share = Math.max(0, excess) / (items + PRIOR_ITEMS);
        return Math.min(MAX_Q, share / (1 - Math.min(share, 0.5)));
    }
}
