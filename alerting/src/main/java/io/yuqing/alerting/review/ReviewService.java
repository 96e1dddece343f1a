package io.yuqing.alerting.review;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertRows;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.suppression.FalsePositiveSuppressions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Staff review of alerts: acknowledge (核实), assign (交办), feedback (反馈), resolve (办结), mark as false
 * positive, reopen. Each change and its audit row commit together; a concurrent change to the same alert makes the
 * later one an {@link ReviewOutcome.InvalidTransition}. Missing required input (actor, assignee, disposition note)
 * is refused with an {@link IllegalArgumentException} whose message says what is missing.
 */
public final class ReviewService {
    private static final int MAX_ASSIGNEE = 200;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final DataSource ds;
    private final Clock clock;
    private final AuditLog audit;
    private final Duration falsePositiveSuppression;

    /** @param falsePositiveSuppression how long a false positive keeps the same enterprise and evidence quiet */
    public ReviewService(DataSource ds, Clock clock, Duration falsePositiveSuppression) {
        this.ds = ds;
        this.clock = clock;
        this.audit = new AuditLog(ds, clock);
        this.falsePositiveSuppression = falsePositiveSuppression;
    }

    /** False positives suppress their pattern for 30 days. */
    public ReviewService(DataSource ds, Clock clock) {
        this(ds, clock, Duration.ofDays(30));
    }

    public ReviewOutcome acknowledge(long alertId, String actor, String note) {
        return apply(ReviewAction.ACKNOWLEDGE, alertId, actor, note, null, null);
    }

    /**
     * Hands the case to a person or department (交办) until {@code dueAt} (null: no deadline; the alert is then
     * overdue by the general overdue limit). Allowed from new, acknowledged, and assigned (转办).
     */
    public ReviewOutcome assign(long alertId, String actor, String assignee, Instant dueAt, String note) {
        if (assignee == null || assignee.isBlank()) {
            throw new IllegalArgumentException("交办需填写承办人或承办部门 (an assignment needs an assignee)");
        }
        String who = assignee.strip();
        if (who.length() > MAX_ASSIGNEE) {
            throw new IllegalArgumentException("承办人不能超过 " + MAX_ASSIGNEE + " 个字 (assignee too long)");
        }
        return apply(ReviewAction.ASSIGN, alertId, actor, note, who, dueAt == null ? null : Jdbc.truncate(dueAt));
    }

    /** Records progress on an open case (反馈) without changing its status. The note is required. */
    public ReviewOutcome feedback(long alertId, String actor, String note) {
        requireNote(note, "反馈需填写进展情况 (feedback needs a note)");
        return apply(ReviewAction.FEEDBACK, alertId, actor, note, null, null);
    }

    /** Closes the case (办结). The disposition note (处置情况) is required. */
    public ReviewOutcome resolve(long alertId, String actor, String note) {
        requireNote(note, "办结需填写处置情况 (resolving needs a disposition note)");
        return apply(ReviewAction.RESOLVE, alertId, actor, note, null, null);
    }

    /**
     * Marks a false positive (误报); the same enterprise with the same evidence terms raises no alert for the
     * configured time.
     */
    public ReviewOutcome markFalsePositive(long alertId, String actor, String note) {
        return apply(ReviewAction.MARK_FALSE_POSITIVE, alertId, actor, note, null, null);
    }

    /** Reopens a closed alert; reopening a false positive lifts the suppression it caused. */
    public ReviewOutcome reopen(long alertId, String actor, String note) {
        return apply(ReviewAction.REOPEN, alertId, actor, note, null, null);
    }

    /** The alert's audit trail, oldest first (creation, then every review action). */
    public List<AlertAction> history(long alertId) {
        return audit.history(alertId);
    }

    private static void requireNote(String note, String message) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }

    private ReviewOutcome apply(ReviewAction action, long alertId, String actor, String note, String assignee,
                                Instant dueAt) {
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
            AlertStatus target = action.target(alert.status());
            if (!update(c, action, alert, target, assignee, dueAt, now)) {
                Optional<Alert> current = AlertRows.find(c, alertId);
                return current.<ReviewOutcome>map(a -> new ReviewOutcome.InvalidTransition(a.status(), action.code()))
                        .orElseGet(() -> new ReviewOutcome.NotFound(alertId));
            }
            String auditNote = note == null ? "" : note.strip();
            if (action == ReviewAction.ASSIGN) {
                auditNote = "交办：" + assignee + (dueAt == null ? "，无期限" : "，期限 " + DUE.format(dueAt) + "（北京时间）")
                        + (auditNote.isEmpty() ? "" : "。" + auditNote);
            }
            AuditLog.write(c, alertId, actor, action.code(), action.changesStatus() ? alert.status() : null,
                    action.changesStatus() ? target : null, auditNote, now);
            if (action == ReviewAction.MARK_FALSE_POSITIVE) {
                FalsePositiveSuppressions.record(c, alert, now, falsePositiveSuppression);
            } else if (action == ReviewAction.REOPEN && alert.status() == AlertStatus.FALSE_POSITIVE) {
                FalsePositiveSuppressions.lift(c, alertId, now);
            }
            return new ReviewOutcome.Done(action == ReviewAction.ASSIGN ? alert.withAssignment(assignee, dueAt, now)
                    : alert.withStatus(target, now));
        });
    }

    /** Compare-and-set on the status read before: a concurrent reviewer's change wins and this one is refused. */
    private static boolean update(Connection c, ReviewAction action, Alert alert, AlertStatus target, String assignee,
                                  Instant dueAt, Instant now) throws SQLException {
        String sql = action == ReviewAction.ASSIGN
                ? "UPDATE alerts SET status = ?, updated_at = ?, assignee = ?, due_at = ? WHERE id = ? AND status = ?"
                : "UPDATE alerts SET status = ?, updated_at = ? WHERE id = ? AND status = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, target.code());
            ps.setObject(i++, Jdbc.toDb(now));
            if (action == ReviewAction.ASSIGN) {
                ps.setString(i++, assignee);
                if (dueAt == null) {
                    ps.setNull(i++, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(i++, Jdbc.toDb(dueAt));
                }
            }
            ps.setLong(i++, alert.id());
            ps.setString(i, alert.status().code());
            return ps.executeUpdate() == 1;
        }
    }
}
