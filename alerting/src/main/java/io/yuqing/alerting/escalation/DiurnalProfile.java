package io.yuqing.alerting.escalation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Hour-of-day activity pooled over all enterprises: news has a daily rhythm, and a flat rate would make every
 * morning look like a surge. Normalised so the 24 factors average 1, and shrunk towards 1 while data is thin.
 */
final class DiurnalProfile {
    /** Pseudo-counts per hour pulling the profile towards flat. */
    private static final double SHRINK = 20;

    private final long keepMillis;
    private final long[] byHour = new long[24];
    private final ArrayDeque<long[]> hours = new ArrayDeque<>(); // {epochHour, count}
    private final double[] factor = new double[24];
    private boolean stale = true;

    DiurnalProfile(long keepMillis) {
        this.keepMillis = keepMillis;
        Arrays.fill(factor, 1.0);
    }

    void add(Instant at) {
        long epochHour = Math.floorDiv(at.toEpochMilli(), 3_600_000L);
        long[] last = hours.peekLast();
        if (last != null && last[0] == epochHour) {
            last[1]++;
        } else {
            // A late item is appended out of order: it is then pruned a little late, which the profile tolerates.
            hours.addLast(new long[] {epochHour, 1});
        }
        byHour[hourOfDay(epochHour)]++;
        stale = true;
    }

    void prune(Instant now) {
        long oldest = Math.floorDiv(now.toEpochMilli() - keepMillis, 3_600_000L);
        while (!hours.isEmpty() && hours.peekFirst()[0] < oldest) {
            long[] h = hours.pollFirst();
            byHour[hourOfDay(h[0])] -= h[1];
            stale = true;
        }
    }

    /** Activity in the hour containing {@code epochMillis} relative to the daily average. */
    double factorAt(long epochMillis) {
        if (stale) {
            recompute();
        }
        return factor[hourOfDay(Math.floorDiv(epochMillis, 3_600_000L))];
    }

    private void recompute() {
        double sum = 0;
        for (long c : byHour) {
            sum += c;
        }
        double mean = sum / 24;
        for (int h = 0; h < 24; h++) {
            factor[h] = (byHour[h] + SHRINK) / (mean + SHRINK);
        }
        stale = false;
    }

    private static int hourOfDay(long epochHour) {
        return (int) Math.floorMod(epochHour, 24L);
    }
}
