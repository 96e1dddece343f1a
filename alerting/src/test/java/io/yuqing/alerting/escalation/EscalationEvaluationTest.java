package io.yuqing.alerting.escalation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EscalationEvaluationTest {
    @Test
    void clusteredPoissonTailMeetsTheGoalsAndBeatsMeanPlus3SigmaOnFalseAlarmsAndMedianDelay() {
        SimulatedStreams streams = SimulatedStreams.generate(120, 28, 14, 7L);
        EscalationEvaluation.Score ours = EscalationEvaluation.score(streams, EscalationConfig.defaults());
        EscalationEvaluation.Score sigma = EscalationEvaluation.score(streams, EscalationConfig.meanPlus3SigmaBaseline());
        String report = ours.line("poisson_tail") + " | " + sigma.line("mean_3sigma");

        assertTrue(streams.bursts().size() >= 30, "enough bursts to judge: " + streams.bursts().size());
        assertTrue(ours.recall() >= 0.9, report);
        assertTrue(ours.medianDelayMinutes() <= 15, report);
        assertTrue(ours.falseAlarmsPerEnterpriseWeek() <= 0.15, report);
        // mean + 3σ fires on almost anything near zero: ours must be far quieter, react sooner in the median, and keep
        // nearly its recall.
        assertTrue(ours.falseAlarmsPerEnterpriseWeek() * 10 <= sigma.falseAlarmsPerEnterpriseWeek(), report);
        assertTrue(ours.medianDelayMinutes() < sigma.medianDelayMinutes(), report);
        assertTrue(ours.recall() >= sigma.recall() - 0.05, report);
    }
}
