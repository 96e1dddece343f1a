package io.yuqing.alerting.escalation;

import io.yuqing.core.model.RiskCategory;

import java.time.Duration;
import java.time.Instant;

/** What the escalation detector reports: an enterprise (or one of its risk categories) started or stopped surging. */
public sealed interface EscalationEvent {
    String enterpriseId();

    /** Null when the event is about the enterprise overall. */
    RiskCategory category();

    default EscalationKey key() {
        return new EscalationKey(enterpriseId(), category());
    }

    /**
     * A surge was confirmed.
     *
     * @param count    risky items in the window that fired
     * @param expected items the baseline expected in that window
     * @param pValue   upper-tail probability of {@code count} under the baseline, corrected for the windows tried
     * @param sources  distinct sources among the items in the window
     * @param window   the length of the window that fired
     * @param since    start of the first non-empty bucket in that window
     * @param firedAt  when the detector confirmed the surge
     */
    record Firing(String enterpriseId, RiskCategory category, int count, double expected, double pValue, int sources,
                  Duration window, Instant since, Instant firedAt) implements EscalationEvent {
    }

    /** A surge that had fired has stayed calm for the configured calm period. */
    record Resolved(String enterpriseId, RiskCategory category, Instant since, Instant resolvedAt)
            implements EscalationEvent {
    }
}
