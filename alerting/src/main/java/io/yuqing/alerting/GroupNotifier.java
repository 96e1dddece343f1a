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
            if (Jdbc.inTransaction(ds, "notifying alert group " + id, c -> flush(c, id, now, null, Duration.ZERO))) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * The red re-notification of an alert in a group, inside the caller's transaction (the one that claims the alert's
     * re-notification): the group's next notification, sent now whatever its schedule, listing the group's open alerts
     * with this one marked overdue. It takes the group's next notification number under the group's row lock, so its
     * outbox key {@code group:<id>:<n>:desk:<desk>} is stable and a later regular reminder counts on from it; the
     * group's repeat interval starts again from now. Returns false, sending nothing, when the alert is no longer open
     * in the group for this desk (closed, or silenced for the desk since).
     */
    boolean remindOverdue(Connection c, long groupId, Alert overdue, Duration waited, Instant now) throws SQLException {
        return flush(c, groupId, now, overdue, waited);
    }

    /** Alert groups holding this alert, one per desk (the lowest id when a desk has it in several): desk id → group. */
    static Map<String, Long> groupsOf(Connection c, long alertId) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.desk_id, g.id FROM alert_group_members m"
                + " JOIN alert_groups g ON g.id = m.group_id WHERE m.alert_id = ? ORDER BY g.id")) {
            ps.setLong(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** @param overdue a red alert to remind about now (forcing a notification), or null for the group's own schedule */
    private boolean flush(Connection c, long groupId, Instant now, Alert overdue, Duration waited) throws SQLException {
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
                if (overdue == null && (next == null || next.isAfter(now))) {
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
        if (overdue != null) {
            // Forced: leaves the group's schedule alone when there is nothing to say about this alert.
            if (desk == null || open.stream().noneMatch(a -> a.id() == overdue.id())) {
                return false;
            }
        } else if (desk == null || open.isEmpty() || (repeating && (repeat.isZero() || done == 0))) {
            if (desk == null) {
                log.warn("alert group {} is for desk {}, which is no longer configured: not notified", groupId, deskId);
            }
            schedule(c, groupId, done, null, null);
            return false;
        }
        int number = done + 1;
        // An overdue reminder lists (and is about) the whole group, its red alert included: quiet hours let it through.
        RiskLevel top = (repeating || overdue != null ? open.stream() : open.stream().filter(a -> added.contains(a.id())))
                .map(Alert::level).max(Comparator.naturalOrder()).orElseThrow();
        Instant release = quietHours.releaseAt(top, now);
        String key = "group:" + groupId + ":" + number + ":desk:" + deskId;
        String waitedText = waited.toMinutes() + " 分钟";
        RenderedMail mail = overdue == null ? renderer.render(routeName, groupKey, open, added, repeating)
                : renderer.renderOverdue(routeName, groupKey, open, added, overdue, waitedText);
        if (!desk.recipients().isEmpty()) {
            Outbox.enqueue(c, new OutgoingMail(key, desk.recipients(), mail.subject(), mail.htmlBody(), mail.textBody()),
                    now, release);
        }
        // The group's labels as the mail shows them (enterprise names, not ids), for the chat message too.
        String groupText = GroupMailRenderer.describe(routeName, GroupMailRenderer.labels(groupKey, open));
        List<Alert> told = open.stream().filter(a -> repeating || added.contains(a.id())).toList();
        Alert first = told.stream().max(Comparator.comparing(Alert::level)).orElseThrow();
        List<RiskCategory> categories = told.stream().flatMap(a -> a.categories().stream()).distinct().toList();
        String names = String.join("、", told.stream().map(Alert::enterpriseName).distinct().toList())
                + (told.size() > 1 ? "（" + told.size() + " 条" + (repeating ? "未办结" : "新") + "预警）" : "");
        String titles = String.join("；", told.stream().map(Alert::title).toList());
        for (int i = 0; i < desk.webhooks().size(); i++) {
            // One post per group and notification: the new (or, for a reminder, the open) alerts in one message; for an
            // overdue red alert, the reminder about it, with the size of its group.
            String hookKey = key + ":webhook:" + i;
            WebhookMessage message = overdue == null
                    ? new WebhookMessage(hookKey, WebhookMessage.Kind.ALERT, first.id(), top, (repeating ? "【提醒】" : "")
                            + names, titles, categories, first.url(), renderer.inboxLink(), now,
                            List.of(new WebhookMessage.Fact("分组", groupText)))
                    : overdueMessage(hookKey, overdue, open.size(), groupText, now, waitedText);
            Outbox.enqueue(c, new OutgoingWebhook(hookKey, WebhookTarget.of(desk.id(), i, desk.webhooks().get(i)),
                    message), now, release);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE alert_group_members SET notified_in = ?, notified_at = ? WHERE group_id = ? AND alert_id = ?")) {
            for (long alertId : added) {
                ps.setInt(1, number);
                ps.setObject(2, Jdbc.toDb(now));
                ps.setLong(3, groupId);
                ps.setLong(4, alertId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (Alert a : open) {
            if (overdue != null) {
                // Everyone listed was told: the new ones for the first time, the others (and the overdue one) again.
                boolean isNew = added.contains(a.id());
                AuditLog.write(c, a.id(), AlertService.SYSTEM_ACTOR, isNew ? "group_notified" : "group_reminder", null,
                        null, (isNew ? "分组通知" : "分组提醒") + "（第 " + number + " 次，共 " + open.size() + " 条，因红色预警 #"
                                + overdue.id() + " 超时未确认）发往 " + desk.name(), now);
            } else if (repeating || added.contains(a.id())) {
                AuditLog.write(c, a.id(), AlertService.SYSTEM_ACTOR, repeating ? "group_reminder" : "group_notified", null,
                        null, (repeating ? "分组提醒" : "分组通知") + "（第 " + number + " 次，共 " + open.size() + " 条）发往 "
                                + desk.name() + (release.isAfter(now) ? "，夜间免打扰延至 " + release : ""), now);
            }
        }
        schedule(c, groupId, number, now, repeat.isZero() ? null : now.plus(repeat));
        notifications.increment();
        if (overdue != null) {
            log.info("alert group {} notification {} to desk {}: red alert {} overdue, {} open", groupId, number, deskId,
                    overdue.id(), open.size());
            return true;
        }
        log.info("alert group {} notification {} to desk {}: {} alerts, {} new", groupId, number, deskId, open.size(),
                added.size());
        return true;
    }

    private WebhookMessage overdueMessage(String key, Alert overdue, int groupSize, String groupText, Instant now, String waited) {
        WebhookMessage m = WebhookMessage.reminder(key, overdue, renderer.consoleLink(overdue.id()), now, waited);
        List<WebhookMessage.Fact> facts = new ArrayList<>(m.facts());
        facts.add(new WebhookMessage.Fact("本组未办结", groupSize + " 条"));
        facts.add(new WebhookMessage.Fact("分组", groupText));
        return new WebhookMessage(m.key(), m.kind(), m.alertId(), m.level(), m.enterpriseName(), m.title(), m.categories(),
                m.url(), m.consoleLink(), m.raisedAt(), facts);
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
