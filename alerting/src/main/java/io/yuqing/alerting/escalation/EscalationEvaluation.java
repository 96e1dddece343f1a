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

    /** Usage: {@code EscalationEvaluation [enterprises=500] [days=30] [seed=20261102]}. */
    public static void main(String[] args) {
        int enterprises = args.length > 0 ? Integer.parseInt(args[0].strip()) : 500;
        int days = args.length > 1 ? Integer.parseInt(args[1].strip()) : 30;
        long seed = args.length > 2 ? Long.parseLong(args[2].strip()) : 20261102L;
        SimulatedStreams streams = SimulatedStreams.generate(enterprises, 28, days, seed);
        report(streams, enterprises, days, seed).forEach(System.out::println);
    }

    /**
     * The lines {@code yuqing eval escalation} prints: a header, ours, the mean + 3σ baseline, and the same baseline
     * made about as quiet as ours (mean + 10σ), so delays can also be compared at equal false alarms.
     */
    public static List<String> report(SimulatedStreams streams, int enterprises, int days, long seed) {
        EscalationConfig baseline = EscalationConfig.meanPlus3SigmaBaseline();
        return List.of(
                String.format(Locale.ROOT, "# %d enterprises, %d days after a 28-day warm-up, %d items, %d bursts, seed %d",
                        enterprises, days, streams.items().size(), streams.bursts().size(), seed),
                score(streams, EscalationConfig.defaults()).line("poisson_tail"),
                score(streams, baseline).line("mean_3sigma"),
                score(streams, baseline.withRule(new SurpriseRule.MeanPlusKSigma(10, 1))).line("mean_10sigma"));
    }

    public static Score score(SimulatedStreams streams, EscalationConfig config) {
        List<EscalationEvent.Firing> firings = replay(streams, config);
        Map<String, List<SimulatedStreams.Burst>> byEnterprise = new HashMap<>();
        for (SimulatedStreams.Burst b : streams.bursts()) {
            byEnterprise.computeIfAbsent(b.enterpriseId(), k -> new ArrayList<>()).add(b);
        }
        int falseAlarms = 0;
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
                falseAlarms++;
            }
        }
        List<Double> delays = new ArrayList<>();
        firstFiring.forEach((b, at) -> delays.add(Math.max(0, Duration.between(b.third(), at).toSeconds() / 60.0)));
        delays.sort(Double::compare);
        int bursts = streams.bursts().size();
        double weeks = streams.enterprises() * Duration.between(streams.evaluatedFrom(), streams.end()).toHours()
                / (24.0 * 7);
        return new Score(bursts, firstFiring.size(), bursts == 0 ? 0 : firstFiring.size() / (double) bursts,
                quantile(delays, 0.5), quantile(delays, 0.9), falseAlarms, falseAlarms / weeks);
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
