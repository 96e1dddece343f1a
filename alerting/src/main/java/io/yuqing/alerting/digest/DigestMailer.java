package io.yuqing.alerting.digest;

import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.core.config.DeskConfig;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Puts each desk's daily digest into the outbox, once per desk and day (idempotency key {@code digest:<desk>:<date>}),
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

    /** Enqueues the digest of {@code date} for every desk with recipients; returns how many were newly enqueued. */
    public int enqueue(LocalDate date, ZoneId zone, List<DeskConfig> desks) {
        int enqueued = 0;
        for (DeskConfig desk : desks) {
            if (desk.recipients().isEmpty()) {
                continue;
            }
            String key = "digest:" + desk.id() + ":" + date;
            if (exists(key)) {
                continue;
            }
            RenderedMail mail = renderer.render(builder.build(date, zone, desk));
            // One INSERT with auto-commit: on PostgreSQL a unique violation aborts the transaction it happens in,
            // so it must not be caught inside one that is then committed.
            boolean added = Jdbc.query(dataSource, "enqueueing digest " + key, c -> {
                try {
                    Outbox.enqueue(c, new OutgoingMail(key, desk.recipients(), mail.subject(), mail.htmlBody(), mail.textBody()),
                            clock.instant());
                    return true;
                } catch (SQLException e) {
                    if (Jdbc.isUniqueViolation(e)) {
                        return false; // another node enqueued it first
                    }
                    throw e;
                }
            });
            if (added) {
                enqueued++;
            }
        }
        return enqueued;
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
