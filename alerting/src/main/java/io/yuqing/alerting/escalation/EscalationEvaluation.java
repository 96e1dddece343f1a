package io.yuqing.alerting.escalation;

import io.yuqing.core.time.AdjustableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays simulated streams through the detector with a simulated clock and scores it against the injected bursts:
 * recall, delay after each burst's third item, and false alarms per enterprise-week. {@link #main} compares the
 * Poisson-tail rule with a mean + 3σ rule on the same streams, windows and hysteresis.
 */
public final class EscalationEvaluation {
    /** Firings up to this long after a burst's last item still count as about that burst. */
    static final Duration GRACE = Duration.ofHours(2);
    /** How often the replay calls {@link EscalationDetector#tick()}, as a scheduler would. */
    static final Duration TICK = Duration.ofMinutes(5);

    private EscalationEvaluation() {
    }

    public record Score(int bursts, int detected, double recall, double medianDelayMinutes, double p90DelayMinutes,
                        int falseAlarms, double falseAlarmsPerEnterpriseWeek) {
        public String line(String method) {
            return String.format(Locale.ROOT, "%s recall=%.3f median_delay_min=%.1f p90_delay_min=%.1f"
                            + " false_alarms_per_enterprise_week=%.4f", method, recall, medianDelayMinutes,
                    p90DelayMinutes, falseAlarmsPerEnterpriseWeek);
        }
    }

    /** Usage: {@code EscalationEvaluation [enterprises=500] [days=30] [seed=20261102] [explain]}. */
    public static void main(String[] args) {
        int enterprises = args.length > 0 ? Integer.parseInt(args[0].strip()) : 500;
        int days = args.length > 1 ? Integer.parseInt(args[1].strip()) : 30;
        long seed = args.length > 2 ? Long.parseLong(args[2].strip()) : 20261102L;
        SimulatedStreams streams = SimulatedStreams.generate(enterprises, 28, days, seed);
        report(streams, enterprises, days, seed).forEach(System.out::println);
        if (args.length > 3 && args[3].strip().equals("explain")) {
            explain(streams, methods()).forEach(System.out::println);
        }
    }

    /**
     * The lines {@code yuqing eval escalation} prints: a header, ours, the mean + 3σ baseline, and the same baseline
     * made about as quiet as ours (mean + 10σ), so delays can also be compared at equal false alarms.
     */
    public static List<String> report(SimulatedStreams streams, int enterprises, int days, long seed) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "# %d enterprises, %d days after a 28-day warm-up, %d items, %d bursts, seed %d",
                enterprises, days, streams.items().size(), streams.bursts().size(), seed));
        methods().forEach((method, config) -> out.add(score(streams, config).line(method)));
        return out;
    }

    /** The methods compared, by the names the report prints: ours, mean + 3σ, and mean + 10σ. */
    public static Map<String, EscalationConfig> methods() {
        EscalationConfig baseline = EscalationConfig.meanPlus3SigmaBaseline();
        Map<String, EscalationConfig> out = new java.util.LinkedHashMap<>();
        out.put("poisson_tail", EscalationConfig.defaults());
        out.put("mean_3sigma", baseline);
        out.put("mean_10sigma", baseline.withRule(new SurpriseRule.MeanPlusKSigma(10, 1)));
        return out;
    }

    public static Score score(SimulatedStreams streams, EscalationConfig config) {
        return outcome(streams, replay(streams, config)).score(streams);
    }

    /**
     * What one replay did: the first matching firing of each detected burst, and the firings that matched no burst.
     * A firing matches a burst of its enterprise when it comes between the burst's start and {@link #GRACE} after
     * its last item.
     */
    record Outcome(Map<SimulatedStreams.Burst, Instant> firstFiring, List<EscalationEvent.Firing> falseAlarms) {
        Score score(SimulatedStreams streams) {
            List<Double> delays = new ArrayList<>();
            firstFiring.forEach((b, at) -> delays.add(delayMinutes(b, at)));
            delays.sort(Double::compare);
            int bursts = streams.bursts().size();
            double weeks = streams.enterprises() * Duration.between(streams.evaluatedFrom(), streams.end()).toHours()
                    / (24.0 * 7);
            return new Score(bursts, firstFiring.size(), bursts == 0 ? 0 : firstFiring.size() / (double) bursts,
                    quantile(delays, 0.5), quantile(delays, 0.9), falseAlarms.size(), falseAlarms.size() / weeks);
        }
    }

    static Outcome outcome(SimulatedStreams streams, List<EscalationEvent.Firing> firings) {
        Map<String, List<SimulatedStreams.Burst>> byEnterprise = new HashMap<>();
        for (SimulatedStreams.Burst b : streams.bursts()) {
            byEnterprise.computeIfAbsent(b.enterpriseId(), k -> new ArrayList<>()).add(b);
        }
        List<EscalationEvent.Firing> falseAlarms = new ArrayList<>();
        Map<SimulatedStreams.Burst, Instant> firstFiring = new HashMap<>();
        for (EscalationEvent.Firing f : firings) {
            boolean matched = false;
            for (SimulatedStreams.Burst b : byEnterprise.getOrDefault(f.enterpriseId(), List.of())) {
                if (!f.firedAt().isBefore(b.start()) && !f.firedAt().isAfter(b.end().plus(GRACE))) {
                    matched = true;
                    firstFiring.merge(b, f.firedAt(), (a, c) -> a.isBefore(c) ? a : c);
                }
            }
            if (!matched) {
                falseAlarms.add(f);
            }
        }
        return new Outcome(firstFiring, falseAlarms);
    }

    /**
     * Where a method misses or is late ({@code yuqing eval escalation --explain}): recall and delays of its bursts by
     * kind (last item within an hour of the first, or a slow burn), size, the enterprise's base rate (items a day in
     * the warm-up) and hour of start (Beijing); then the missed bursts; then its false alarms by key and base rate.
     */
    public static List<String> explain(SimulatedStreams streams, Map<String, EscalationConfig> methods) {
        SimulatedStreams quiet = streams.withoutBursts();
        List<String> out = new ArrayList<>();
        Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
        Map<String, java.util.Set<SimulatedStreams.Burst>> covered = new java.util.LinkedHashMap<>();
        java.util.Set<SimulatedStreams.Burst> coveredByAny = new java.util.HashSet<>();
        methods.forEach((method, config) -> {
            Outcome o = outcome(streams, replay(streams, config));
            outcomes.put(method, o);
            out.addAll(explain(streams, o, method));
            java.util.Set<SimulatedStreams.Burst> c = chanceCovered(streams, replay(quiet, config));
            covered.put(method, c);
            coveredByAny.addAll(c);
        });
        out.add("## like for like: bursts during whose window a method fires even with the burst's items left out"
                + " (a detection there cannot be told from chance), and each method on the bursts no method covers so");
        List<SimulatedStreams.Burst> clean = streams.bursts().stream().filter(b -> !coveredByAny.contains(b)).toList();
        outcomes.forEach((method, o) -> {
            List<Double> delays = new ArrayList<>();
            for (SimulatedStreams.Burst b : clean) {
                Instant at = o.firstFiring().get(b);
                if (at != null) {
                    delays.add(delayMinutes(b, at));
                }
            }
            delays.sort(Double::compare);
            out.add(String.format(Locale.ROOT, "%s chance_covered=%d of %d; on the %d uncovered: recall=%.3f"
                            + " median_delay_min=%.1f p90_delay_min=%.1f", method, covered.get(method).size(),
                    streams.bursts().size(), clean.size(), clean.isEmpty() ? 0 : delays.size() / (double) clean.size(),
                    quantile(delays, 0.5), quantile(delays, 0.9)));
        });
        return out;
    }

    /** Bursts during whose window (start to {@link #GRACE} after the end) the given firings include one of its enterprise. */
    static java.util.Set<SimulatedStreams.Burst> chanceCovered(SimulatedStreams streams,
                                                               List<EscalationEvent.Firing> firingsWithoutBursts) {
        Map<String, List<Instant>> byEnterprise = new HashMap<>();
        for (EscalationEvent.Firing f : firingsWithoutBursts) {
            byEnterprise.computeIfAbsent(f.enterpriseId(), k -> new ArrayList<>()).add(f.firedAt());
        }
        java.util.Set<SimulatedStreams.Burst> out = new java.util.HashSet<>();
        for (SimulatedStreams.Burst b : streams.bursts()) {
            for (Instant at : byEnterprise.getOrDefault(b.enterpriseId(), List.of())) {
                if (!at.isBefore(b.start()) && !at.isAfter(b.end().plus(GRACE))) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    private static List<String> explain(SimulatedStreams streams, Outcome o, String method) {
        Map<String, Double> perDay = warmupRates(streams);
        List<String> out = new ArrayList<>();
        out.add("## " + method + ": bursts by kind, size, base rate and hour (n, recall, median and p90 delay in minutes, missed)");
        Map<String, List<SimulatedStreams.Burst>> groups = new java.util.TreeMap<>();
        for (SimulatedStreams.Burst b : streams.bursts()) {
            double rate = perDay.getOrDefault(b.enterpriseId(), 0.0);
            String kind = kind(b);
            groups.computeIfAbsent("kind " + kind, k -> new ArrayList<>()).add(b);
            groups.computeIfAbsent("size " + sizeBand(b.size()), k -> new ArrayList<>()).add(b);
            groups.computeIfAbsent("rate " + rateBand(rate), k -> new ArrayList<>()).add(b);
            groups.computeIfAbsent("hour " + hourBand(b.start()), k -> new ArrayList<>()).add(b);
            groups.computeIfAbsent("kind×rate " + kind + " " + rateBand(rate), k -> new ArrayList<>()).add(b);
        }
        groups.forEach((name, bursts) -> {
            List<Double> delays = new ArrayList<>();
            int missed = 0;
            for (SimulatedStreams.Burst b : bursts) {
                Instant at = o.firstFiring().get(b);
                if (at == null) {
                    missed++;
                } else {
                    delays.add(delayMinutes(b, at));
                }
            }
            delays.sort(Double::compare);
            out.add(String.format(Locale.ROOT, "%-28s n=%4d recall=%.3f median=%5.1f p90=%5.1f missed=%d", name,
                    bursts.size(), delays.size() / (double) bursts.size(), quantile(delays, 0.5),
                    quantile(delays, 0.9), missed));
        });
        out.add("## " + method + ": missed bursts and detections later than 15 minutes after the third item");
        for (SimulatedStreams.Burst b : streams.bursts()) {
            Instant at = o.firstFiring().get(b);
            if (at == null || delayMinutes(b, at) > 15) {
                out.add(String.format(Locale.ROOT, "%s %s size=%d span_min=%d third_after_min=%d base_per_day=%.2f %s",
                        b.enterpriseId(), b.category().code(), b.size(), Duration.between(b.start(), b.end()).toMinutes(),
                        Duration.between(b.start(), b.third()).toMinutes(), perDay.getOrDefault(b.enterpriseId(), 0.0),
                        at == null ? "MISSED" : String.format(Locale.ROOT, "delay_min=%.1f", delayMinutes(b, at))));
            }
        }
        out.add("## " + method + ": false alarms by key and base rate (a repeat is another key of the same enterprise firing within the hour)");
        Map<String, Integer> fa = new java.util.TreeMap<>();
        Map<String, Instant> lastByEnterprise = new HashMap<>();
        for (EscalationEvent.Firing f : o.falseAlarms()) {
            fa.merge("key " + (f.category() == null ? "overall" : "category"), 1, Integer::sum);
            fa.merge("rate " + rateBand(perDay.getOrDefault(f.enterpriseId(), 0.0)), 1, Integer::sum);
            fa.merge("window " + f.window().toMinutes() + " min", 1, Integer::sum);
            Instant last = lastByEnterprise.put(f.enterpriseId(), f.firedAt());
            if (last != null && Duration.between(last, f.firedAt()).compareTo(Duration.ofHours(1)) <= 0) {
                fa.merge("repeat", 1, Integer::sum);
            }
        }
        fa.forEach((k, v) -> out.add(String.format(Locale.ROOT, "%-28s %d", k, v)));
        return out;
    }

    static Map<String, Double> warmupRates(SimulatedStreams streams) {
        Map<String, Double> out = new HashMap<>();
        double days = Duration.between(streams.start(), streams.evaluatedFrom()).toHours() / 24.0;
        for (RiskyItem item : streams.items()) {
            if (item.at().isBefore(streams.evaluatedFrom())) {
                out.merge(item.enterpriseId(), 1 / days, Double::sum);
            }
        }
        return out;
    }

    private static String kind(SimulatedStreams.Burst b) {
        return Duration.between(b.start(), b.end()).compareTo(Duration.ofHours(1)) <= 0 ? "fast" : "slow";
    }

    private static String sizeBand(int size) {
        return size <= 6 ? "05-06" : size <= 9 ? "07-09" : size <= 14 ? "10-14" : "15+";
    }

    private static String rateBand(double perDay) {
        return perDay < 0.1 ? "a <0.1/d" : perDay < 1 ? "b 0.1-1/d" : perDay < 5 ? "c 1-5/d" : "d >=5/d";
    }

    private static String hourBand(Instant at) {
        int h = at.atZone(java.time.ZoneId.of("Asia/Shanghai")).getHour();
        return h < 7 ? "00-06" : h < 13 ? "07-12" : h < 19 ? "13-18" : "19-23";
    }

    static double delayMinutes(SimulatedStreams.Burst b, Instant firstFiring) {
        return Math.max(0, Duration.between(b.third(), firstFiring).toSeconds() / 60.0);
    }

    /** Firings after the warm-up, replaying items at their own time and ticking every {@link #TICK}. */
    static List<EscalationEvent.Firing> replay(SimulatedStreams streams, EscalationConfig config) {
        AdjustableClock clock = new AdjustableClock(streams.start());
        EscalationDetector detector = new EscalationDetector(config, clock);
        List<EscalationEvent.Firing> firings = new ArrayList<>();
        List<RiskyItem> items = streams.items();
        int next = 0;
        for (Instant t = streams.start(); t.isBefore(streams.end()); t = t.plus(TICK)) {
            while (next < items.size() && !items.get(next).at().isAfter(t)) {
                RiskyItem item = items.get(next++);
                clock.set(item.at());
                collect(detector.observe(item), streams, firings);
            }
            clock.set(t);
            collect(detector.tick(), streams, firings);
        }
        return firings;
    }

    private static void collect(List<EscalationEvent> events, SimulatedStreams streams,
                                List<EscalationEvent.Firing> out) {
        for (EscalationEvent e : events) {
            if (e instanceof EscalationEvent.Firing f && !f.firedAt().isBefore(streams.evaluatedFrom())) {
                out.add(f);
            }
        }
    }

    static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
