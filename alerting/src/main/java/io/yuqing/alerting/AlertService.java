package io.yuqing.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.alerting.mail.AlertMailRenderer;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.alerting.outbox.OutgoingWebhook;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.alerting.routing.AlertGroups;
import io.yuqing.alerting.routing.AlertLabels;
import io.yuqing.alerting.routing.RoutingTree;
import io.yuqing.alerting.rules.DatabaseItemHistory;
import io.yuqing.alerting.rules.Firing;
import io.yuqing.alerting.rules.RuleEngine;
import io.yuqing.alerting.silence.Silence;
import io.yuqing.alerting.silence.SilenceService;
import io.yuqing.alerting.suppression.EvidencePattern;
import io.yuqing.alerting.suppression.FalsePositiveSuppressions;
import io.yuqing.alerting.webhook.WebhookMessage;
import io.yuqing.alerting.webhook.WebhookTarget;
import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.RoutingConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns scored documents into alerts: the enabled rules (item threshold, new category, spread, keyword watch) decide
 * which enterprises of a document get an alert and at which level — one per (document, enterprise), at the highest
 * level any rule gave. The routing tree sends each alert to desks: a per-alert route writes one outbox mail per desk
 * and one outbox webhook post per webhook of the desk in the same transaction; a grouping route adds the alert to its
 * group, whose one notification {@link #notifyGroups()} sends later. The unique (document_id, enterprise_id) key makes
 * processing idempotent across re-crawls, restarts and concurrent callers.
 *
 * <p>Before mailing: an enterprise-and-evidence pattern marked as a false positive raises no alert at all; an
 * active silence or an open escalation of the enterprise keeps the alert but sends no mail; quiet hours delay
 * mails of low levels until morning.
 */
public final class AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    static final String SYSTEM_ACTOR = "system";

    private final DataSource ds;
    private final List<DeskConfig> desks;
    private final AlertMailRenderer renderer;
    private final Clock clock;
    private final QuietHours quietHours;
    private final Predicate<String> enterpriseEscalated;
    private final RedRenotifier renotifier;
    private final RuleEngine rules;
    private final DatabaseItemHistory history;
    /** The longest look-back of any configured rule: rule history younger than this is kept whatever the retention. */
    private final java.time.Duration ruleLookBack;
    private final Map<String, Map<String, String>> ruleLabels = new LinkedHashMap<>();
    private final RoutingTree routing;
    private final Function<String, Optional<Enterprise>> enterprises;
    private final GroupNotifier groups;
    private final Map<RiskLevel, Counter> raised = new EnumMap<>(RiskLevel.class);
    private final Counter suppressed;

    /**
     * @param enterpriseEscalated whether an enterprise has an open escalation (its escalation mail covers item-level
     *                            alerts, which are then stored but not mailed one by one)
     */
    public AlertService(DataSource ds, List<DeskConfig> desks, String consoleBaseUrl, AlertingConfig alerting,
                        Clock clock, MeterRegistry meters, Predicate<String> enterpriseEscalated) {
        this(ds, desks, consoleBaseUrl, alerting, clock, meters, enterpriseEscalated,
                List.of(YuqingConfig.defaultItemRule()));
    }

    /**
     * @param rules the configured alert rules; the enabled per-item ones decide which items raise alerts and at which
     *              level (source-silent rules are the {@code SourceSilenceMonitor}'s)
     */
    public AlertService(DataSource ds, List<DeskConfig> desks, String consoleBaseUrl, AlertingConfig alerting,
                        Clock clock, MeterRegistry meters, Predicate<String> enterpriseEscalated,
                        List<AlertRuleConfig> rules) {
        this(ds, desks, consoleBaseUrl, alerting, clock, meters, enterpriseEscalated, rules, RoutingConfig.defaults(),
                enterpriseId -> Optional.empty());
    }

    /**
     * @param routingConfig the routing tree; without routes the desks' categories and minLevel route, one mail per alert
     * @param enterprises   the watchlist entry of an enterprise id, for the district and industry labels
     */
    public AlertService(DataSource ds, List<DeskConfig> desks, String consoleBaseUrl, AlertingConfig alerting,
                        Clock clock, MeterRegistry meters, Predicate<String> enterpriseEscalated,
                        List<AlertRuleConfig> rules, RoutingConfig routingConfig,
                        Function<String, Optional<Enterprise>> enterprises) {
        this.ds = ds;
        this.rules = RuleEngine.enabled(rules);
        rules.forEach(r -> ruleLabels.put(r.id(), r.labels()));
        this.history = new DatabaseItemHistory(ds);
        this.ruleLookBack = rules.stream().map(io.yuqing.alerting.rules.RuleReplay::lookBack)
                .max(java.time.Duration::compareTo).orElse(java.time.Duration.ZERO);
        this.routing = RoutingTree.of(routingConfig, desks);
        this.enterprises = enterprises;
        this.groups = new GroupNotifier(ds, desks, consoleBaseUrl, new QuietHours(alerting.quietHours(), alerting.zone()),
                clock, meters);
        this.desks = List.copyOf(desks);
        this.renderer = new AlertMailRenderer(consoleBaseUrl);
        this.clock = clock;
        this.quietHours = new QuietHours(alerting.quietHours(), alerting.zone());
        this.enterpriseEscalated = enterpriseEscalated;
        this.renotifier = new RedRenotifier(ds, this.desks, renderer, alerting, clock, enterpriseEscalated, groups);
        for (RiskLevel level : RiskLevel.values()) {
            if (level != RiskLevel.NONE) {
                raised.put(level, Counter.builder("yuqing.alerts.raised").tag("level", level.code())
                        .description("alerts raised, by warning level").register(meters));
            }
        }
        this.suppressed = Counter.builder("yuqing.alerts.suppressed")
                .description("alerts not raised because staff marked the same pattern a false positive")
                .register(meters);
    }

    /** No escalation hook: every alert is mailed unless silenced. */
    public AlertService(DataSource ds, List<DeskConfig> desks, String consoleBaseUrl, AlertingConfig alerting,
                        Clock clock, MeterRegistry meters) {
        this(ds, desks, consoleBaseUrl, alerting, clock, meters, enterpriseId -> false);
    }

    /** Default follow-up settings (no quiet hours, red re-notification after 30m without extra recipients). */
    public AlertService(DataSource ds, List<DeskConfig> desks, String consoleBaseUrl, Clock clock, MeterRegistry meters) {
        this(ds, desks, consoleBaseUrl, new AlertingConfig(Duration.ofSeconds(30), 8), clock, meters);
    }

    /** Read access to the alerts this service writes. */
    /**
     * Retention of the rules' history ({@code rule_items}): forgets items older than {@code retentionCutoff}, but
     * never within the longest look-back of a configured rule (enabled or not: a new-category rule quiet for a year
     * needs a year of history whatever the index keeps). Returns the rows removed. Alerts are never removed.
     */
    public int forgetRuleHistoryBefore(java.time.Instant retentionCutoff) {
        java.time.Instant lookBackStart = clock.instant().minus(ruleLookBack);
        return history.forgetBefore(retentionCutoff.isBefore(lookBackStart) ? retentionCutoff : lookBackStart);
    }

    public AlertQueries queries() {
        return new AlertQueries(ds);
    }

    /** Creates the alerts this document calls for; returns only those newly created (none on a repeat). */
    public List<Alert> process(ScoredDocument doc) {
        return process(doc, doc.document().id(), Set.of());
    }

    /**
     * Evaluates the rules on the document and creates the alerts they call for: one per enterprise, at the highest
     * level any rule gave it. Returns only those newly created (none on a repeat).
     *
     * @param clusterId the document's repost cluster (its own id when it is not a repost), for spread rules
     * @param covered   enterprises whose story already has an open alert (raised in level instead): remembered for
     *                  the rules' history, but no new alert
     */
    public List<Alert> process(ScoredDocument doc, String clusterId, Set<String> covered) {
        List<Firing> firings = rules.evaluate(doc, clusterId, history);
        // Remembered whatever rules are on, so a new-category or spread rule enabled later starts with its history.
        RuleEngine.remember(doc, clusterId, history);
        if (firings.isEmpty()) {
            return List.of();
        }
        Map<String, Mention> mentioned = new LinkedHashMap<>();
        for (Mention m : doc.mentions()) {
            mentioned.putIfAbsent(m.enterpriseId(), m);
        }
        Map<String, List<Firing>> byEnterprise = new LinkedHashMap<>();
        for (Firing f : firings) {
            if (!covered.contains(f.enterpriseId())) {
                byEnterprise.computeIfAbsent(f.enterpriseId(), k -> new ArrayList<>()).add(f);
            }
        }
        RiskAssessment risk = doc.risk();
        List<Alert> created = new ArrayList<>();
        for (Map.Entry<String, List<Firing>> e : byEnterprise.entrySet()) {
            Mention mention = mentioned.get(e.getKey());
            RiskLevel level = e.getValue().stream().map(Firing::level).max(Comparator.naturalOrder()).orElseThrow();
            RiskAssessment asAlerted = new RiskAssessment(risk.score(), level, risk.categories(), risk.evidence(),
                    risk.riskEntities());
            Map<String, String> labels = new LinkedHashMap<>();
            e.getValue().forEach(f -> f.labels().forEach(labels::putIfAbsent));
            AlertLabels alertLabels = AlertLabels.of(0, level, risk.categories(), e.getKey(), doc.document().sourceId(),
                    e.getValue().stream().map(Firing::ruleId).distinct().toList(), labels, enterprises.apply(e.getKey()));
            createIfNew(doc.document(), mention, asAlerted, alertLabels, e.getValue()).ifPresent(created::add);
        }
        return List.copyOf(created);
    }

    /**
     * Notifies a second time every red alert still unacknowledged {@code alerting.redRenotifyAfter} after it was raised:
     * each desk it was routed to, through the group holding it where the route grouped it, and the escalation
     * recipients; once per alert. The app calls this on a schedule.
     */
    public List<Alert> renotifyDue() {
        return renotifier.renotifyDue();
    }

    /**
     * Raises an open alert to a higher level because its story grew (reposted on more sites), and notifies the desks
     * routed at the new level once, instead of raising a new alert for every repost. Returns the alert as raised, or
     * empty when it is closed, already at that level or higher, or gone.
     */
    public Optional<Alert> raiseLevel(long alertId, RiskLevel newLevel, String reason) {
        Instant now = Jdbc.truncate(clock.instant());
        return Jdbc.inTransaction(ds, "raising alert " + alertId + " to " + newLevel.code(), c -> {
            Optional<Alert> found;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS + " FROM alerts WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, alertId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    found = rs.next() ? Optional.of(AlertRows.map(rs)) : Optional.empty();
                }
            }
            if (found.isEmpty() || !found.get().status().open() || found.get().level().atLeast(newLevel)) {
                return Optional.<Alert>empty();
            }
            Alert before = found.get();
            List<String> ruleIds = ruleIdsOf(c, alertId);
            Map<String, String> labels = new LinkedHashMap<>();
            ruleIds.forEach(id -> ruleLabels.getOrDefault(id, Map.of()).forEach(labels::putIfAbsent));
            AlertLabels raisedLabels = AlertLabels.of(alertId, newLevel, before.categories(), before.enterpriseId(),
                    before.sourceId(), ruleIds, labels, enterprises.apply(before.enterpriseId()));
            List<RoutingTree.Destination> routed = routing.route(raisedLabels);
            LinkedHashSet<String> deskIds = new LinkedHashSet<>(before.deskIds());
            routed.forEach(d -> deskIds.add(d.desk().id()));
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET level = ?, desk_ids = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, newLevel.code());
                ps.setString(2, AlertRows.join(List.copyOf(deskIds)));
                ps.setObject(3, Jdbc.toDb(now));
                ps.setLong(4, alertId);
                ps.executeUpdate();
            }
            Alert raisedAlert = AlertRows.find(c, alertId).orElseThrow();
            AuditLog.write(c, alertId, SYSTEM_ACTOR, "level_raised", null, null,
                    before.level().label() + " → " + newLevel.label() + "：" + reason, now);
            boolean escalated = enterpriseEscalated.test(before.enterpriseId());
            Alert result = mail(c, raisedAlert, raisedLabels, routed, escalated, now, ":level:" + newLevel.code(), "【预警升级】");
            raised.get(newLevel).increment();
            log.info("alert {} raised from {} to {}: {}", alertId, before.level().code(), newLevel.code(), reason);
            return Optional.of(result);
        });
    }

    private Optional<Alert> createIfNew(Document doc, Mention mention, RiskAssessment risk, AlertLabels labels,
                                        List<Firing> firings) {
        List<RoutingTree.Destination> routed = routing.route(labels);
        Instant now = Jdbc.truncate(clock.instant());
        // Asked before the transaction: the hook may read the app's own tables.
        boolean escalated = enterpriseEscalated.test(mention.enterpriseId());
        EvidencePattern pattern = EvidencePattern.of(risk.evidence());
        try (Connection c = ds.getConnection()) {
            if (exists(c, doc.id(), mention.enterpriseId())) {
                return Optional.empty();
            }
            c.setAutoCommit(false);
            try {
                Optional<FalsePositiveSuppressions.Active> fp =
                        FalsePositiveSuppressions.activeFor(c, mention.enterpriseId(), pattern, now);
                if (fp.isPresent()) {
                    AuditLog.write(c, null, SYSTEM_ACTOR, "suppressed", null, null, "文档 " + doc.id() + "（"
                            + doc.title() + "）涉及 " + mention.name() + "：证据（" + pattern.pattern()
                            + "）与误报预警 #" + fp.get().alertId() + " 相同，至 " + fp.get().until()
                            + " 不再预警", now);
                    c.commit();
                    suppressed.increment();
                    log.info("document {} for {}: suppressed by false positive alert {}", doc.id(),
                            mention.enterpriseId(), fp.get().alertId());
                    return Optional.empty();
                }
                Alert alert = insert(c, doc, mention, risk, routed, firings, now);
                AuditLog.write(c, alert.id(), SYSTEM_ACTOR, "raise", null, AlertStatus.NEW,
                        alert.level().label() + "，分发至：" + (routed.isEmpty() ? "无" : String.join("、",
                                routed.stream().map(d -> d.desk().name()).toList())) + "；规则："
                                + String.join("；", firings.stream().map(f -> f.ruleId() + "（" + f.reason() + "）").toList()), now);
                alert = mail(c, alert, labels.withAlert(alert.id()), routed, escalated, now);
                c.commit();
                raised.get(alert.level()).increment();
                log.info("alert {} raised: {} {} on document {} for desks {}", alert.id(), alert.level().code(),
                        alert.enterpriseId(), alert.documentId(), alert.deskIds());
                return Optional.of(alert);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                // A concurrent caller inserted the same alert first: that is the idempotency working, not an error.
                if (e instanceof SQLException sql && Jdbc.isUniqueViolation(sql)
                        && exists(c, doc.id(), mention.enterpriseId())) {
                    return Optional.empty();
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new AlertingDatabaseException("raising alert for document " + doc.id() + " and enterprise "
                    + mention.enterpriseId() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Enqueues the desks' mails and webhook posts unless held back (silences, escalation inhibition and quiet hours
     * treat both alike); audits what was held and why. Returns the alert as stored.
     */
    private Alert mail(Connection c, Alert alert, AlertLabels labels, List<RoutingTree.Destination> routed,
                       boolean escalated, Instant now) throws SQLException {
        return mail(c, alert, labels, routed, escalated, now, "", "");
    }

    /**
     * A route that groups (group_by other than the alert alone, a group wait or a repeat interval) puts the alert into
     * its group instead, whose notification {@link #notifyGroups()} sends; a raised level is always notified at once.
     *
     * @param keySuffix     distinguishes a later notification of the same alert (a raised level) from the first
     * @param subjectPrefix put before the rendered subject, e.g. 【预警升级】
     */
    private Alert mail(Connection c, Alert alert, AlertLabels labels, List<RoutingTree.Destination> routed,
                       boolean escalated, Instant now, String keySuffix, String subjectPrefix) throws SQLException {
        if (escalated) {
            if (!routed.isEmpty()) {
                AuditLog.write(c, alert.id(), SYSTEM_ACTOR, "inhibited", null, null,
                        "该企业已升级预警，单条预警邮件不再发送（由升级预警邮件统一通报）", now);
            }
            return alert;
        }
        List<Silence> silences = SilenceService.activeAt(c, now);
        Instant release = quietHours.releaseAt(alert.level(), now);
        RenderedMail rendered = null;
        Long silencedBy = null;
        List<String> silencedDesks = new ArrayList<>();
        boolean delayed = false;
        List<String> grouped = new ArrayList<>();
        for (RoutingTree.Destination destination : routed) {
            DeskConfig desk = destination.desk();
            Optional<Silence> silence = silences.stream().filter(s -> s.matchers().matches(alert.enterpriseId(),
                    alert.categories(), alert.level(), desk.id(), alert.sourceId())).findFirst();
            if (silence.isPresent()) {
                silencedBy = silencedBy == null ? silence.get().id() : silencedBy;
                silencedDesks.add(desk.name() + "（静默 #" + silence.get().id() + "）");
                continue;
            }
            if (desk.recipients().isEmpty() && desk.webhooks().isEmpty()) {
                log.warn("desk {} has no recipients and no webhooks: alert {} is in the console only", desk.id(),
                        alert.id());
                continue;
            }
            if (keySuffix.isEmpty() && !destination.route().immediatePerAlert()) {
                AlertGroups.add(c, destination.route(), desk.id(), labels.groupKey(destination.route().groupBy()),
                        alert.id(), now);
                grouped.add(desk.name());
                continue;
            }
            String deskKey = "alert:" + alert.id() + keySuffix + ":desk:" + desk.id();
            if (!desk.recipients().isEmpty()) {
                if (rendered == null) {
                    RenderedMail plain = renderer.render(alert);
                    rendered = new RenderedMail(subjectPrefix + plain.subject(), plain.htmlBody(), plain.textBody());
                }
                Outbox.enqueue(c, new OutgoingMail(deskKey, desk.recipients(), rendered.subject(),
                        rendered.htmlBody(), rendered.textBody()), now, release);
            }
            for (int i = 0; i < desk.webhooks().size(); i++) {
                String key = deskKey + ":webhook:" + i;
                Outbox.enqueue(c, new OutgoingWebhook(key, WebhookTarget.of(desk.id(), i, desk.webhooks().get(i)),
                        webhookMessage(key, alert)), now, release);
            }
            delayed |= release.isAfter(now);
        }
        if (!grouped.isEmpty()) {
            AuditLog.write(c, alert.id(), SYSTEM_ACTOR, "grouped", null, null,
                    "并入分组通知：" + String.join("、", grouped), now);
        }
        if (delayed) {
            AuditLog.write(c, alert.id(), SYSTEM_ACTOR, "quiet_hours", null, null,
                    "夜间免打扰：邮件延至 " + release + " 发送", now);
        }
        if (silencedBy == null) {
            return alert;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET silenced_by = ? WHERE id = ?")) {
            ps.setLong(1, silencedBy);
            ps.setLong(2, alert.id());
            ps.executeUpdate();
        }
        AuditLog.write(c, alert.id(), SYSTEM_ACTOR, "silenced", null, null,
                "静默中，未发邮件：" + String.join("、", silencedDesks), now);
        return new Alert(alert.id(), alert.documentId(), alert.enterpriseId(), alert.enterpriseName(), alert.title(),
                alert.url(), alert.sourceId(), alert.score(), alert.level(), alert.categories(), alert.evidence(),
                alert.deskIds(), alert.status(), alert.createdAt(), alert.updatedAt(), null, null, silencedBy);
    }

    /**
     * Sends the notifications of alert groups whose group wait, group interval or repeat interval has passed. The app
     * calls this from its delivery loop. Returns the notifications enqueued.
     */
    public int notifyGroups() {
        return groups.flushDue();
    }

    /** The routing tree in force (for the console's routing page). */
    public RoutingTree routing() {
        return routing;
    }

    private static List<String> ruleIdsOf(Connection c, long alertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_ids FROM alerts WHERE id = ?")) {
            ps.setLong(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? AlertRows.split(rs.getString(1)) : List.of();
            }
        }
    }

    private WebhookMessage webhookMessage(String key, Alert alert) {
        return new WebhookMessage(key, alert.id(), alert.level(), alert.enterpriseName(), alert.title(),
                alert.categories(), alert.url(), renderer.consoleLink(alert.id()), alert.createdAt());
    }

    private static boolean exists(Connection c, String documentId, String enterpriseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM alerts WHERE document_id = ? AND enterprise_id = ?")) {
            ps.setString(1, documentId);
            ps.setString(2, enterpriseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Alert insert(Connection c, Document doc, Mention mention, RiskAssessment risk,
                                List<RoutingTree.Destination> routed, List<Firing> firings, Instant now) throws SQLException {
        List<String> deskIds = routed.stream().map(d -> d.desk().id()).toList();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (document_id, enterprise_id,"
                + " enterprise_name, title, url, source_id, score, level, categories, evidence, desk_ids, status,"
                + " created_at, updated_at, rule_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setString(1, doc.id());
            ps.setString(2, mention.enterpriseId());
            ps.setString(3, mention.name());
            ps.setString(4, doc.title());
            ps.setString(5, doc.url());
            ps.setString(6, doc.sourceId());
            ps.setInt(7, risk.score());
            ps.setString(8, risk.level().code());
            ps.setString(9, AlertRows.join(risk.categories().stream().map(RiskCategory::code).toList()));
            ps.setString(10, EvidenceJson.write(risk.evidence()));
            ps.setString(11, AlertRows.join(deskIds));
            ps.setString(12, AlertStatus.NEW.code());
            ps.setObject(13, Jdbc.toDb(now));
            ps.setObject(14, Jdbc.toDb(now));
            ps.setString(15, AlertRows.join(firings.stream().map(Firing::ruleId).distinct().toList()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Alert(keys.getLong(1), doc.id(), mention.enterpriseId(), mention.name(), doc.title(),
                        doc.url(), doc.sourceId(), risk.score(), risk.level(), risk.categories(), risk.evidence(),
                        deskIds, AlertStatus.NEW, now, now);
            }
        }
    }
}
