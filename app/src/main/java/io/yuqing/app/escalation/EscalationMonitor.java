package io.yuqing.app.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.escalation.EscalationConfig;
import io.yuqing.alerting.escalation.EscalationDetector;
import io.yuqing.alerting.escalation.EscalationEvent;
import io.yuqing.alerting.escalation.RiskyItem;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.alerting.webhook.WebhookMessage;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.text.Html;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Watches the stream of new alerts for stories that surge against an enterprise's own baseline (see
 * {@link EscalationDetector}), records each firing, and tells the desks once per firing through the outbox, by mail
 * and to their chat webhooks.
 * Synchronized: the crawl schedules of several sources feed it at the same time.
 */
public final class EscalationMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationMonitor.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);

    /** One recorded escalation, as the console shows it. */
    public record Escalation(long id, String enterpriseId, String enterpriseName, RiskCategory category, int count,
                             double expected, double pValue, int sources, Duration window, Instant since, Instant firedAt,
                             Instant resolvedAt) {
        public boolean open() {
            return resolvedAt == null;
        }
    }

    private final DataSource dataSource;
    private final List<DeskConfig> desks;
    private final String consoleUrl;
    private final Clock clock;
    private final ZoneId zone;
    private final EscalationDetector detector;
    private final Map<String, String> names = new HashMap<>();
    private final Counter fired;

    public EscalationMonitor(DataSource dataSource, List<DeskConfig> desks, String consoleUrl, Clock clock, ZoneId zone,
                             MeterRegistry meters) {
        this.dataSource = dataSource;
        this.desks = desks;
        this.consoleUrl = consoleUrl.replaceAll("/+$", "");
        this.clock = clock;
        this.zone = zone;
        this.detector = new EscalationDetector(EscalationConfig.defaults(), clock);
        this.fired = Counter.builder("yuqing.escalations.fired")
                .description("Surges of an enterprise's risky coverage against its own baseline").register(meters);
    }

    /** Refills the detector from recent alerts and the recorded escalations, so a restart neither forgets nor repeats. */
    public synchronized void restore(List<Alert> recentAlerts) {
        List<RiskyItem> items = new ArrayList<>();
        for (Alert a : recentAlerts) {
            names.put(a.enterpriseId(), a.enterpriseName());
            items.add(RiskyItem.of(a));
        }
        List<EscalationEvent> events = new ArrayList<>();
        for (Escalation e : recent(1000).reversed()) {
            events.add(new EscalationEvent.Firing(e.enterpriseId(), e.category(), e.count(), e.expected(), e.pValue(),
                    e.sources(), e.window(), e.since(), e.firedAt()));
            if (e.resolvedAt() != null) {
                events.add(new EscalationEvent.Resolved(e.enterpriseId(), e.category(), e.since(), e.resolvedAt()));
            }
        }
        detector.restore(items, events);
    }

    /** Whether the enterprise's overall coverage is surging right now. */
    public synchronized boolean isEscalated(String enterpriseId) {
        return detector.firing().contains(io.yuqing.alerting.escalation.EscalationKey.overall(enterpriseId));
    }

    /** Feeds newly raised alerts to the detector. */
    public synchronized void onAlerts(List<Alert> alerts) {
        for (Alert a : alerts) {
            names.put(a.enterpriseId(), a.enterpriseName());
            handle(detector.observe(RiskyItem.of(a)));
        }
    }

    /** Re-checks every enterprise with recent items (confirms pending surges, resolves calm ones). */
    public synchronized void tick() {
        handle(detector.tick());
    }

    private void handle(List<EscalationEvent> events) {
        for (EscalationEvent event : events) {
            try {
                switch (event) {
                    case EscalationEvent.Firing f -> record(f);
                    case EscalationEvent.Resolved r -> resolve(r);
                }
            } catch (RuntimeException e) {
                LOG.error("escalation event {} could not be recorded", event, e);
            }
        }
    }

    private void record(EscalationEvent.Firing f) {
        String name = names.getOrDefault(f.enterpriseId(), f.enterpriseId());
        Jdbc.inTransaction(dataSource, "recording escalation of " + f.enterpriseId(), c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO escalations (enterprise_id, enterprise_name, category,"
                    + " item_count, expected, p_value, sources, window_minutes, since, fired_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    new String[]{"id"})) {
                ps.setString(1, f.enterpriseId());
                ps.setString(2, name);
                if (f.category() == null) {
                    ps.setNull(3, Types.VARCHAR);
                } else {
                    ps.setString(3, f.category().code());
                }
                ps.setInt(4, f.count());
                ps.setDouble(5, f.expected());
                ps.setDouble(6, f.pValue());
                ps.setInt(7, f.sources());
                ps.setInt(8, (int) f.window().toMinutes());
                ps.setObject(9, Jdbc.toDb(f.since()));
                ps.setObject(10, Jdbc.toDb(f.firedAt()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            for (DeskConfig desk : desks) {
                List<RiskCategory> cats = f.category() == null ? List.of() : List.of(f.category());
                // An escalation is routed like an orange alert of its category (overall ones to all-category desks),
                // by mail and to the desk's chat webhooks.
                if (!desk.accepts(cats, RiskLevel.ORANGE)) {
                    continue;
                }
                if (!desk.recipients().isEmpty()) {
                    Outbox.enqueue(c, mail(id, f, name, desk), clock.instant());
                }
                Outbox.enqueueWebhooks(c, desk, "escalation:" + id + ":desk:" + desk.id(),
                        key -> webhookMessage(key, f, name), clock.instant());
            }
            return id;
        });
        fired.increment();
        LOG.info("escalation: {} {} — {} risky items in {} (expected {})", name,
                f.category() == null ? "overall" : f.category().code(), f.count(), f.window(), f.expected());
    }

    private OutgoingMail mail(long id, EscalationEvent.Firing f, String name, DeskConfig desk) {
        String what = f.category() == null ? "风险报道" : f.category().label() + "类报道";
        String window = windowText(f.window());
        String subject = "【事件升级】" + oneLine(name) + "：近 " + window + " " + what + " " + f.count() + " 条";
        String summary = String.format(Locale.ROOT, "近 %s 内 %s 的%s达 %d 条（按其以往水平预计约 %.1f 条），涉及 %d 个来源，"
                + "自 %s 起。请关注事态发展。", window, oneLine(name), what, f.count(), f.expected(), f.sources(),
                TIME.withZone(zone).format(f.since()));
        String link = consoleUrl + "/escalations";
        String text = subject + "\n\n" + summary + "\n\n查看：" + link + "\n";
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"></head><body>"
                + "<h2 style=\"color:#e8690b\">" + Html.escape(subject) + "</h2><p>" + Html.escape(summary) + "</p>"
                + "<p><a href=\"" + Html.hrefOrHash(link) + "\">在舆情系统中查看</a></p></body></html>";
        return new OutgoingMail("escalation:" + id + ":desk:" + desk.id(), desk.recipients(), subject, html, text);
    }

    /** The chat version of the escalation mail; the name stays raw, each webhook sender escapes it. */
    private WebhookMessage webhookMessage(String key, EscalationEvent.Firing f, String name) {
        String what = f.category() == null ? "风险报道" : f.category().label() + "类报道";
        String window = windowText(f.window());
        return new WebhookMessage(key, WebhookMessage.Kind.ESCALATION, 0, RiskLevel.ORANGE, name,
                "近 " + window + " " + what + "骤增，请关注事态发展",
                f.category() == null ? List.of() : List.of(f.category()), "", consoleUrl + "/escalations",
                f.firedAt(), List.of(
                        new WebhookMessage.Fact("近 " + window + " 报道", String.format(Locale.ROOT,
                                "%d 条（按其以往水平预计约 %.1f 条）", f.count(), f.expected())),
                        new WebhookMessage.Fact("来源", f.sources() + " 个"),
                        new WebhookMessage.Fact("起始", TIME.withZone(zone).format(f.since()))));
    }

    private static String windowText(Duration window) {
        return window.toMinutes() >= 60 && window.toMinutes() % 60 == 0 ? window.toHours() + " 小时"
                : window.toMinutes() + " 分钟";
    }

    private void resolve(EscalationEvent.Resolved r) {
        Jdbc.inTransaction(dataSource, "resolving escalation of " + r.enterpriseId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE escalations SET resolved_at = ? WHERE enterprise_id = ?"
                    + " AND resolved_at IS NULL AND " + (r.category() == null ? "category IS NULL" : "category = ?"))) {
                ps.setObject(1, Jdbc.toDb(r.resolvedAt()));
                ps.setString(2, r.enterpriseId());
                if (r.category() != null) {
                    ps.setString(3, r.category().code());
                }
                return ps.executeUpdate();
            }
        });
    }

    /** The newest escalations first. */
    public List<Escalation> recent(int limit) {
        return Jdbc.query(dataSource, "reading escalations", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, enterprise_id, enterprise_name, category, item_count,"
                    + " expected, p_value, sources, window_minutes, since, fired_at, resolved_at FROM escalations"
                    + " ORDER BY fired_at DESC, id DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")) {
                ps.setInt(1, Math.max(1, limit));
                List<Escalation> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String cat = rs.getString("category");
                        out.add(new Escalation(rs.getLong("id"), rs.getString("enterprise_id"), rs.getString("enterprise_name"),
                                cat == null ? null : RiskCategory.fromCode(cat), rs.getInt("item_count"), rs.getDouble("expected"),
                                rs.getDouble("p_value"), rs.getInt("sources"), Duration.ofMinutes(rs.getInt("window_minutes")),
                                Jdbc.instant(rs, "since"), Jdbc.instant(rs, "fired_at"), Jdbc.instant(rs, "resolved_at")));
                    }
                }
                return out;
            }
        });
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
    }
}
