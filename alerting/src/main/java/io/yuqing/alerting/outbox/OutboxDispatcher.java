package io.yuqing.alerting.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.alerting.AlertingDatabaseException;
import io.yuqing.alerting.Jdbc;
import io.yuqing.core.config.AlertingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the outbox. Each due row is claimed just before it is sent: in one short transaction it is read with
 * {@code FOR UPDATE SKIP LOCKED} and pushed out by a lease (attempts + 1), so dispatchers on several nodes take
 * different rows and never wait for each other. A dispatcher that dies mid-send leaves the row to be retried when
 * the lease expires (at-least-once, same Message-ID). A row marked sent is never sent again. The same SQL runs on
 * PostgreSQL and H2 2.x; H2 applies the row limit before skipping locked rows, so there a claim racing another may
 * come back empty and leave the rest to the next run (H2 is embedded: one process, one dispatcher).
 */
public final class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** Rows handled per run; the rest wait for the next run. */
    static final int BATCH = 100;
    /** Longer than any SMTP conversation (timeouts apply per connect, read and write), short enough to recover. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(15);
    private static final int MAX_ERROR_CHARS = 2000;

    private final DataSource ds;
    private final MailSender sender;
    private final AlertingConfig config;
    private final Clock clock;
    private final Counter sentCounter;
    private final Counter retryCounter;
    private final Counter deadCounter;

    public OutboxDispatcher(DataSource ds, MailSender sender, AlertingConfig config, Clock clock, MeterRegistry meters) {
        this.ds = ds;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.sentCounter = outcome(meters, "sent");
        this.retryCounter = outcome(meters, "retry");
        this.deadCounter = outcome(meters, "dead");
        Gauge.builder("yuqing.outbox.pending", this, OutboxDispatcher::pendingForGauge)
                .description("mails waiting in the outbox (not yet sent, not dead)")
                .strongReference(true)
                .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("yuqing.mail.sent").tag("outcome", outcome)
                .description("outbox delivery attempts by outcome").register(meters);
    }

    /**
     * Sends every pending mail that is due now (up to {@value #BATCH}) and records each outcome. Does nothing while
     * the sender is disabled (no SMTP host), so mails wait without using up their attempts.
     */
    public DispatchReport dispatchDue() {
        if (!sender.enabled()) {
            return new DispatchReport(0, 0, 0);
        }
        Instant now = Jdbc.truncate(clock.instant());
        int sent = 0;
        int retried = 0;
        int dead = 0;
        for (int handled = 0; handled < BATCH; handled++) {
            Optional<Row> claimed = claimNext(now);
            if (claimed.isEmpty()) {
                break;
            }
            Row row = claimed.get();
            int attempt = row.attempts();
            SendResult result = sendSafely(row.mail());
            switch (result) {
                case SendResult.Sent s -> {
                    markSent(row.id());
                    sentCounter.increment();
                    sent++;
                    log.info("mail {} sent as {} to {}", row.mail().idempotencyKey(), s.messageId(),
                            row.mail().recipients());
                }
                case SendResult.Failed f when f.retryable() && attempt < config.maxAttempts() -> {
                    Instant next = Jdbc.truncate(clock.instant()).plus(backoff(attempt));
                    scheduleRetry(row.id(), next, f.reason());
                    retryCounter.increment();
                    retried++;
                    log.warn("mail {} not sent (attempt {}/{}), retrying at {}: {}", row.mail().idempotencyKey(),
                            attempt, config.maxAttempts(), next, f.reason());
                }
                case SendResult.Failed f -> {
                    markDead(row.id(), f.reason());
                    deadCounter.increment();
                    dead++;
                    log.error("mail {} given up after attempt {}/{}: {}", row.mail().idempotencyKey(), attempt,
                            config.maxAttempts(), f.reason());
                }
            }
        }
        return new DispatchReport(sent, retried, dead);
    }

    /** Mails not yet sent and not given up, due or not. */
    public long pendingCount() {
        return Jdbc.query(ds, "counting pending mails", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE status = ?")) {
                ps.setString(1, Outbox.PENDING);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Delay after the given failed attempt: retryDelay, then doubling. */
    Duration backoff(int failedAttempt) {
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 30);
        return config.retryDelay().multipliedBy(1L << doublings);
    }

    private double pendingForGauge() {
        try {
            return pendingCount();
        } catch (AlertingDatabaseException e) {
            log.warn("outbox gauge: {}", e.getMessage());
            return Double.NaN;
        }
    }

    private SendResult sendSafely(OutgoingMail mail) {
        try {
            return sender.send(mail);
        } catch (RuntimeException e) {
            // MailSender promises not to throw; a broken one must not stop the other mails.
            return new SendResult.Failed("mail sender failed: " + e, true);
        }
    }

    /**
     * Claims the next due row, if any: locks it (skipping rows another dispatcher holds), moves it out of reach for
     * {@link #CLAIM_LEASE} and counts the attempt, all in one transaction. Returns the row with its new attempt count.
     */
    private Optional<Row> claimNext(Instant now) {
        return Jdbc.inTransaction(ds, "claiming a due mail", c -> {
            Optional<Row> due = lockNextDue(c, now);
            if (due.isEmpty()) {
                return due;
            }
            Row row = due.get();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?")) {
                ps.setObject(1, Jdbc.toDb(now.plus(CLAIM_LEASE)));
                ps.setLong(2, row.id());
                ps.executeUpdate();
            }
            return Optional.of(new Row(row.id(), row.attempts() + 1, row.mail()));
        });
    }

    private static Optional<Row> lockNextDue(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, idempotency_key, recipients, subject, html_body,"
                + " text_body, attempts FROM outbox WHERE status = ? AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, id OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, Outbox.PENDING);
            ps.setObject(2, Jdbc.toDb(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> recipients = Arrays.stream(rs.getString("recipients").split(Outbox.RECIPIENT_SEPARATOR))
                        .filter(r -> !r.isBlank()).toList();
                return Optional.of(new Row(rs.getLong("id"), rs.getInt("attempts"),
                        new OutgoingMail(rs.getString("idempotency_key"), recipients, rs.getString("subject"),
                                rs.getString("html_body"), rs.getString("text_body"))));
            }
        }
    }

    private void markSent(long id) {
        update("marking mail " + id + " sent", "UPDATE outbox SET status = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                ps -> {
                    ps.setString(1, Outbox.SENT);
                    ps.setObject(2, Jdbc.toDb(clock.instant()));
                    ps.setLong(3, id);
                });
    }

    private void scheduleRetry(long id, Instant next, String reason) {
        update("scheduling retry of mail " + id, "UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?",
                ps -> {
                    ps.setObject(1, Jdbc.toDb(next));
                    ps.setString(2, truncate(reason));
                    ps.setLong(3, id);
                });
    }

    private void markDead(long id, String reason) {
        update("marking mail " + id + " dead", "UPDATE outbox SET status = ?, last_error = ? WHERE id = ?", ps -> {
            ps.setString(1, Outbox.DEAD);
            ps.setString(2, truncate(reason));
            ps.setLong(3, id);
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String what, String sql, Binder binder) {
        return Jdbc.query(ds, what, (Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_ERROR_CHARS ? reason : reason.substring(0, MAX_ERROR_CHARS);
    }

    private record Row(long id, int attempts, OutgoingMail mail) {
    }
}
