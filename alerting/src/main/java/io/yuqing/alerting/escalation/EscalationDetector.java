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
 * a firing key resolves only after a calm period. An ended episode's excess is left out of the baseline, and a fresh
 * surge inside an open episode (items after the firing, surprising even at the pace that fired) is announced as a new
 * one. Categories are judged before the enterprise overall, and the overall key stays silent within the hour after a
 * category's announcement (the same story). State lives in memory; {@link #restore} rebuilds it after a restart. Not
 * thread-safe: one caller feeds it.
 */
public final class EscalationDetector {
    private enum Status { QUIET, PENDING, FIRING }

    private static final class KeyState {
        final BucketCounts counts;
        Status status = Status.QUIET;
        Instant pendingSince;
        Instant firingSince;
        /** Bucket in which the episode fired: a fresh surge is one made only of later items. */
        long firedIndex;
        Instant calmSince;
        /** When a fresh surge inside a firing episode was first seen; it fires anew if the next evaluation agrees. */
        Instant freshSince;
        /** Firing without having been announced: another key of the enterprise announced the same surge. */
        boolean silent;

        KeyState(long firstIndex) {
            counts = new BucketCounts(firstIndex);
        }
    }

    /** The most surprising window of one evaluation. */
    private record Verdict(boolean fire, boolean urgent, boolean calm, int count, double expected, double pValue, int sources,
                           Duration window, long firstIndex, double perBucket) {
    }

    /** An enterprise's overall key firing within this long after one of its categories is not announced again. */
    static final Duration ANNOUNCE_ONCE_WITHIN = Duration.ofHours(1);

    private final EscalationConfig config;
    private final Clock clock;
    private final Map<EscalationKey, KeyState> keys = new LinkedHashMap<>(); // insertion order: events come out in a stable order
    private final DiurnalProfile profile;
    private final RepostShare repostShare = new RepostShare();
    /**
     * The first bucket the detector has seen any item in: every key's baseline reaches back to here, not to its own
     * first sighting — weeks without a mention are evidence of a low rate, and a firm first seen yesterday with two
     * items must not be taken for a firm mentioned twice a day.
     */
    private long watchingSince = Long.MAX_VALUE;
    /** When each enterprise last had one of its categories announced firing. */
    private final Map<String, Instant> lastAnnounced = new HashMap<>();

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
        lastAnnounced.values().removeIf(at -> !now.isBefore(at.plus(ANNOUNCE_ONCE_WITHIN)));
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
            // Past surges stay out of the baseline, as they would have had the detector run through them.
            if (e instanceof EscalationEvent.Resolved r && last.get(r.key()) instanceof EscalationEvent.Firing f
                    && keys.get(r.key()) instanceof KeyState state) {
                state.firingSince = f.since();
                markExcess(state, judge(state.counts, bucketIndex(now)).perBucket(), bucketIndex(r.resolvedAt()));
                state.firingSince = null;
            }
            last.put(e.key(), e);
        }
        for (EscalationEvent e : pastEvents) {
            if (e instanceof EscalationEvent.Firing f && f.category() != null
                    && now.isBefore(f.firedAt().plus(ANNOUNCE_ONCE_WITHIN))) {
                lastAnnounced.merge(f.enterpriseId(), f.firedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        for (EscalationEvent e : last.values()) {
            if (e instanceof EscalationEvent.Firing f) {
                KeyState state = keys.computeIfAbsent(f.key(), k -> new KeyState(bucketIndex(f.since())));
                state.status = Status.FIRING;
                state.firingSince = f.since();
                state.firedIndex = bucketIndex(f.firedAt());
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
        watchingSince = Math.min(watchingSince, index);
        KeyState overall = keys.get(EscalationKey.overall(item.enterpriseId()));
        if (overall != null && overall.status != Status.FIRING) { // a surge's own items would pass for copies
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
        double days = Math.max(1, (index - watchingSince) * config.bucketMillis() / (double) Duration.ofDays(1).toMillis());
        // The chance of a coincidental follower is higher at busy hours of the day: with a flat rate, the daily
        // rhythm itself would pass for copies and make every tail heavier than it is.
        double perHour = counts.total() / days / 24 * profile.factorAt(index * config.bucketMillis() - hour * config.bucketMillis() / 2);
        repostShare.observe(follows, 1 - Math.exp(-perHour));
    }

    /** The item's category keys, then its enterprise's overall key: a surge is judged per category first. */
    private static List<EscalationKey> keysOf(RiskyItem item) {
        List<EscalationKey> out = new ArrayList<>(1 + item.categories().size());
        for (RiskCategory c : new LinkedHashSet<>(item.categories())) {
            out.add(new EscalationKey(item.enterpriseId(), c));
        }
        out.add(EscalationKey.overall(item.enterpriseId()));
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
                // A fresh surge — a window made only of items after the firing, and surprising even at the pace
                // that fired — is a new episode, not more of the old one: otherwise a long-lived false alarm would
                // swallow a real burst that follows it. A burst going on at its own pace is not fresh.
                long firstIndex = bucketIndex(state.firingSince);
                double firedPace = state.counts.recent(firstIndex - 1, state.firedIndex).count()
                        / (double) (state.firedIndex - firstIndex + 1);
                Verdict fresh = judge(state.counts, bucketIndex(now), bucketIndex(now) - state.firedIndex, firedPace);
                if (fresh == null || !fresh.fire()) {
                    state.freshSince = null;
                } else if (fresh.urgent() || fresh.count() >= config.immediateCount()
                        || (state.freshSince != null && now.isAfter(state.freshSince))) {
                    markExcess(state, v.perBucket(), state.firedIndex);
                    resolve(key, state, now, events);
                    fire(key, state, fresh, now, events);
                    return;
                } else if (state.freshSince == null) {
                    state.freshSince = now;
                }
                if (!v.calm()) {
                    state.calmSince = null;
                } else if (state.calmSince == null) {
                    state.calmSince = now;
                } else if (!now.isBefore(state.calmSince.plus(config.calmPeriod()))) {
                    markExcess(state, v.perBucket(), bucketIndex(now));
                    resolve(key, state, now, events);
                    state.status = Status.QUIET;
                    state.firingSince = null;
                    state.calmSince = null;
                }
            }
        }
    }

    /**
     * Leaves an ended episode's excess — its items beyond what the baseline expected over its span — out of the
     * baseline, so a burst does not teach the baseline that bursts are normal. Only the excess: the background
     * during a (possibly false) alarm is still background, and dropping it would lower the rate and feed more alarms.
     */
    private void markExcess(KeyState state, double perBucket, long toIndex) {
        long from = bucketIndex(state.firingSince);
        int count = state.counts.recent(from - 1, toIndex).count();
        int excess = (int) Math.floor(count - perBucket * (toIndex - from + 1));
        if (excess > 0) {
            state.counts.markEpisode(from, toIndex, excess);
        }
    }

    private void resolve(EscalationKey key, KeyState state, Instant now, List<EscalationEvent> events) {
        if (!state.silent) {
            events.add(new EscalationEvent.Resolved(key.enterpriseId(), key.category(), state.firingSince, now));
        }
    }

    private void fire(EscalationKey key, KeyState state, Verdict v, Instant now, List<EscalationEvent> events) {
        Instant since = Instant.ofEpochMilli(v.firstIndex() * config.bucketMillis());
        state.status = Status.FIRING;
        state.firingSince = since;
        state.firedIndex = bucketIndex(now);
        state.calmSince = null;
        state.freshSince = null;
        // One announcement per surge: when one of the enterprise's categories was announced within the hour, the
        // enterprise's overall key firing now is the same story counted again — it fires silently (and resolves
        // silently), still marking the enterprise as escalating. Categories are always announced (and judged
        // first): they route to their own desks, and all-category desks receive them too.
        Instant last = lastAnnounced.get(key.enterpriseId());
        state.silent = key.category() == null && last != null && now.isBefore(last.plus(ANNOUNCE_ONCE_WITHIN));
        if (!state.silent) {
            if (key.category() != null) {
                lastAnnounced.put(key.enterpriseId(), now);
            }
            events.add(new EscalationEvent.Firing(key.enterpriseId(), key.category(), v.count(), v.expected(),
                    v.pValue(), v.sources(), v.window(), since, now));
        }
    }

    private Verdict judge(BucketCounts counts, long nowIndex) {
        return judge(counts, nowIndex, Integer.MAX_VALUE, 0);
    }

    /**
     * Tries every window of at most {@code maxWindowBuckets}, expecting at least {@code leastPerBucket} items a
     * bucket; reports the most surprising one, and calm only if every window tried is calm. Null when no window is
     * short enough.
     */
    private Verdict judge(BucketCounts counts, long nowIndex, long maxWindowBuckets, double leastPerBucket) {
        if (config.windowBuckets(config.windows().getFirst()) > maxWindowBuckets) {
            return null;
        }
        int longest = config.longestWindowBuckets();
        int baselineBuckets = config.baselineBuckets();
        BucketCounts.Recent inLongest = counts.recent(nowIndex - longest, nowIndex);
        // The baseline is everything before the longest window, back to the watch start or the baseline reach, less
        // the excess of past episodes.
        long baselineStart = Math.max(Math.min(watchingSince, counts.firstIndex()), nowIndex - longest - baselineBuckets + 1);
        long span = Math.max(0, nowIndex - longest - baselineStart + 1);
        long baseCount = counts.cleanTotal() - inLongest.clean();
        double baseSquares = counts.cleanSquares() - inLongest.cleanSquares();
        double bucketsPerDay = Duration.ofDays(1).toMillis() / (double) config.bucketMillis();
        double spanDays = span / bucketsPerDay;
        // The floor prior only ever raises the expectation: it guards short histories, and must not shrink a busy
        // firm's observed rate towards the floor (that made every busy afternoon look like a surge).
        double observedPerDay = spanDays > 0 ? baseCount / spanDays : 0;
        double perDay = Math.max(Math.max(config.floorPerDay(), observedPerDay),
                (baseCount + config.floorPerDay() * config.priorDays()) / (spanDays + config.priorDays()));
        double copiesPerStory = repostShare.copiesPerStory();
        double perBucket = Math.max(leastPerBucket, perDay / bucketsPerDay);
        double bucketVariance = span == 0 ? perBucket
                : Math.max(perBucket, baseSquares / span - Math.pow(baseCount / (double) span, 2));
        int tried = config.windows().size();

        Verdict best = null;
        boolean allCalm = true;
        for (Duration window : config.windows()) {
            int w = config.windowBuckets(window);
            if (w > maxWindowBuckets) {
                break;
            }
            BucketCounts.Recent r = w == longest ? inLongest : counts.recent(nowIndex - w, nowIndex);
            double shape = config.diurnal() ? diurnalWeight(nowIndex, w) : w;
            double expected = perBucket * shape;
            double variance = bucketVariance * shape;
            double p = Math.min(1.0, Poisson.clusteredUpperTail(r.count(), expected, copiesPerStory) * tried);
            SurpriseRule.WindowStats stats = new SurpriseRule.WindowStats(r.count(), expected, variance, p);
            boolean fire = r.count() >= config.minCount() && r.sources() >= config.minSources()
                    && config.rule().surprising(stats);
            allCalm &= r.count() < config.minCount() || config.rule().calm(stats);
            Verdict v = new Verdict(fire, fire && config.rule().urgent(stats), false, r.count(), expected, p, r.sources(), window,
                    r.firstIndex(), perBucket);
            if (best == null || (v.fire() && !best.fire()) || (v.fire() == best.fire() && p < best.pValue())) {
                best = v;
            }
        }
        return new Verdict(best.fire(), best.urgent(), allCalm, best.count(), best.expected(), best.pValue(), best.sources(),
                best.window(), best.firstIndex(), perBucket);
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
