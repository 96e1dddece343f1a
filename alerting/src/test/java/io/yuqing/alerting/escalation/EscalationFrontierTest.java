package io.yuqing.alerting.escalation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscalationFrontierTest {
    private static final double[] BANDS = {0.3, 3, Double.POSITIVE_INFINITY};
    private static final double[] THRESHOLDS = {2e-4, 3e-3};
    private static SimulatedStreams streams;
    private static EscalationFrontier.Table table;

    @BeforeAll
    static void measure() {
        streams = SimulatedStreams.generate(100, 14, 7, 5L);
        table = EscalationFrontier.measure(streams, EscalationConfig.defaults(), BANDS, THRESHOLDS);
    }

    private static EscalationConfig at(double threshold) {
        return EscalationConfig.defaults().withRule(new SurpriseRule.PoissonTail(threshold, 1e-2, threshold));
    }

    @Test
    void oneThresholdForEveryBandScoresExactlyAsTheReplayWithThatThreshold() {
        for (int t = 0; t < THRESHOLDS.length; t++) {
            EscalationEvaluation.Score replay = EscalationEvaluation.score(streams, at(THRESHOLDS[t]));
            EscalationFrontier.Allocation same = EscalationFrontier.score(table, new int[] {t, t, t});
            assertEquals(replay.falseAlarms(), same.falseAlarms(), "threshold " + THRESHOLDS[t]);
            assertEquals(replay.detected(), same.detected());
            assertEquals(replay.bursts() - replay.detected(), same.missed());
            assertEquals(replay.p90DelayMinutes(), same.p90DelayMinutes(), 1e-9);
        }
        assertEquals(streams.bursts().size(), table.totalBursts());
    }

    @Test
    void theSearchFindsAtLeastWhatTheBestSingleThresholdReachesWithinTheBudget() {
        EscalationEvaluation.Score eager = EscalationEvaluation.score(streams, at(THRESHOLDS[1]));
        EscalationEvaluation.Score quiet = EscalationEvaluation.score(streams, at(THRESHOLDS[0]));
        assertTrue(eager.falseAlarms() > quiet.falseAlarms(), "the eager threshold must cost false alarms here");
        double budget = eager.falseAlarmsPerEnterpriseWeek();
        EscalationFrontier.Allocation best = EscalationFrontier.fewestMissed(table, budget).orElseThrow();
        assertTrue(best.missed() <= eager.bursts() - eager.detected());
        assertTrue(best.falseAlarms() <= eager.falseAlarms());

        int eagerMissed = eager.bursts() - eager.detected();
        EscalationFrontier.Allocation fast = EscalationFrontier.shortestP90(table, budget, eagerMissed).orElseThrow();
        assertTrue(fast.p90DelayMinutes() <= eager.p90DelayMinutes(), fast + " vs " + eager);
        assertTrue(fast.missed() <= eagerMissed && fast.falseAlarms() <= eager.falseAlarms());
    }

    @Test
    void aBudgetBelowTheQuietestAllocationAdmitsNothing() {
        EscalationFrontier.Allocation quietest = EscalationFrontier.score(table, new int[] {0, 0, 0});
        double below = (quietest.falseAlarms() - 0.5) / table.weeks();
        assertEquals(Optional.empty(), EscalationFrontier.fewestMissed(table, below));
        assertEquals(Optional.empty(), EscalationFrontier.shortestP90(table, below, table.totalBursts()));
    }

    @Test
    void cellsCountDelaysUpToAndIncludingTheLimit() {
        EscalationFrontier.Cell cell = new EscalationFrontier.Cell(0, 0, new double[] {0, 0, 1.5, 4.4, 4.4, 9});
        assertEquals(2, cell.atMost(0));
        assertEquals(5, cell.atMost(4.4));
        assertEquals(6, cell.atMost(100));
        assertEquals(0, cell.atMost(-1));
        assertArrayEquals(new double[] {0, 0, 1.5, 4.4, 4.4, 9}, cell.sortedDelays());
    }
}
