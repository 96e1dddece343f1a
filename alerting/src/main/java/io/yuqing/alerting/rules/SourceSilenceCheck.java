package io.yuqing.alerting.rules;

import io.yuqing.core.config.AlertRuleConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a source has been silent for longer than usual: longer than {@code factor} × its median gap between
 * items over {@code history}, and at least {@code minSilence}. Pure: the live monitor and {@code yuqing rules test}
 * both call it with the item times they have.
 */
public final class SourceSilenceCheck {
    private SourceSilenceCheck() {
    }

    /**
     * A silence: no item from {@code lastItemAt} on.
     *
     * @param usualGap  the source's median gap between items before the silence (null when too few items to say)
     * @param threshold how long the silence had to last to alert
     */
    public record Silence(String sourceId, Instant lastItemAt, Duration usualGap, Duration threshold) {
        /** When the silence became an alert. */
        public Instant alertAt() {
            return lastItemAt.plus(threshold);
        }
    }

    /** How long a silence must last after an item at {@code lastItemAt}, given the items before it. */
    public static Silence threshold(AlertRuleConfig.SourceSilent rule, String sourceId, List<Instant> sortedTimes,
                                    Instant lastItemAt) {
        List<Duration> gaps = new ArrayList<>();
        Instant from = lastItemAt.minus(rule.history());
        Instant previous = null;
        for (Instant t : sortedTimes) {
            if (t.isBefore(from) || t.isAfter(lastItemAt)) {
                continue;
            }
            if (previous != null) {
                gaps.add(Duration.between(previous, t));
            }
            previous = t;
        }
        Duration usual = null;
        Duration threshold = rule.minSilence();
        if (!gaps.isEmpty()) {
            gaps.sort(null);
            usual = gaps.get(gaps.size() / 2);
            Duration scaled = Duration.ofMillis((long) (usual.toMillis() * rule.factor()));
            threshold = scaled.compareTo(threshold) > 0 ? scaled : threshold;
        }
        return new Silence(sourceId, lastItemAt, usual, threshold);
    }

    /** The silence in force at {@code now}, if the source's last item is older than its threshold. */
    public static Optional<Silence> at(AlertRuleConfig.SourceSilent rule, String sourceId, List<Instant> sortedTimes,
                                       Instant now) {
        Instant last = null;
        for (Instant t : sortedTimes) {
            if (!t.isAfter(now)) {
                last = t;
            }
        }
        if (last == null) {
            return Optional.empty(); // no item at all: nothing is usual yet (failing sources are flagged elsewhere)
        }
        Silence s = threshold(rule, sourceId, sortedTimes, last);
        return s.alertAt().isAfter(now) ? Optional.empty() : Optional.of(s);
    }

    /** Every silence that would have alerted within [from, to], replaying the item times. */
    public static List<Silence> replay(AlertRuleConfig.SourceSilent rule, String sourceId, List<Instant> sortedTimes,
                                       Instant from, Instant to) {
        List<Silence> out = new ArrayList<>();
        for (int i = 0; i < sortedTimes.size(); i++) {
            Instant last = sortedTimes.get(i);
            Instant next = i + 1 < sortedTimes.size() ? sortedTimes.get(i + 1) : to;
            if (last.isAfter(to)) {
                break;
            }
            Silence s = threshold(rule, sourceId, sortedTimes, last);
            Instant alertAt = s.alertAt();
            if (!alertAt.isBefore(from) && !alertAt.isAfter(to) && alertAt.isBefore(next)) {
                out.add(s);
            }
        }
        return out;
    }
}
