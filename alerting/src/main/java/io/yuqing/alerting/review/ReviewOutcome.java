package io.yuqing.alerting.review;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertStatus;

/** What a review action came to. */
public sealed interface ReviewOutcome {
    /** The change was made; the alert as it is now. */
    record Done(Alert alert) implements ReviewOutcome {
    }

    /** No alert has that id. */
    record NotFound(long alertId) implements ReviewOutcome {
    }

    /** The alert's status does not allow the action (e.g. acknowledging a resolved alert). */
    record InvalidTransition(AlertStatus from, String action) implements ReviewOutcome {
    }
}
