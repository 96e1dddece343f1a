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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Delivers the outbox. Each due row is first claimed (attempts + 1, pushed out by a lease) with a compare-and-set
 * update, so two dispatchers never send the same row at once; a dispatcher that dies mid-send leaves the row to be
 * retried when the lease expires (at-least-once, same Message-ID). A row marked sent is never sent again.
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
        for (Row row : due(now)) {
            if (!claim(row, now)) {
                continue; // another dispatcher took it
            }
            int attempt = row.attempts() + 1;
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

    private List<Row> due(Instant now) {
        return Jdbc.query(ds, "reading due mails", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, idempotency_key, recipients, subject, html_body,"
                    + " text_body, attempts FROM outbox WHERE status = ? AND next_attempt_at <= ?"
                    + " ORDER BY next_attempt_at, id OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")) {
                ps.setString(1, Outbox.PENDING);
                ps.setObject(2, Jdbc.toDb(now));
                ps.setInt(3, BATCH);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> recipients = Arrays.stream(rs.getString("recipients")
                                .split(Outbox.RECIPIENT_SEPARATOR)).filter(r -> !r.isBlank()).toList();
                        rows.add(new Row(rs.getLong("id"), rs.getInt("attempts"),
                                new OutgoingMail(rs.getString("idempotency_key"), recipients, rs.getString("subject"),
                                        rs.getString("html_body"), rs.getString("text_body"))));
                    }
                }
                return rows;
            }
        });
    }

    private boolean claim(Row row, Instant now) {
        return update("claiming mail " + row.id(), "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?"
                + " WHERE id = ? AND status = ? AND attempts = ? AND next_attempt_at <= ?", ps -> {
            ps.setObject(1, Jdbc.toDb(now.plus(CLAIM_LEASE)));
            ps.setLong(2, row.id());
            ps.setString(3, Outbox.PENDING);
            ps.setInt(4, row.attempts());
            ps.setObject(5, Jdbc.toDb(now));
        }) == 1;
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
