package io.yuqing.alerting.escalation;

import io.yuqing.core.model.RiskCategory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A simulated month of risky-item streams for many enterprises, for the escalation evaluation: background noise with
 * a daily rhythm and per-enterprise base rates from very rare to busy (stories sometimes syndicated to a second
 * source), plus injected bursts of known start and size, fast or slow-burning. Seeded, so every run is the same.
 *
 * @param items      every item, in time order
 * @param bursts     the injected bursts, in time order
 * @param burstItems the items of the injected bursts (also in {@code items}), so a replay can leave them out
 */
public record SimulatedStreams(List<RiskyItem> items, List<Burst> bursts, Instant start, Instant evaluatedFrom,
                               Instant end, int enterprises, List<RiskyItem> burstItems) {
    /** Relative news activity by hour of day (Beijing time), averaging 1. */
    private static final double[] RHYTHM = normalised(new double[] {
            0.25, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 0.9, 1.4, 1.7, 1.7, 1.6,
            1.4, 1.5, 1.6, 1.6, 1.5, 1.3, 1.1, 1.1, 1.2, 1.1, 0.8, 0.5});
    private static final int SOURCES = 40;

    /** One injected burst: its items are in {@link #items()}, timed between start and end. */
    public record Burst(String enterpriseId, RiskCategory category, int size, Instant start, Instant third,
                        Instant end) {
    }

    /**
     * @param warmupDays days of noise before bursts start (the detector learns its baselines there)
     * @param days       days evaluated after the warm-up
     */
    public static SimulatedStreams generate(int enterprises, int warmupDays, int days, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.parse("2026-01-01T16:00:00Z"); // midnight in Beijing
        Instant evaluatedFrom = start.plus(Duration.ofDays(warmupDays));
        Instant end = evaluatedFrom.plus(Duration.ofDays(days));
        List<RiskyItem> items = new ArrayList<>();
        List<Burst> bursts = new ArrayList<>();
        List<RiskyItem> burstItems = new ArrayList<>();
        RiskCategory[] all = RiskCategory.values();
        for (int e = 0; e < enterprises; e++) {
            String id = String.format(java.util.Locale.ROOT, "ent-%04d", e);
            // Log-uniform base rate from one item in ~3 months to ~15 a day: most firms are rarely mentioned.
            double perDay = Math.exp(Math.log(0.01) + random.nextDouble() * (Math.log(15) - Math.log(0.01)));
            List<RiskCategory> cats = new ArrayList<>();
            int nCats = 1 + random.nextInt(4);
            while (cats.size() < nCats) {
                RiskCategory c = all[random.nextInt(all.length)];
                if (!cats.contains(c)) {
                    cats.add(c);
                }
            }
            noise(random, id, perDay, cats, start, end, items);
            // About one burst per two enterprises over the evaluated days, never two close together.
            int n = random.nextDouble() < 0.5 ? 1 : (random.nextDouble() < 0.2 ? 2 : 0);
            long evaluatedMinutes = Duration.between(evaluatedFrom, end).toMinutes();
            for (int b = 0; b < n; b++) {
                long slot = evaluatedMinutes / n;
                Instant bStart = evaluatedFrom.plus(Duration.ofMinutes(b * slot + random.nextLong(slot - 12 * 60)));
                int before = items.size();
                bursts.add(burst(random, id, cats.get(random.nextInt(cats.size())), bStart, items));
                burstItems.addAll(items.subList(before, items.size()));
            }
        }
        items.sort(Comparator.comparing(RiskyItem::at));
        bursts.sort(Comparator.comparing(Burst::start));
        return new SimulatedStreams(List.copyOf(items), List.copyOf(bursts), start, evaluatedFrom, end, enterprises,
                List.copyOf(burstItems));
    }

    /**
     * The same streams with the bursts' items left out (and no bursts): what each enterprise's coverage would have
     * been without its burst, so a firing there is one the method would have raised anyway.
     */
    public SimulatedStreams withoutBursts() {
        java.util.Set<RiskyItem> burst = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        burst.addAll(burstItems);
        List<RiskyItem> kept = items.stream().filter(i -> !burst.contains(i)).toList();
        return new SimulatedStreams(kept, List.of(), start, evaluatedFrom, end, enterprises, List.of());
    }

    private static void noise(Random random, String id, double perDay, List<RiskCategory> cats, Instant start,
                              Instant end, List<RiskyItem> out) {
        // Thinned Poisson process: candidates at the peak rate, kept in proportion to the hour's rhythm.
        double peak = 0;
        for (double r : RHYTHM) {
            peak = Math.max(peak, r);
        }
        double perMinutePeak = perDay * peak / (24 * 60);
        double t = 0;
        double total = Duration.between(start, end).toMinutes();
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / perMinutePeak;
            if (t >= total) {
                return;
            }
            int hour = (int) ((t / 60) % 24);
            if (random.nextDouble() * peak > RHYTHM[hour]) {
                continue;
            }
            Instant at = start.plus(Duration.ofSeconds((long) (t * 60)));
            RiskCategory c = cats.get(random.nextInt(cats.size()));
            out.add(new RiskyItem(id, List.of(c), "src-" + random.nextInt(SOURCES), at));
            if (random.nextDouble() < 0.15) { // syndicated by a second outlet within the hour
                out.add(new RiskyItem(id, List.of(c), "src-" + random.nextInt(SOURCES),
                        at.plus(Duration.ofMinutes(1 + random.nextInt(60)))));
            }
        }
    }

    private static Burst burst(Random random, String id, RiskCategory category, Instant start, List<RiskyItem> out) {
        int size = 5 + (int) Math.min(25, Math.floor(-Math.log(1 - random.nextDouble()) * 5));
        // Half are fast (10–60 minutes), half slow-burning (2–8 hours).
        long minutes = random.nextBoolean() ? 10 + random.nextInt(51) : 120 + random.nextInt(361);
        List<Instant> times = new ArrayList<>();
        times.add(start);
        for (int i = 1; i < size; i++) {
            times.add(start.plus(Duration.ofSeconds(random.nextLong(minutes * 60))));
        }
        times.sort(Comparator.naturalOrder());
        for (Instant at : times) {
            out.add(new RiskyItem(id, List.of(category), "src-" + random.nextInt(SOURCES), at));
        }
        return new Burst(id, category, size, start, times.get(2), times.getLast());
    }

    private static double[] normalised(double[] r) {
        double sum = 0;
        for (double v : r) {
            sum += v;
        }
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = r[i] * r.length / sum;
        }
        return out;
    }
}
