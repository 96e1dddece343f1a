package io.yuqing.alerting.escalation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EscalationEvaluationTest {
    @Test
    void poissonTailKeepsRecallWhileCuttingFalseAlarmsFarBelowMeanPlus3Sigma() {
        SimulatedStreams streams = SimulatedStreams.generate(120, 28, 14, 7L);
        EscalationConfig config = EscalationConfig.defaults();
        EscalationEvaluation.Score ours = EscalationEvaluation.score(streams, config);
        EscalationEvaluation.Score sigma = EscalationEvaluation.score(streams,
                config.withRule(new SurpriseRule.MeanPlusKSigma(3, 1)));
        String report = ours.line("poisson_tail") + " | " + sigma.line("mean_3sigma");

        assertTrue(streams.bursts().size() >= 30, "enough bursts to judge: " + streams.bursts().size());
        assertTrue(ours.recall() >= 0.85, report);
        assertTrue(ours.medianDelayMinutes() <= 30, report);
        assertTrue(ours.falseAlarmsPerEnterpriseWeek() <= 0.15, report);
        // mean + 3σ fires on almost anything near zero: ours must be an order of magnitude quieter, at nearly its recall.
        assertTrue(ours.falseAlarmsPerEnterpriseWeek() * 10 <= sigma.falseAlarmsPerEnterpriseWeek(), report);
        assertTrue(ours.recall() >= sigma.recall() - 0.05, report);
    }
}
