package io.yuqing.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Re-checking articles already stored, so edits and deletions (删帖) of the original are noticed.
 *
 * @param enabled              false: an article is fetched once and never again
 * @param recheckFor           how long after it was first seen an article is re-checked at all
 * @param after                when, counted from first seen, each re-check is due (ascending); steps past
 *                             {@code recheckFor} are not taken
 * @param maxPerCycle          most re-checks one source's cycle makes (after its new items), so they never crowd
 *                             out fresh news
 * @param retryUnreachableAfter a re-check that could not reach the page (timeout, 5xx) is tried again this much later
 * @param confirmDeletionAfter a page that looks deleted is checked once more this much later, and reported deleted only
 *                             when it still looks deleted (a passing 404 during a site deployment is not a 删帖)
 */
public record RecheckConfig(boolean enabled, Duration recheckFor, List<Duration> after, int maxPerCycle,
                            Duration retryUnreachableAfter, Duration confirmDeletionAfter) {
    public RecheckConfig {
        recheckFor = recheckFor == null ? Duration.ofDays(7) : recheckFor;
        Checks.positive("crawler.recheck.recheckFor", recheckFor);
        after = after == null || after.isEmpty()
                ? List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(72))
                : List.copyOf(after);
        Duration previous = Duration.ZERO;
        for (Duration step : after) {
            Checks.positive("crawler.recheck.after", step);
            if (step.compareTo(previous) <= 0) {
                throw new IllegalArgumentException("crawler.recheck.after must list ascending durations (such as [1h, 6h, 1d, 3d]), but "
                        + Durations.format(step) + " follows " + Durations.format(previous));
            }
            previous = step;
        }
        if (maxPerCycle < 1) {
            throw new IllegalArgumentException("crawler.recheck.maxPerCycle must be at least 1, not " + maxPerCycle);
        }
        retryUnreachableAfter = retryUnreachableAfter == null ? Duration.ofHours(1) : retryUnreachableAfter;
        Checks.positive("crawler.recheck.retryUnreachableAfter", retryUnreachableAfter);
        confirmDeletionAfter = confirmDeletionAfter == null ? Duration.ofMinutes(10) : confirmDeletionAfter;
        Checks.positive("crawler.recheck.confirmDeletionAfter", confirmDeletionAfter);
    }

    /** No re-checks. */
    public static RecheckConfig off() {
        return new RecheckConfig(false, null, null, 10, null, null);
    }
}
