package io.yuqing.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.alerting.mail.AlertMailRenderer;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.model.Document;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns scored documents into alerts: one per (document, risk enterprise), routed to desks, with one outbox mail
 * per routed desk written in the same transaction. The unique (document_id, enterprise_id) key makes processing
 * idempotent across re-crawls, restarts and concurrent callers.
 */
public final class AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    static final String SYSTEM_ACTOR = "system";

    private final DataSource ds;
    private final List<DeskConfig> desks;
    private final AlertMailRenderer renderer;
    private final Clock clock;
    private final Map<RiskLevel, Counter> raised = new EnumMap<>(RiskLevel.class);

    public AlertService(DataSource ds, List<DeskConfig> desks, String consoleBaseUrl, Clock clock, MeterRegistry meters) {
        this.ds = ds;
        this.desks = List.copyOf(desks);
        this.renderer = new AlertMailRenderer(consoleBaseUrl);
        this.clock = clock;
        for (RiskLevel level : RiskLevel.values()) {
            if (level != RiskLevel.NONE) {
                raised.put(level, Counter.builder("yuqing.alerts.raised").tag("level", level.code())
                        .description("alerts raised, by warning level").register(meters));
            }
        }
    }

    /** Creates the alerts this document calls for; returns only those newly created (none on a repeat). */
    public List<Alert> process(ScoredDocument doc) {
        RiskAssessment risk = doc.risk();
        if (!risk.level().atLeast(RiskLevel.BLUE)) {
            return List.of();
        }
        Map<String, Mention> mentioned = new LinkedHashMap<>();
        for (Mention m : doc.mentions()) {
            mentioned.putIfAbsent(m.enterpriseId(), m);
        }
        List<DeskConfig> routed = desks.stream().filter(d -> d.accepts(risk.categories(), risk.level())).toList();
        List<Alert> created = new ArrayList<>();
        for (String enterpriseId : new LinkedHashSet<>(risk.riskEntities())) {
            Mention mention = mentioned.get(enterpriseId);
            if (mention == null) {
                log.debug("document {}: risk entity {} is not among its mentions, no alert", doc.document().id(),
                        enterpriseId);
                continue;
            }
            createIfNew(doc.document(), mention, risk, routed).ifPresent(created::add);
        }
        return List.copyOf(created);
    }

    private Optional<Alert> createIfNew(Document doc, Mention mention, RiskAssessment risk, List<DeskConfig> routed) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection c = ds.getConnection()) {
            if (exists(c, doc.id(), mention.enterpriseId())) {
                return Optional.empty();
            }
            c.setAutoCommit(false);
            try {
                Alert alert = insert(c, doc, mention, risk, routed, now);
                AuditLog.write(c, alert.id(), SYSTEM_ACTOR, "raise", null, AlertStatus.NEW,
                        alert.level().label() + "，分发至：" + (routed.isEmpty() ? "无" : String.join("、",
                                routed.stream().map(DeskConfig::name).toList())), now);
                RenderedMail rendered = renderer.render(alert);
                for (DeskConfig desk : routed) {
                    if (desk.recipients().isEmpty()) {
                        log.warn("desk {} has no recipients: alert {} is in the console only", desk.id(), alert.id());
                        continue;
                    }
                    Outbox.enqueue(c, new OutgoingMail("alert:" + alert.id() + ":desk:" + desk.id(),
                            desk.recipients(), rendered.subject(), rendered.htmlBody(), rendered.textBody()), now);
                }
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
                                List<DeskConfig> routed, Instant now) throws SQLException {
        List<String> deskIds = routed.stream().map(DeskConfig::id).toList();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (document_id, enterprise_id,"
                + " enterprise_name, title, url, source_id, score, level, categories, evidence, desk_ids, status,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
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
