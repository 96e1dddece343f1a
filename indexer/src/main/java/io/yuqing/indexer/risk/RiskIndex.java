package io.yuqing.indexer.risk;

import io.yuqing.core.model.RiskLevel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An enterprise's risk index: one figure from 0 to 100 summarising its recent scored items, for a daily chart.
 * A pure function of the items; nothing is stored here.
 *
 * <p>Formula. Each item {@code i} with time {@code tᵢ}, score {@code sᵢ} (0–100) and level {@code levelᵢ} brings an
 * impulse {@code wᵢ = sᵢ / 100} when its level is at least {@link RiskLevel#BLUE}, and nothing when it is
 * {@link RiskLevel#NONE} (below every warning threshold, so noise rather than risk). Impulses decay exponentially with
 * half-life {@code H}: the <em>load</em> at instant {@code t} is
 * <pre>
 *   L(t) = Σ_{tᵢ ≤ t} wᵢ · 2^(−(t − tᵢ) / H)
 * </pre>
 * and the <em>index</em> saturates it into 0–100 with scale {@code K}:
 * <pre>
 *   I(t) = 100 · (1 − e^(−L(t) / K))
 * </pre>
 * So the load halves every {@code H} without new items; the index falls on quiet days, rises with every new item,
 * rises less for each further item of a burst (a tenth report of the same scandal adds little), and never reaches
 * 100. With the defaults ({@code H} = 3 days, {@code K} = 1.25) one fresh item of score 85 gives ≈ 49, two give
 * ≈ 74, and one item of score 50 a week old gives ≈ 8.
 *
 * <p>The daily figure of day {@code d} is {@code I} at the end of {@code d} in the given time zone (the start of the
 * next day), so it includes every item of that day and of the days before.
 */
public final class RiskIndex {
    /** One scored item of the enterprise. */
    public record Item(Instant time, int score, RiskLevel level) {
        public Item {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(level, "level");
            if (score < 0 || score > 100) {
                throw new IllegalArgumentException("item score must be between 0 and 100, not " + score);
            }
        }
    }

    /** The figure of one day. */
    public record DailyValue(LocalDate day, double value) {
    }

    public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(3);
    public static final double DEFAULT_SATURATION = 1.25;

    private final double halfLifeSeconds;
    private final double saturation;

    /**
     * @param halfLife   time after which an item's weight has halved (positive)
     * @param saturation load at which the index reaches 100·(1 − 1/e) ≈ 63 (positive); larger means slower to saturate
     */
    public RiskIndex(Duration halfLife, double saturation) {
        if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("risk index half-life must be positive, not " + halfLife);
        }
        if (!(saturation > 0) || Double.isInfinite(saturation)) {
            throw new IllegalArgumentException("risk index saturation must be a positive number, not " + saturation);
        }
        this.halfLifeSeconds = halfLife.toNanos() / 1e9;
        this.saturation = saturation;
    }

    /** Half-life 3 days, saturation 1.25. */
    public static RiskIndex defaults() {
        return new RiskIndex(DEFAULT_HALF_LIFE, DEFAULT_SATURATION);
    }

    /** The impulse an item brings when fresh: score/100, or 0 below the blue level. */
    public static double impulse(Item item) {
        return item.level().atLeast(RiskLevel.BLUE) ? item.score() / 100.0 : 0.0;
    }

    /** {@code L(at)}: decayed sum of the impulses of the items at or before {@code at}. */
    public double load(List<Item> items, Instant at) {
        double load = 0;
        for (Item item : items) {
            if (!item.time().isAfter(at)) {
                load += impulse(item) * decay(Duration.between(item.time(), at));
            }
        }
        return load;
    }

    /** {@code I(at)}: the index, 0 to 100, at instant {@code at}. */
    public double valueAt(List<Item> items, Instant at) {
        return saturate(load(items, at));
    }

    /** The index of a given load. */
    public double saturate(double load) {
        return 100.0 * (1.0 - Math.exp(-load / saturation));
    }

    /**
     * The daily figure of every day from {@code fromDay} to {@code toDay}, both included, days taken in {@code zone}.
     * Items before {@code fromDay} count (decayed); items after the end of {@code toDay} do not. Items need not be
     * sorted. Runs in O(items · log items + days).
     */
    public List<DailyValue> dailySeries(List<Item> items, LocalDate fromDay, LocalDate toDay, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (toDay.isBefore(fromDay)) {
            throw new IllegalArgumentException("risk index series ends (" + toDay + ") before it starts (" + fromDay + ")");
        }
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::time));
        List<DailyValue> out = new ArrayList<>();
        double load = 0;
        Instant loadAt = fromDay.atStartOfDay(zone).toInstant();
        int next = 0;
        for (LocalDate day = fromDay; !day.isAfter(toDay); day = day.plusDays(1)) {
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            // Carry the load to the end of the day, then add the items before it (for the first day, all earlier ones).
            load *= decay(Duration.between(loadAt, end));
            loadAt = end;
            while (next < sorted.size() && sorted.get(next).time().isBefore(end)) {
                Item item = sorted.get(next++);
                load += impulse(item) * decay(Duration.between(item.time(), end));
            }
            out.add(new DailyValue(day, saturate(load)));
        }
        return out;
    }

    /** 2^(−elapsed / H). */
    private double decay(Duration elapsed) {
        return Math.pow(2.0, -(elapsed.toNanos() / 1e9) / halfLifeSeconds);
    }
}
