package io.yuqing.alerting.escalation;

import io.yuqing.core.model.RiskCategory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notices when an enterprise, or one of its risk categories, is suddenly mentioned in risky items far more than its own
 * baseline: counts in buckets, sliding windows over the latest buckets, and a surprise rule judging each window
 * against the rate of the preceding weeks. Short windows react to a sudden burst on a near-zero baseline, long ones
 * catch a slow burn. The tail is repost-aware: stories copied by a second outlet within the hour make counts clumpier
 * than Poisson, so the share of copies is estimated from the stream ({@link RepostShare}) and the tail is that of a
 * compound Poisson. Hysteresis keeps it quiet: a surprising window first makes the key pending and fires only if the
 * next evaluation agrees — unless the tail is extreme or the count already large, when waiting would only add delay;
 * a firing key resolves only after a calm period. State lives in memory; {@link #restore} rebuilds it after a restart. Not thread-safe: one caller feeds
 * it.
 */
public final class EscalationDetector {
    private enum Status { QUIET, PENDING, FIRING }

    private static final class KeyState {
        final BucketCounts counts;
        Status status = Status.QUIET;
        Instant pendingSince;
        Instant firingSince;
        Instant calmSince;

        KeyState(long firstIndex) {
            counts = new BucketCounts(firstIndex);
        }
    }

    /** The most surprising window of one evaluation. */
    private record Verdict(boolean fire, boolean urgent, boolean calm, int count, double expected, double pValue, int sources,
                           Duration window, long firstIndex) {
    }

    private final EscalationConfig config;
    private final Clock clock;
    private final Map<EscalationKey, KeyState> keys = new LinkedHashMap<>(); // insertion order: events come out in a stable order
    private final DiurnalProfile profile;
    private final RepostShare repostShare = new RepostShare();

    public EscalationDetector(EscalationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.profile = new DiurnalProfile(config.baseline().toMillis());
    }

    /** Counts the item for its enterprise and each of its categories, and evaluates those keys now. */
    public List<EscalationEvent> observe(RiskyItem item) {
        Instant now = clock.instant();
        record(item, now);
        List<EscalationEvent> events = new ArrayList<>();
        for (EscalationKey key : keysOf(item)) {
            evaluate(key, keys.get(key), now, events);
        }
        return events;
    }

    /** Evaluates every key with recent items or an open episode, and forgets what has aged out of the baseline. */
    public List<EscalationEvent> tick() {
        Instant now = clock.instant();
        long nowIndex = bucketIndex(now);
        long oldestKept = nowIndex - config.baselineBuckets() - config.longestWindowBuckets() + 1;
        profile.prune(now);
        List<EscalationEvent> events = new ArrayList<>();
        Iterator<Map.Entry<EscalationKey, KeyState>> it = keys.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<EscalationKey, KeyState> e = it.next();
            KeyState state = e.getValue();
            state.counts.prune(oldestKept);
            if (state.status == Status.QUIET) {
                if (state.counts.isEmpty()) {
                    it.remove();
                    continue;
                }
                if (state.counts.newestIndex() <= nowIndex - config.longestWindowBuckets()) {
                    continue; // nothing in any window: cannot fire
                }
            }
            evaluate(e.getKey(), state, now, events);
        }
        return events;
    }

    /**
     * Rebuilds the state after a restart: past items refill the counts, and keys whose last past event was a firing
     * are firing again (so they resolve, and are not announced twice). Call before observing new items.
     */
    public void restore(Collection<RiskyItem> pastItems, List<EscalationEvent> pastEvents) {
        Instant now = clock.instant();
        for (RiskyItem item : pastItems) {
            if (!item.at().isBefore(now.minus(config.baseline()).minus(config.windows().getLast()))) {
                record(item, now);
            }
        }
        Map<EscalationKey, EscalationEvent> last = new HashMap<>();
        for (EscalationEvent e : pastEvents) {
            last.put(e.key(), e);
        }
        for (EscalationEvent e : last.values()) {
            if (e instanceof EscalationEvent.Firing f) {
                KeyState state = keys.computeIfAbsent(f.key(), k -> new KeyState(bucketIndex(f.since())));
                state.status = Status.FIRING;
                state.firingSince = f.since();
            }
        }
    }

    /** Keys currently firing, for the console. */
    public Set<EscalationKey> firing() {
        Set<EscalationKey> out = new LinkedHashSet<>();
        keys.forEach((k, s) -> {
            if (s.status == Status.FIRING) {
                out.add(k);
            }
        });
        return out;
    }

    private void record(RiskyItem item, Instant now) {
        Instant at = item.at().isAfter(now) ? now : item.at(); // a clock-skewed source cannot count in the future
        long index = bucketIndex(at);
        KeyState overall = keys.get(EscalationKey.overall(item.enterpriseId()));
        if (overall != null) {
            observeRepost(overall.counts, index);
        }
        profile.add(at);
        for (EscalationKey key : keysOf(item)) {
            keys.computeIfAbsent(key, k -> new KeyState(index)).counts.add(index, item.sourceId());
        }
    }

    /** Feeds the repost estimate: did this enterprise's item follow another within the hour, and how likely by chance? */
    private void observeRepost(BucketCounts counts, long index) {
        long hour = Math.max(1, Duration.ofHours(1).toMillis() / config.bucketMillis());
        boolean follows = counts.recent(index - hour, index).count() > 0;
        double days = Math.max(1, (index - counts.firstIndex()) * config.bucketMillis() / (double) Duration.ofDays(1).toMillis());
        double perHour = counts.total() / days / 24;
        repostShare.observe(follows, 1 - Math.exp(-perHour));
    }

    private static List<EscalationKey> keysOf(RiskyItem item) {
        List<EscalationKey> out = new ArrayList<>(1 + item.categories().size());
        out.add(EscalationKey.overall(item.enterpriseId()));
        for (RiskCategory c : new LinkedHashSet<>(item.categories())) {
            out.add(new EscalationKey(item.enterpriseId(), c));
        }
        return out;
    }

    private void evaluate(EscalationKey key, KeyState state, Instant now, List<EscalationEvent> events) {
        Verdict v = judge(state.counts, bucketIndex(now));
        switch (state.status) {
            case QUIET -> {
                if (v.fire()) {
                    if (v.urgent() || v.count() >= config.immediateCount()) {
                        fire(key, state, v, now, events);
                    } else {
                        state.status = Status.PENDING;
                        state.pendingSince = now;
                    }
                }
            }
            case PENDING -> {
                if (!v.fire()) {
                    state.status = Status.QUIET;
                } else if (now.isAfter(state.pendingSince) || v.urgent() || v.count() >= config.immediateCount()) {
                    fire(key, state, v, now, events);
                }
            }
            case FIRING -> {
                if (!v.calm()) {
                    state.calmSince = null;
                } else if (state.calmSince == null) {
                    state.calmSince = now;
                } else if (!now.isBefore(state.calmSince.plus(config.calmPeriod()))) {
                    events.add(new EscalationEvent.Resolved(key.enterpriseId(), key.category(), state.firingSince,
                            now));
                    state.status = Status.QUIET;
                    state.firingSince = null;
                    state.calmSince = null;
                }
            }
        }
    }

    private void fire(EscalationKey key, KeyState state, Verdict v, Instant now, List<EscalationEvent> events) {
        Instant since = Instant.ofEpochMilli(v.firstIndex() * config.bucketMillis());
        state.status = Status.FIRING;
        state.firingSince = since;
        state.calmSince = null;
        events.add(new EscalationEvent.Firing(key.enterpriseId(), key.category(), v.count(), v.expected(),
                v.pValue(), v.sources(), v.window(), since, now));
    }

    /** Tries every window; reports the most surprising one, and calm only if every window is calm. */
    private Verdict judge(BucketCounts counts, long nowIndex) {
        int longest = config.longestWindowBuckets();
        int baselineBuckets = config.baselineBuckets();
        BucketCounts.Recent inLongest = counts.recent(nowIndex - longest, nowIndex);
        // The baseline is everything before the longest window, back to the first sighting or the baseline reach.
        long baselineStart = Math.max(counts.firstIndex(), nowIndex - longest - baselineBuckets + 1);
        long span = Math.max(0, nowIndex - longest - baselineStart + 1);
        long baseCount = counts.total() - inLongest.count();
        double baseSquares = counts.totalSquares() - inLongest.squares();
        double bucketsPerDay = Duration.ofDays(1).toMillis() / (double) config.bucketMillis();
        double spanDays = span / bucketsPerDay;
        // The floor prior only ever raises the expectation: it guards short histories, and must not shrink a busy
        // firm's observed rate towards the floor (that made every busy afternoon look like a surge).
        double observedPerDay = spanDays > 0 ? baseCount / spanDays : 0;
        double perDay = Math.max(Math.max(config.floorPerDay(), observedPerDay),
                (baseCount + config.floorPerDay() * config.priorDays()) / (spanDays + config.priorDays()));
        double copiesPerStory = repostShare.copiesPerStory();
        double perBucket = perDay / bucketsPerDay;
        double bucketVariance = span == 0 ? perBucket
                : Math.max(perBucket, baseSquares / span - Math.pow(baseCount / (double) span, 2));
        int tried = config.windows().size();

        Verdict best = null;
        boolean allCalm = true;
        for (Duration window : config.windows()) {
            int w = config.windowBuckets(window);
            BucketCounts.Recent r = w == longest ? inLongest : counts.recent(nowIndex - w, nowIndex);
            double shape = config.diurnal() ? diurnalWeight(nowIndex, w) : w;
            double expected = perBucket * shape;
            double variance = bucketVariance * shape;
            double p = Math.min(1.0, Poisson.clusteredUpperTail(r.count(), expected, copiesPerStory) * tried);
            SurpriseRule.WindowStats stats = new SurpriseRule.WindowStats(r.count(), expected, variance, p);
            boolean fire = r.count() >= config.minCount() && r.sources() >= config.minSources()
                    && config.rule().surprising(stats);
            allCalm &= r.count() < config.minCount() || config.rule().calm(stats);
            Verdict v = new Verdict(fire, fire && config.rule().urgent(stats), false, r.count(), expected, p, r.sources(), window, r.firstIndex());
            if (best == null || (v.fire() && !best.fire()) || (v.fire() == best.fire() && p < best.pValue())) {
                best = v;
            }
        }
        return new Verdict(best.fire(), best.urgent(), allCalm, best.count(), best.expected(), best.pValue(), best.sources(),
                best.window(), best.firstIndex());
    }

    /** Sum of the hour-of-day factors over the window's buckets: its length in "average" buckets. */
    private double diurnalWeight(long nowIndex, int windowBuckets) {
        double sum = 0;
        for (long b = nowIndex - windowBuckets + 1; b <= nowIndex; b++) {
            sum += profile.factorAt(b * config.bucketMillis());
        }
        return sum;
    }

    private long bucketIndex(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), config.bucketMillis());
    }
}
