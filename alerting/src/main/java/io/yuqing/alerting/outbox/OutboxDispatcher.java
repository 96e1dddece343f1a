package io.yuqing.alerting.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.alerting.AlertingDatabaseException;
import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.webhook.WebhookDirectory;
import io.yuqing.alerting.webhook.WebhookSender;
import io.yuqing.alerting.webhook.WebhookTarget;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.WebhookConfig;
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
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers the outbox: mail rows through the {@link MailSender}, webhook rows through the sender the
 * {@link WebhookDirectory} finds for them; both retry with the same backoff and go dead the same way. Each due row is claimed just before it is sent: in one short transaction it is read with
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
    /**
     * How long a claimed row is this node's: counted from its own claim, longer than the slowest send can take (connect
     * and read timeouts of one SMTP or webhook call, and one fresh try after a dropped kept connection), short enough
     * that a node killed mid-send has its row picked up by another node within a minute or two.
     */
    static final Duration CLAIM_LEASE = Duration.ofSeconds(90);
    /** A run stops claiming after this long, so rows never wait in this node's queue while their lease runs out. */
    static final Duration CLAIMING_FOR = CLAIM_LEASE.dividedBy(3);
    private static final int MAX_ERROR_CHARS = 2000;

    private final DataSource ds;
    private final MailSender sender;
    /** Null when this dispatcher sends mail only: webhook rows are then left for one that has webhooks. */
    private final WebhookDirectory webhooks;
    private final AlertingConfig config;
    private final Clock clock;
    private final Outcomes mailOutcomes;
    private final Map<WebhookConfig.Kind, Outcomes> webhookOutcomes = new EnumMap<>(WebhookConfig.Kind.class);
    /**
     * Platform threads, not virtual ones: the pipeline hands documents over on virtual threads that run CPU-bound
     * (scoring, indexing) without yielding, and a virtual sender waited behind them for a carrier after every SMTP
     * reply — at 200 documents/s that, not the mail server, set the alert → SMTP time. The OS time-slices these.
     * At most {@code alerting.senders} tasks are ever queued or running (a permit is taken before each claim);
     * idle threads end after a while, so a dispatcher needs no closing.
     */
    private final java.util.concurrent.ThreadPoolExecutor sending;

    /** Mail only: webhook rows stay in the outbox untouched. */
    public OutboxDispatcher(DataSource ds, MailSender sender, AlertingConfig config, Clock clock, MeterRegistry meters) {
        this(ds, sender, null, config, clock, meters);
    }

    /**
     * Mail and webhooks.
     *
     * @param webhooks finds the sender of each webhook row (normally {@code ConfiguredWebhooks} over the desks)
     */
    public OutboxDispatcher(DataSource ds, MailSender sender, WebhookDirectory webhooks, AlertingConfig config,
                            Clock clock, MeterRegistry meters) {
        this.ds = ds;
        this.sender = sender;
        this.webhooks = webhooks;
        this.config = config;
        this.clock = clock;
        this.sending = new java.util.concurrent.ThreadPoolExecutor(config.senders(), config.senders(), 30,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("yuqing-outbox-", 0).factory());
        this.sending.allowCoreThreadTimeOut(true);
        this.mailOutcomes = new Outcomes(mailCounter(meters, "sent"), mailCounter(meters, "retry"),
                mailCounter(meters, "dead"));
        if (webhooks != null) {
            for (WebhookConfig.Kind kind : WebhookConfig.Kind.values()) {
                webhookOutcomes.put(kind, new Outcomes(webhookCounter(meters, kind, "sent"),
                        webhookCounter(meters, kind, "retry"), webhookCounter(meters, kind, "dead")));
            }
        }
        Gauge.builder("yuqing.outbox.pending", this, OutboxDispatcher::pendingForGauge)
                .description("mails and webhook posts waiting in the outbox (not yet sent, not dead)")
                .strongReference(true)
                .register(meters);
    }

    private static Counter mailCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("yuqing.mail.sent").tag("outcome", outcome)
                .description("outbox mail delivery attempts by outcome").register(meters);
    }

    private static Counter webhookCounter(MeterRegistry meters, WebhookConfig.Kind kind, String outcome) {
        return Counter.builder("yuqing.webhook.sent").tag("kind", kind.code()).tag("outcome", outcome)
                .description("outbox webhook delivery attempts by webhook kind and outcome").register(meters);
    }

    /**
     * Sends every pending row that is due now (up to {@value #BATCH}) and records each outcome. Mail rows wait
     * untouched while the mail sender is disabled (no SMTP host), webhook rows while this dispatcher has no webhook
     * directory, so neither uses up its attempts. Rows are claimed one after another and sent by up to
     * {@code alerting.senders} at once: one SMTP exchange at a time capped a burst of alerts at what one connection
     * to the mail server could take, tens of mails a second at best. Rows about the same alert, group, escalation or
     * digest ({@link #lane}) still go out in the order they were claimed, so a reminder never overtakes its original.
     */
    public DispatchReport dispatchDue() {
        List<String> channels = new ArrayList<>(2);
        if (sender.enabled()) {
            channels.add(Outbox.MAIL);
        }
        if (webhooks != null) {
            channels.add(Outbox.WEBHOOK);
        }
        if (channels.isEmpty()) {
            return new DispatchReport(0, 0, 0);
        }
        Instant started = clock.instant();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger retried = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger dead = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Semaphore free = new java.util.concurrent.Semaphore(config.senders());
        Map<String, java.util.concurrent.CompletableFuture<Void>> lanes = new java.util.HashMap<>();
        List<java.util.concurrent.CompletableFuture<Void>> running = new ArrayList<>();
        for (int handled = 0; handled < BATCH; handled++) {
            free.acquireUninterruptibly();
            // Each row's lease counts from its own claim: a row claimed late in a slow run must not be handed to
            // another node while this one is still about to send it.
            Instant now = Jdbc.truncate(clock.instant());
            if (Duration.between(started, now).compareTo(CLAIMING_FOR) >= 0 || Thread.currentThread().isInterrupted()) {
                free.release();
                break; // the rest wait for the next run (or, when shutting down, for the next start)
            }
            Optional<Row> claimed;
            try {
                claimed = claimNext(now, channels);
            } catch (RuntimeException e) {
                free.release();
                // The sends already running finish first: a later run must not overtake them in their lanes.
                awaitAll(running);
                throw e;
            }
            if (claimed.isEmpty()) {
                free.release();
                break;
            }
            Row row = claimed.get();
            Runnable task = () -> {
                try {
                    deliver(row, sent, retried, dead);
                } catch (RuntimeException e) {
                    // Sent or not, the outcome could not be recorded (the database went away): the row stays
                    // claimed and is tried again when its lease ends, under the same idempotency key.
                    log.warn("outbox row {}: outcome not recorded, tried again after its lease: {}", row.id(), e.toString());
                } finally {
                    free.release();
                }
            };
            java.util.concurrent.CompletableFuture<Void> before = lanes.get(lane(row.delivery()));
            java.util.concurrent.CompletableFuture<Void> next = before == null
                    ? java.util.concurrent.CompletableFuture.runAsync(task, sending)
                    : before.exceptionally(e -> null).thenRunAsync(task, sending);
            lanes.put(lane(row.delivery()), next);
            running.add(next);
        }
        awaitAll(running);
        if (channels.contains(Outbox.MAIL)) {
            sender.closeIdle(); // kept-open SMTP connections a quiet spell left unused
        }
        return new DispatchReport(sent.get(), retried.get(), dead.get());
    }

    /** Waits for every send of the run, including a lane's later rows, handed to the threads as earlier ones finish. */
    private static void awaitAll(List<java.util.concurrent.CompletableFuture<Void>> running) {
        java.util.concurrent.CompletableFuture.allOf(running.toArray(java.util.concurrent.CompletableFuture[]::new))
                .exceptionally(e -> null).join();
    }

    private void deliver(Row row, java.util.concurrent.atomic.AtomicInteger sent,
                         java.util.concurrent.atomic.AtomicInteger retried, java.util.concurrent.atomic.AtomicInteger dead) {
        int attempt = row.attempts();
        Outcomes outcomes = outcomesOf(row.delivery());
        String what = describe(row.delivery());
        SendResult result = send(row.delivery());
        switch (result) {
            case SendResult.Sent s -> {
                markSent(row.id());
                outcomes.sent().increment();
                sent.incrementAndGet();
                log.info("{} sent as {}", what, s.messageId());
            }
            case SendResult.Failed f when f.retryable() && attempt < config.maxAttempts() -> {
                Instant next = Jdbc.truncate(clock.instant()).plus(backoff(attempt));
                scheduleRetry(row.id(), next, f.reason());
                outcomes.retry().increment();
                retried.incrementAndGet();
                log.warn("{} not sent (attempt {}/{}), retrying at {}: {}", what, attempt, config.maxAttempts(),
                        next, f.reason());
            }
            case SendResult.Failed f -> {
                markDead(row.id(), f.reason());
                outcomes.dead().increment();
                dead.incrementAndGet();
                log.error("{} given up after attempt {}/{}: {}", what, attempt, config.maxAttempts(),
                        f.reason());
            }
        }
    }

    private Outcomes outcomesOf(Delivery delivery) {
        return switch (delivery) {
            case MailDelivery m -> mailOutcomes;
            case WebhookDelivery w -> webhookOutcomes.get(w.webhook().target().kind());
            case UnreadableWebhook u -> webhookOutcomes.get(u.kind());
        };
    }

    /**
     * Deliveries that must keep their order: those about the same thing, named by the first two parts of the
     * idempotency key ({@code alert:<id>}, {@code group:<id>}, {@code escalation:<id>}, {@code digest:<desk>}).
     */
    static String lane(String idempotencyKey) {
        int first = idempotencyKey.indexOf(':');
        int second = first < 0 ? -1 : idempotencyKey.indexOf(':', first + 1);
        return second < 0 ? idempotencyKey : idempotencyKey.substring(0, second);
    }

    private static String lane(Delivery delivery) {
        return lane(switch (delivery) {
            case MailDelivery m -> m.mail().idempotencyKey();
            case WebhookDelivery w -> w.webhook().idempotencyKey();
            case UnreadableWebhook u -> u.idempotencyKey();
        });
    }

    private static String describe(Delivery delivery) {
        return switch (delivery) {
            case MailDelivery m -> "mail " + m.mail().idempotencyKey() + " to " + m.mail().recipients();
            case WebhookDelivery w -> w.webhook().target().kind().code() + " webhook "
                    + w.webhook().idempotencyKey() + " to " + w.webhook().target().redactedUrl();
            case UnreadableWebhook u -> u.kind().code() + " webhook " + u.idempotencyKey();
        };
    }

    private SendResult send(Delivery delivery) {
        return switch (delivery) {
            case MailDelivery m -> sendSafely(m.mail());
            case WebhookDelivery w -> sendSafely(w.webhook());
            case UnreadableWebhook u -> new SendResult.Failed(u.problem(), false);
        };
    }

    /** Rows (mails and webhook posts) not yet sent and not given up, due or not. */
    public long pendingCount() {
        return Jdbc.query(ds, "counting pending outbox rows", c -> {
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

    private SendResult sendSafely(OutgoingWebhook webhook) {
        WebhookTarget target = webhook.target();
        Optional<WebhookSender> found;
        try {
            found = webhooks.senderFor(target);
        } catch (RuntimeException e) {
            return new SendResult.Failed("looking up the webhook failed: " + e, true);
        }
        if (found.isEmpty()) {
            // Removed or edited in the config since the row was written: sending elsewhere would be wrong.
            return new SendResult.Failed("desk '" + target.deskId() + "' no longer has this " + target.kind().code()
                    + " webhook (" + target.redactedUrl() + ") in its configuration", false);
        }
        try {
            return found.get().send(webhook.message());
        } catch (RuntimeException e) {
            return new SendResult.Failed("webhook sender failed: " + e, true);
        }
    }

    /**
     * Claims the next due row, if any: locks it (skipping rows another dispatcher holds), moves it out of reach for
     * {@link #CLAIM_LEASE} and counts the attempt, all in one transaction. Returns the row with its new attempt count.
     */
    private Optional<Row> claimNext(Instant now, List<String> channels) {
        return Jdbc.inTransaction(ds, "claiming a due outbox row", c -> {
            Optional<Row> due = lockNextDue(c, now, channels);
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
            return Optional.of(new Row(row.id(), row.attempts() + 1, row.delivery()));
        });
    }

    private static Optional<Row> lockNextDue(Connection c, Instant now, List<String> channels) throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(channels.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT id, idempotency_key, recipients, subject, html_body,"
                + " text_body, attempts, channel, webhook_kind, desk_id, webhook_index, webhook_fingerprint, payload"
                + " FROM outbox WHERE status = ? AND next_attempt_at <= ? AND channel IN (" + placeholders + ")"
                + " ORDER BY next_attempt_at, id OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, Outbox.PENDING);
            ps.setObject(2, Jdbc.toDb(now));
            for (int i = 0; i < channels.size(); i++) {
                ps.setString(3 + i, channels.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Delivery delivery = Outbox.WEBHOOK.equals(rs.getString("channel")) ? webhookOf(rs) : mailOf(rs);
                return Optional.of(new Row(rs.getLong("id"), rs.getInt("attempts"), delivery));
            }
        }
    }

    private static Delivery mailOf(ResultSet rs) throws SQLException {
        List<String> recipients = Arrays.stream(rs.getString("recipients").split(Outbox.RECIPIENT_SEPARATOR))
                .filter(r -> !r.isBlank()).toList();
        return new MailDelivery(new OutgoingMail(rs.getString("idempotency_key"), recipients, rs.getString("subject"),
                rs.getString("html_body"), rs.getString("text_body")));
    }

    /** A row that cannot be read back (hand-edited, or kind unknown to this version) goes dead with the reason. */
    private static Delivery webhookOf(ResultSet rs) throws SQLException {
        String key = rs.getString("idempotency_key");
        WebhookConfig.Kind kind;
        try {
            kind = WebhookConfig.Kind.parse(rs.getString("webhook_kind"));
        } catch (IllegalArgumentException e) {
            return new UnreadableWebhook(key, WebhookConfig.Kind.JSON, "webhook row unreadable: " + e.getMessage());
        }
        try {
            WebhookTarget target = new WebhookTarget(rs.getString("desk_id"), rs.getInt("webhook_index"), kind,
                    rs.getString("webhook_fingerprint"), rs.getString("recipients"));
            return new WebhookDelivery(new OutgoingWebhook(key, target, WebhookPayload.read(rs.getString("payload"))));
        } catch (IllegalArgumentException | NullPointerException | java.time.format.DateTimeParseException e) {
            return new UnreadableWebhook(key, kind, "webhook row unreadable: " + e.getMessage());
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

    private record Row(long id, int attempts, Delivery delivery) {
    }

    /** What a claimed row asks to be delivered. */
    private sealed interface Delivery {
    }

    private record MailDelivery(OutgoingMail mail) implements Delivery {
    }

    private record WebhookDelivery(OutgoingWebhook webhook) implements Delivery {
    }

    private record UnreadableWebhook(String idempotencyKey, WebhookConfig.Kind kind, String problem)
            implements Delivery {
    }

    private record Outcomes(Counter sent, Counter retry, Counter dead) {
    }
}
