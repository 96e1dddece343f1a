package io.yuqing.alerting.digest;

import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.alerting.outbox.OutgoingWebhook;
import io.yuqing.alerting.webhook.WebhookTarget;
import io.yuqing.core.config.DeskConfig;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts each desk's daily digest into the outbox, once per desk and day: the mail keyed {@code digest:<desk>:<date>},
 * each webhook post {@code digest:<desk>:<date>:webhook:<position>},
 * so a restart or a second node running the same schedule sends nothing twice.
 */
public final class DigestMailer {
    private final DataSource dataSource;
    private final DigestBuilder builder;
    private final DigestRenderer renderer;
    private final Clock clock;

    public DigestMailer(DataSource dataSource, DigestBuilder builder, DigestRenderer renderer, Clock clock) {
        this.dataSource = dataSource;
        this.builder = builder;
        this.renderer = renderer;
        this.clock = clock;
    }

    /**
     * Enqueues the digest of {@code date} for every desk with recipients (a mail) or webhooks (a chat message each);
     * returns how many mails and posts were newly enqueued.
     */
    public int enqueue(LocalDate date, ZoneId zone, List<DeskConfig> desks) {
        int enqueued = 0;
        for (DeskConfig desk : desks) {
            String key = "digest:" + desk.id() + ":" + date;
            List<String> pendingKeys = new ArrayList<>();
            if (!desk.recipients().isEmpty()) {
                pendingKeys.add(key);
            }
            for (int i = 0; i < desk.webhooks().size(); i++) {
                pendingKeys.add(key + ":webhook:" + i);
            }
            pendingKeys.removeIf(this::exists);
            if (pendingKeys.isEmpty()) {
                continue;
            }
            DailyDigest digest = builder.build(date, zone, desk);
            for (String k : pendingKeys) {
                if (insertOnce(k, c -> {
                    if (k.equals(key)) {
                        RenderedMail mail = renderer.render(digest);
                        Outbox.enqueue(c, new OutgoingMail(key, desk.recipients(), mail.subject(), mail.htmlBody(),
                                mail.textBody()), clock.instant());
                    } else {
                        int index = Integer.parseInt(k.substring(k.lastIndexOf(':') + 1));
                        Instant now = clock.instant();
                        Outbox.enqueue(c, new OutgoingWebhook(k, WebhookTarget.of(desk.id(), index,
                                desk.webhooks().get(index)), DigestWebhook.message(k, digest, renderer.consoleBaseUrl(),
                                now)), now, now);
                    }
                })) {
                    enqueued++;
                }
            }
        }
        return enqueued;
    }

    private interface Insert {
        void into(Connection c) throws SQLException;
    }

    /** One INSERT with auto-commit; false when another node enqueued the same key first. */
    private boolean insertOnce(String key, Insert insert) {
        // On PostgreSQL a unique violation aborts the transaction it happens in, so it must not be caught inside one
        // that is then committed.
        return Jdbc.query(dataSource, "enqueueing digest " + key, c -> {
            try {
                insert.into(c);
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    private boolean exists(String key) {
        return Jdbc.query(dataSource, "checking digest " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE idempotency_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
