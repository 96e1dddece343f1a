package io.yuqing.alerting.review;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertRows;
import io.yuqing.alerting.Jdbc;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Staff review of alerts: acknowledge, resolve, mark as false positive, reopen. Each change and its audit row
 * commit together; a concurrent change to the same alert makes the later one an {@link ReviewOutcome.InvalidTransition}.
 */
public final class ReviewService {
    private final DataSource ds;
    private final Clock clock;
    private final AuditLog audit;

    public ReviewService(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
        this.audit = new AuditLog(ds, clock);
    }

    public ReviewOutcome acknowledge(long alertId, String actor, String note) {
        return apply(ReviewAction.ACKNOWLEDGE, alertId, actor, note);
    }

    public ReviewOutcome resolve(long alertId, String actor, String note) {
        return apply(ReviewAction.RESOLVE, alertId, actor, note);
    }

    public ReviewOutcome markFalsePositive(long alertId, String actor, String note) {
        return apply(ReviewAction.MARK_FALSE_POSITIVE, alertId, actor, note);
    }

    public ReviewOutcome reopen(long alertId, String actor, String note) {
        return apply(ReviewAction.REOPEN, alertId, actor, note);
    }

    /** The alert's audit trail, oldest first (creation, then every review action). */
    public List<AlertAction> history(long alertId) {
        return audit.history(alertId);
    }

    private ReviewOutcome apply(ReviewAction action, long alertId, String actor, String note) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a review action needs the name of the person taking it");
        }
        Instant now = Jdbc.truncate(clock.instant());
        return Jdbc.inTransaction(ds, action.code() + " alert " + alertId, c -> {
            Optional<Alert> found = AlertRows.find(c, alertId);
            if (found.isEmpty()) {
                return new ReviewOutcome.NotFound(alertId);
            }
            Alert alert = found.get();
            if (!action.allowedFrom(alert.status())) {
                return new ReviewOutcome.InvalidTransition(alert.status(), action.code());
            }
            // Compare-and-set on the status read above: a concurrent reviewer's change wins and this one is refused.
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET status = ?, updated_at = ? WHERE id = ? AND status = ?")) {
                ps.setString(1, action.target().code());
                ps.setObject(2, Jdbc.toDb(now));
                ps.setLong(3, alertId);
                ps.setString(4, alert.status().code());
                if (ps.executeUpdate() != 1) {
                    Optional<Alert> current = AlertRows.find(c, alertId);
                    return current.<ReviewOutcome>map(a -> new ReviewOutcome.InvalidTransition(a.status(), action.code()))
                            .orElseGet(() -> new ReviewOutcome.NotFound(alertId));
                }
            }
            AuditLog.write(c, alertId, actor, action.code(), alert.status(), action.target(), note, now);
            return new ReviewOutcome.Done(alert.withStatus(action.target(), now));
        });
    }
}
