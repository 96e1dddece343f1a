package io.yuqing.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.alerting.outbox.OutgoingWebhook;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.alerting.routing.GroupMailRenderer;
import io.yuqing.alerting.silence.Silence;
import io.yuqing.alerting.silence.SilenceService;
import io.yuqing.alerting.webhook.WebhookMessage;
import io.yuqing.alerting.webhook.WebhookTarget;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends the notifications of alert groups whose time has come (group wait, group interval, repeat interval), from the
 * delivery loop. Each group is handled in one transaction that locks its row, enqueues one mail (and one post per
 * webhook) keyed by group and notification number, marks the alerts it lists and schedules the next look: a crash
 * before the commit sends nothing and the next run does it; after the commit it is never done again.
 */
public final class GroupNotifier {
    private static final Logger log = LoggerFactory.getLogger(GroupNotifier.class);
    /** Groups handled per run; the rest wait for the next run. */
    static final int BATCH = 100;

    private final DataSource ds;
    private final Map<String, DeskConfig> desks = new LinkedHashMap<>();
    private final GroupMailRenderer renderer;
    private final QuietHours quietHours;
    private final Clock clock;
    private final Counter notifications;

    public GroupNotifier(DataSource ds, List<DeskConfig> desks, String consoleBaseUrl, QuietHours quietHours, Clock clock,
                         MeterRegistry meters) {
        this.ds = ds;
        desks.forEach(d -> this.desks.put(d.id(), d));
        this.renderer = new GroupMailRenderer(consoleBaseUrl);
        this.quietHours = quietHours;
        this.clock = clock;
        this.notifications = Counter.builder("yuqing.alerts.group.notifications")
                .description("grouped alert notifications enqueued (one per group, desk and notification)")
                .register(meters);
    }

    /** Handles every group due now. Returns the notifications enqueued. */
    public int flushDue() {
        Instant now = Jdbc.truncate(clock.instant());
        List<Long> due = Jdbc.query(ds, "finding due alert groups", c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alert_groups WHERE next_flush_at <= ?"
                    + " ORDER BY next_flush_at, id FETCH FIRST " + BATCH + " ROWS ONLY")) {
                ps.setObject(1, Jdbc.toDb(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
        int sent = 0;
        for (long id : due) {
            if (Jdbc.inTransaction(ds, "notifying alert group " + id, c -> flush(c, id, now))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean flush(Connection c, long groupId, Instant now) throws SQLException {
        String deskId;
        String routeName;
        String groupKey;
        Duration repeat;
        int done;
        try (PreparedStatement ps = c.prepareStatement("SELECT desk_id, route_name, group_key, repeat_interval_ms,"
                + " notifications, next_flush_at FROM alert_groups WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                Instant next = Jdbc.instant(rs, "next_flush_at");
                if (next == null || next.isAfter(now)) {
                    return false; // another node got here first
                }
                deskId = rs.getString("desk_id");
                routeName = rs.getString("route_name");
                groupKey = rs.getString("group_key");
                repeat = Duration.ofMillis(rs.getLong("repeat_interval_ms"));
                done = rs.getInt("notifications");
            }
        }
        DeskConfig desk = desks.get(deskId);
        List<Alert> open = new ArrayList<>();
        Set<Long> added = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.alert_id, m.notified_in FROM alert_group_members m"
                + " JOIN alerts a ON a.id = m.alert_id WHERE m.group_id = ? AND a.status IN ('new', 'acknowledged', 'assigned')"
                + " ORDER BY m.alert_id")) {
            ps.setLong(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long alertId = rs.getLong(1);
                    rs.getInt(2);
                    if (rs.wasNull()) {
                        added.add(alertId);
                    }
                    open.add(AlertRows.find(c, alertId).orElseThrow());
                }
            }
        }
        // A silence set after the alerts joined the group still keeps them out of its notifications.
        List<Silence> silences = SilenceService.activeAt(c, now);
        open.removeIf(a -> silences.stream().anyMatch(s -> s.matchers().matches(a.enterpriseId(), a.categories(),
                a.level(), deskId, a.sourceId())));
        added.retainAll(open.stream().map(Alert::id).toList());
        boolean repeating = added.isEmpty();
        if (desk == null || open.isEmpty() || (repeating && (repeat.isZero() || done == 0))) {
            if (desk == null) {
                log.warn("alert group {} is for desk {}, which is no longer configured: not notified", groupId, deskId);
            }
            schedule(c, groupId, done, null, null);
            return false;
        }
        int number = done + 1;
        RiskLevel top = (repeating ? open.stream() : open.stream().filter(a -> added.contains(a.id())))
                .map(Alert::level).max(Comparator.naturalOrder()).orElseThrow();
        Instant release = quietHours.releaseAt(top, now);
        String key = "group:" + groupId + ":" + number + ":desk:" + deskId;
        RenderedMail mail = renderer.render(routeName, groupKey, open, added, repeating);
        if (!desk.recipients().isEmpty()) {
            Outbox.enqueue(c, new OutgoingMail(key, desk.recipients(), mail.subject(), mail.htmlBody(), mail.textBody()),
                    now, release);
        }
        List<Alert> told = open.stream().filter(a -> repeating || added.contains(a.id())).toList();
        Alert first = told.stream().max(Comparator.comparing(Alert::level)).orElseThrow();
        List<RiskCategory> categories = told.stream().flatMap(a -> a.categories().stream()).distinct().toList();
        String names = String.join("、", told.stream().map(Alert::enterpriseName).distinct().toList())
                + (told.size() > 1 ? "（" + told.size() + " 条" + (repeating ? "未办结" : "新") + "预警）" : "");
        String titles = String.join("；", told.stream().map(Alert::title).toList());
        for (int i = 0; i < desk.webhooks().size(); i++) {
            // One post per group and notification: the new (or, for a reminder, the open) alerts in one message.
            String hookKey = key + ":webhook:" + i;
            Outbox.enqueue(c, new OutgoingWebhook(hookKey, WebhookTarget.of(desk.id(), i, desk.webhooks().get(i)),
                    new WebhookMessage(hookKey, first.id(), top, (repeating ? "【提醒】" : "") + names, titles, categories,
                            first.url(), renderer.inboxLink(), now)), now, release);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE alert_group_members SET notified_in = ? WHERE group_id = ? AND alert_id = ?")) {
            for (long alertId : added) {
                ps.setInt(1, number);
                ps.setLong(2, groupId);
                ps.setLong(3, alertId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (Alert a : open) {
            if (repeating || added.contains(a.id())) {
                AuditLog.write(c, a.id(), AlertService.SYSTEM_ACTOR, repeating ? "group_reminder" : "group_notified", null,
                        null, (repeating ? "分组提醒" : "分组通知") + "（第 " + number + " 次，共 " + open.size() + " 条）发往 "
                                + desk.name() + (release.isAfter(now) ? "，夜间免打扰延至 " + release : ""), now);
            }
        }
        schedule(c, groupId, number, now, repeat.isZero() ? null : now.plus(repeat));
        notifications.increment();
        log.info("alert group {} notification {} to desk {}: {} alerts, {} new", groupId, number, deskId, open.size(),
                added.size());
        return true;
    }

    private static void schedule(Connection c, long groupId, int notifications, Instant notifiedAt, Instant next)
            throws SQLException {
        String sql = notifiedAt == null
                ? "UPDATE alert_groups SET notifications = ?, next_flush_at = ? WHERE id = ?"
                : "UPDATE alert_groups SET notifications = ?, next_flush_at = ?, last_notified_at = ? WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setInt(i++, notifications);
            ps.setObject(i++, Jdbc.toDb(next));
            if (notifiedAt != null) {
                ps.setObject(i++, Jdbc.toDb(notifiedAt));
            }
            ps.setLong(i, groupId);
            ps.executeUpdate();
        }
    }
}
