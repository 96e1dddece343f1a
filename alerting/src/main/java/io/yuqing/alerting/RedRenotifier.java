package io.yuqing.alerting;

import io.yuqing.alerting.mail.AlertMailRenderer;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.alerting.silence.Silence;
import io.yuqing.alerting.silence.SilenceService;
import io.yuqing.alerting.webhook.WebhookMessage;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.model.RiskLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Red alerts nobody acknowledged in time are notified once more, the way the routing tree sent them first: a desk that
 * has the alert in one of its groups gets it as that group's next notification (the group's open alerts, this one
 * marked overdue; {@link GroupNotifier#remindOverdue}); a desk that got it on its own gets the reminder mail and posts
 * as before. The escalation recipients (the second line, not a desk of the tree) always get the reminder mail.
 * Silenced alerts are not reminded, nor desks a silence now covers; alerts of an enterprise under open escalation wait
 * until it closes. The desks are those the alert was routed to when raised (or raised in level), not a fresh routing
 * under a changed configuration: the groups it is in are part of that routing.
 */
final class RedRenotifier {
    private static final Logger log = LoggerFactory.getLogger(RedRenotifier.class);

    private final DataSource ds;
    private final List<DeskConfig> desks;
    private final AlertMailRenderer renderer;
    private final Duration after;
    private final List<String> escalationRecipients;
    private final Clock clock;
    private final Predicate<String> enterpriseEscalated;
    private final GroupNotifier groups;

    RedRenotifier(DataSource ds, List<DeskConfig> desks, AlertMailRenderer renderer, AlertingConfig alerting,
                  Clock clock, Predicate<String> enterpriseEscalated, GroupNotifier groups) {
        this.groups = groups;
        this.ds = ds;
        this.desks = desks;
        this.renderer = renderer;
        this.after = alerting.redRenotifyAfter();
        this.escalationRecipients = alerting.escalationRecipients();
        this.clock = clock;
        this.enterpriseEscalated = enterpriseEscalated;
    }

    /** Re-notifies every due alert; returns those re-notified by this call. */
    List<Alert> renotifyDue() {
        Instant now = Jdbc.truncate(clock.instant());
        List<Alert> due = Jdbc.query(ds, "finding red alerts to re-notify", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS + " FROM alerts"
                    + " WHERE level = ? AND status = ? AND renotified_at IS NULL AND silenced_by IS NULL"
                    + " AND created_at <= ? ORDER BY created_at, id")) {
                ps.setString(1, RiskLevel.RED.code());
                ps.setString(2, AlertStatus.NEW.code());
                ps.setObject(3, Jdbc.toDb(now.minus(after)));
                List<Alert> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(AlertRows.map(rs));
                    }
                }
                return out;
            }
        });
        List<Alert> done = new ArrayList<>();
        for (Alert alert : due) {
            if (enterpriseEscalated.test(alert.enterpriseId())) {
                continue;
            }
            if (renotify(alert, now)) {
                done.add(alert);
            }
        }
        return List.copyOf(done);
    }

    private boolean renotify(Alert alert, Instant now) {
        return Jdbc.inTransaction(ds, "re-notifying alert " + alert.id(), c -> {
            // Claim first: a concurrent caller or a second scheduler run finds nothing left to do.
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET renotified_at = ?"
                    + " WHERE id = ? AND renotified_at IS NULL AND status = ?")) {
                ps.setObject(1, Jdbc.toDb(now));
                ps.setLong(2, alert.id());
                ps.setString(3, AlertStatus.NEW.code());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            int posts = 0;
            Duration waited = Duration.between(alert.createdAt(), now);
            Map<String, Long> groupOf = GroupNotifier.groupsOf(c, alert.id());
            List<Silence> silences = SilenceService.activeAt(c, now);
            Set<String> recipients = new LinkedHashSet<>();
            List<String> viaGroups = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (DeskConfig desk : desks) {
                if (!alert.deskIds().contains(desk.id())) {
                    continue;
                }
                Long groupId = groupOf.get(desk.id());
                if (groupId != null) {
                    // Routed into a group: the reminder is that group's next notification (which applies silences).
                    if (groups.remindOverdue(c, groupId, alert, waited, now)) {
                        viaGroups.add(desk.name() + "（分组 #" + groupId + "）");
                    } else {
                        skipped.add(desk.name());
                    }
                    continue;
                }
                if (silences.stream().anyMatch(s -> s.matchers().matches(alert.enterpriseId(), alert.categories(),
                        alert.level(), desk.id(), alert.sourceId()))) {
                    skipped.add(desk.name());
                    continue;
                }
                recipients.addAll(desk.recipients());
                // The desk's chat groups get the reminder too: that is where a duty officer will see it first.
                posts += Outbox.enqueueWebhooks(c, desk, "alert:" + alert.id() + ":renotify:desk:" + desk.id(),
                        key -> WebhookMessage.reminder(key, alert, renderer.consoleLink(alert.id()), now,
                                waited.toMinutes() + " 分钟"), now);
            }
            recipients.addAll(escalationRecipients);
            if (recipients.isEmpty()) {
                if (posts == 0 && viaGroups.isEmpty()) {
                    log.warn("red alert {} is unacknowledged but has no recipients to remind", alert.id());
                }
            } else {
                RenderedMail m = renderer.renderReminder(alert, waited);
                Outbox.enqueue(c, new OutgoingMail("alert:" + alert.id() + ":renotify", List.copyOf(recipients),
                        m.subject(), m.htmlBody(), m.textBody()), now);
            }
            AuditLog.write(c, alert.id(), AlertService.SYSTEM_ACTOR, "renotify", null, null,
                    "红色预警超过 " + io.yuqing.core.config.Durations.format(after) + " 未确认，再次提醒："
                            + (recipients.isEmpty() ? "无收件人" : String.join("、", recipients))
                            + (viaGroups.isEmpty() ? "" : "；分组提醒：" + String.join("、", viaGroups))
                            + (skipped.isEmpty() ? "" : "；未提醒（静默或已不在分组中）：" + String.join("、", skipped)), now);
            log.info("red alert {} re-notified to {}, through groups {}", alert.id(), recipients, viaGroups);
            return true;
        });
    }
}
