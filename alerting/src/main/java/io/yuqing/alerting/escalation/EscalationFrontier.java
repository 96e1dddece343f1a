package io.yuqing.alerting.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far the detector can go at a given false-alarm budget: the best any allocation of firing thresholds to
 * enterprises by base rate achieves on the simulated streams. One replay per threshold gives, for every base-rate band
 * (items a day in the warm-up), its false alarms, misses and delays; enterprises are judged independently, so any
 * allocation of thresholds to bands is scored by adding up the bands' figures, and every allocation is tried. This is
 * an in-sample optimum (chosen with the answers known), so it bounds what a threshold table tuned on these streams
 * could reach; where even that falls short of a goal, no choice of thresholds reaches it.
 */
public final class EscalationFrontier {
    /** Upper bounds of the base-rate bands, items a day; the last band is open. */
    static final double[] BANDS = {0.05, 0.15, 0.4, 1, 2.5, 6, Double.POSITIVE_INFINITY};
    /** Firing thresholds tried (the corrected tail below which a window fires), from quiet to eager. */
    static final double[] THRESHOLDS = {1e-4, 2e-4, 4e-4, 7e-4, 1e-3, 1.5e-3, 2e-3, 3e-3, 5e-3};

    private EscalationFrontier() {
    }

    /** One band under one threshold: its false alarms, missed bursts and the delays of the bursts it detected. */
    record Cell(int falseAlarms, int missed, double[] sortedDelays) {
        int detected() {
            return sortedDelays.length;
        }

        int atMost(double minutes) {
            int i = Arrays.binarySearch(sortedDelays, Math.nextUp(minutes));
            return i >= 0 ? i : -i - 1; // the insertion point of the next value above: how many are ≤ minutes
        }
    }

    /**
     * @param cells     [band][threshold]
     * @param bursts    bursts per band
     * @param weeks     enterprise-weeks evaluated
     */
    record Table(double[] bandBounds, double[] thresholds, Cell[][] cells, int[] bursts, double weeks) {
        int totalBursts() {
            return Arrays.stream(bursts).sum();
        }
    }

    /** What one allocation scores: thresholds by band, then the totals. */
    record Allocation(double[] thresholds, int falseAlarms, int missed, int detected, double p90DelayMinutes) {
    }

    /** Replays the streams once per threshold (the rest of {@code base} unchanged) and tabulates each band. */
    static Table measure(SimulatedStreams streams, EscalationConfig base, double[] bandBounds, double[] thresholds) {
        Map<String, Double> perDay = EscalationEvaluation.warmupRates(streams);
        int bands = bandBounds.length;
        Cell[][] cells = new Cell[bands][thresholds.length];
        int[] bursts = new int[bands];
        for (SimulatedStreams.Burst b : streams.bursts()) {
            bursts[band(perDay.getOrDefault(b.enterpriseId(), 0.0), bandBounds)]++;
        }
        for (int t = 0; t < thresholds.length; t++) {
            SurpriseRule.PoissonTail rule = (SurpriseRule.PoissonTail) base.rule();
            // Urgent at the same threshold, as in the defaults (no pending period); calm as configured.
            EscalationConfig config = base.withRule(new SurpriseRule.PoissonTail(thresholds[t],
                    Math.max(rule.calmP(), thresholds[t] * 2), thresholds[t]));
            EscalationEvaluation.Outcome o = EscalationEvaluation.outcome(streams, EscalationEvaluation.replay(streams, config));
            int[] falseAlarms = new int[bands];
            int[] missed = new int[bands];
            List<List<Double>> delays = new ArrayList<>();
            for (int b = 0; b < bands; b++) {
                delays.add(new ArrayList<>());
            }
            for (EscalationEvent.Firing f : o.falseAlarms()) {
                falseAlarms[band(perDay.getOrDefault(f.enterpriseId(), 0.0), bandBounds)]++;
            }
            for (SimulatedStreams.Burst b : streams.bursts()) {
                int band = band(perDay.getOrDefault(b.enterpriseId(), 0.0), bandBounds);
                Instant at = o.firstFiring().get(b);
                if (at == null) {
                    missed[band]++;
                } else {
                    delays.get(band).add(EscalationEvaluation.delayMinutes(b, at));
                }
            }
            for (int b = 0; b < bands; b++) {
                double[] sorted = delays.get(b).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                cells[b][t] = new Cell(falseAlarms[b], missed[b], sorted);
            }
        }
        double weeks = streams.enterprises() * Duration.between(streams.evaluatedFrom(), streams.end()).toHours() / (24.0 * 7);
        return new Table(bandBounds.clone(), thresholds.clone(), cells, bursts, weeks);
    }

    /** The allocation with the fewest misses within the false-alarm budget (ties: fewer false alarms), if any. */
    static java.util.Optional<Allocation> fewestMissed(Table table, double maxFalseAlarmsPerWeek) {
        int budget = (int) Math.floor(maxFalseAlarmsPerWeek * table.weeks() + 1e-9);
        Search best = new Search();
        forEachAllocation(table, (choice, fa, missed, detected) -> {
            if (fa <= budget && (best.choice == null || missed < best.missed || (missed == best.missed && fa < best.fa))) {
                best.take(choice, fa, missed);
            }
        });
        return best.choice == null ? java.util.Optional.empty() : java.util.Optional.of(score(table, best.choice));
    }

    /**
     * The allocation with the shortest p90 delay within the false-alarm budget and with at most {@code maxMissed}
     * misses, if any: the least delay d such that some allocation detects at least 90 % of its detections within d.
     */
    static java.util.Optional<Allocation> shortestP90(Table table, double maxFalseAlarmsPerWeek, int maxMissed) {
        int budget = (int) Math.floor(maxFalseAlarmsPerWeek * table.weeks() + 1e-9);
        double[] candidates = Arrays.stream(table.cells()).flatMap(Arrays::stream)
                .flatMapToDouble(c -> Arrays.stream(c.sortedDelays())).distinct().sorted().toArray();
        int lo = 0;
        int hi = candidates.length - 1;
        int[] found = null;
        while (lo <= hi) { // feasibility is monotone in d: a larger d only admits more
            int mid = (lo + hi) >>> 1;
            int[] choice = feasibleWithin(table, budget, maxMissed, candidates[mid]);
            if (choice != null) {
                found = choice;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return found == null ? java.util.Optional.empty() : java.util.Optional.of(score(table, found));
    }

    private static int[] feasibleWithin(Table table, int budget, int maxMissed, double minutes) {
        int bands = table.bursts().length;
        int[][] within = new int[bands][table.thresholds().length];
        for (int b = 0; b < bands; b++) {
            for (int t = 0; t < table.thresholds().length; t++) {
                within[b][t] = table.cells()[b][t].atMost(minutes);
            }
        }
        Search best = new Search();
        forEachAllocation(table, (choice, fa, missed, detected) -> {
            if (fa > budget || missed > maxMissed || best.choice != null && fa >= best.fa) {
                return;
            }
            int sum = 0;
            for (int b = 0; b < bands; b++) {
                sum += within[b][choice[b]];
            }
            if (sum >= (int) Math.ceil(0.9 * detected)) {
                best.take(choice, fa, missed);
            }
        });
        return best.choice;
    }

    private static final class Search {
        int[] choice;
        int fa;
        int missed;

        void take(int[] c, int falseAlarms, int misses) {
            choice = c.clone();
            fa = falseAlarms;
            missed = misses;
        }
    }

    private interface AllocationVisitor {
        void visit(int[] choice, int falseAlarms, int missed, int detected);
    }

    /** Every allocation of a threshold to each band (thresholds^bands of them), with its summed figures. */
    private static void forEachAllocation(Table table, AllocationVisitor visitor) {
        int bands = table.bursts().length;
        int n = table.thresholds().length;
        int[] choice = new int[bands];
        while (true) {
            int fa = 0;
            int missed = 0;
            int detected = 0;
            for (int b = 0; b < bands; b++) {
                Cell c = table.cells()[b][choice[b]];
                fa += c.falseAlarms();
                missed += c.missed();
                detected += c.detected();
            }
            visitor.visit(choice, fa, missed, detected);
            int b = 0;
            while (b < bands && ++choice[b] == n) {
                choice[b++] = 0;
            }
            if (b == bands) {
                return;
            }
        }
    }

    static Allocation score(Table table, int[] choice) {
        int fa = 0;
        int missed = 0;
        List<Double> delays = new ArrayList<>();
        double[] thresholds = new double[choice.length];
        for (int b = 0; b < choice.length; b++) {
            Cell c = table.cells()[b][choice[b]];
            fa += c.falseAlarms();
            missed += c.missed();
            Arrays.stream(c.sortedDelays()).forEach(delays::add);
            thresholds[b] = table.thresholds()[choice[b]];
        }
        delays.sort(Double::compare);
        return new Allocation(thresholds, fa, missed, delays.size(), EscalationEvaluation.quantile(delays, 0.9));
    }

    /**
     * The lines {@code yuqing eval escalation --frontier} prints: each band under each threshold, then, within the
     * false-alarm budget, the best recall any allocation reaches, the shortest p90 at the goal's recall, and the
     * shortest p90 at {@code recallToBeat} or better (the comparison method's recall) — "none" where no allocation can.
     */
    public static List<String> report(SimulatedStreams streams, EscalationConfig base, double maxFalseAlarmsPerWeek,
                                      double goalRecall, String rival, EscalationEvaluation.Score rivalScore) {
        Table table = measure(streams, base, BANDS, THRESHOLDS);
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "## frontier: firing thresholds %s allocated to enterprises by base rate"
                        + " (%d bands, every one of %d allocations), best within %.3f false alarms per enterprise-week"
                        + " (%d here); in-sample, so an upper bound for any threshold table",
                thresholds(THRESHOLDS), BANDS.length, (long) Math.pow(THRESHOLDS.length, BANDS.length),
                maxFalseAlarmsPerWeek, (int) Math.floor(maxFalseAlarmsPerWeek * table.weeks() + 1e-9)));
        for (int b = 0; b < BANDS.length; b++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "band %-12s bursts=%3d",
                    bandName(b), table.bursts()[b]));
            for (int t = 0; t < THRESHOLDS.length; t++) {
                Cell c = table.cells()[b][t];
                line.append(String.format(Locale.ROOT, " | %s fa=%d missed=%d p90=%.1f", threshold(THRESHOLDS[t]), c.falseAlarms(),
                        c.missed(), quantile(c.sortedDelays())));
            }
            out.add(line.toString());
        }
        int total = table.totalBursts();
        out.add(describe("frontier best_recall", fewestMissed(table, maxFalseAlarmsPerWeek), table));
        out.add(describe(String.format(Locale.ROOT, "frontier best_p90 at recall>=%.3f", goalRecall),
                shortestP90(table, maxFalseAlarmsPerWeek, (int) Math.floor((1 - goalRecall) * total + 1e-9)), table));
        // Better than the rival on recall means strictly more detections than its recall gives on these bursts.
        int maxMissed = total - (int) Math.round(rivalScore.recall() * total) - 1;
        out.add(describe(String.format(Locale.ROOT, "frontier best_p90 at recall>%.3f (%s)", rivalScore.recall(), rival),
                maxMissed < 0 ? java.util.Optional.empty() : shortestP90(table, maxFalseAlarmsPerWeek, maxMissed), table)
                + String.format(Locale.ROOT, "; %s itself: p90_delay_min=%.1f false_alarms_per_enterprise_week=%.4f",
                rival, rivalScore.p90DelayMinutes(), rivalScore.falseAlarmsPerEnterpriseWeek()));
        return out;
    }

    private static String describe(String what, java.util.Optional<Allocation> a, Table table) {
        if (a.isEmpty()) {
            return what + ": none (no allocation within the budget)";
        }
        Allocation x = a.get();
        int total = table.totalBursts();
        return String.format(Locale.ROOT, "%s: recall=%.3f p90_delay_min=%.1f false_alarms_per_enterprise_week=%.4f"
                        + " thresholds_by_band=%s", what, (total - x.missed()) / (double) total, x.p90DelayMinutes(),
                x.falseAlarms() / table.weeks(), thresholds(x.thresholds()));
    }

    private static String thresholds(double[] values) {
        return Arrays.stream(values).mapToObj(EscalationFrontier::threshold)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String threshold(double p) {
        return String.format(Locale.ROOT, "%.1e", p);
    }

    private static double quantile(double[] sorted) {
        return EscalationEvaluation.quantile(Arrays.stream(sorted).boxed().toList(), 0.9);
    }

    private static String bandName(int b) {
        double lo = b == 0 ? 0 : BANDS[b - 1];
        return Double.isInfinite(BANDS[b]) ? String.format(Locale.ROOT, ">=%s/d", trim(lo))
                : String.format(Locale.ROOT, "%s-%s/d", trim(lo), trim(BANDS[b]));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static int band(double perDay, double[] bounds) {
        for (int i = 0; i < bounds.length; i++) {
            if (perDay < bounds[i]) {
                return i;
            }
        }
        return bounds.length - 1;
    }
}
