package io.yuqing.alerting.rules;

import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.config.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.yuqing.core.text.Html.escape;

/**
 * The live side of source-silent rules: on each tick, a source silent for longer than usual gets one system mail to
 * the rule's operators (never to desks). The outbox key names the rule, the source and the last item seen, so one
 * silence is mailed once, across restarts and nodes; the next silence (after new items) is a new mail.
 */
public final class SourceSilenceMonitor {
    private static final Logger log = LoggerFactory.getLogger(SourceSilenceMonitor.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final DataSource ds;
    private final List<AlertRuleConfig.SourceSilent> rules;
    private final SourceActivity activity;
    private final Clock clock;
    private final ZoneId zone;

    /** @param rules the configuration's rules; the enabled source-silent ones are used */
    public SourceSilenceMonitor(DataSource ds, List<AlertRuleConfig> rules, SourceActivity activity, Clock clock,
                                ZoneId zone) {
        this.ds = ds;
        this.rules = rules.stream().filter(AlertRuleConfig::enabled)
                .filter(AlertRuleConfig.SourceSilent.class::isInstance).map(AlertRuleConfig.SourceSilent.class::cast)
                .toList();
        this.activity = activity;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Checks every watched source and enqueues a mail for each new silence.
     *
     * @param configuredSources ids of the configured sources (a rule without sources watches them all)
     * @return the silences newly mailed
     */
    public List<SourceSilenceCheck.Silence> tick(List<String> configuredSources) {
        Instant now = Jdbc.truncate(clock.instant());
        List<SourceSilenceCheck.Silence> mailed = new ArrayList<>();
        for (AlertRuleConfig.SourceSilent rule : rules) {
            for (String sourceId : rule.sources().isEmpty() ? configuredSources : rule.sources()) {
                List<Instant> times;
                try {
                    times = activity.itemTimes(sourceId, now.minus(rule.history()).minus(rule.minSilence()), now);
                } catch (Exception e) {
                    log.warn("source-silent rule {}: item times of {} unavailable, checked next time: {}", rule.id(),
                            sourceId, e.toString());
                    continue;
                }
                SourceSilenceCheck.at(rule, sourceId, times, now).ifPresent(s -> {
                    if (enqueue(rule, s, now)) {
                        mailed.add(s);
                    }
                });
            }
        }
        return mailed;
    }

    private boolean enqueue(AlertRuleConfig.SourceSilent rule, SourceSilenceCheck.Silence s, Instant now) {
        String key = "rule:" + rule.id() + ":source:" + s.sourceId() + ":after:" + s.lastItemAt().getEpochSecond();
        return Jdbc.inTransaction(ds, "mailing the silence of source " + s.sourceId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE idempotency_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            String last = TIME.format(s.lastItemAt().atZone(zone));
            String usual = s.usualGap() == null ? "（历史数据不足）" : Durations.format(s.usualGap());
            String subject = "【系统告警·" + rule.level().label() + "】信息来源 " + s.sourceId() + " 已 "
                    + Durations.format(s.threshold()) + " 以上无新内容";
            String text = "规则 " + rule.id() + "：信息来源 " + s.sourceId() + " 自 " + last + "（" + zone.getId()
                    + "）起没有新的条目。\n通常间隔：" + usual + "；告警阈值：" + Durations.format(s.threshold())
                    + "。\n请检查该来源的网站或采集配置（控制台“信息来源”页面）。\n";
            String html = "<p>规则 <b>" + escape(rule.id()) + "</b>：信息来源 <b>" + escape(s.sourceId()) + "</b> 自 "
                    + escape(last) + "（" + escape(zone.getId()) + "）起没有新的条目。</p><p>通常间隔：" + escape(usual)
                    + "；告警阈值：" + escape(Durations.format(s.threshold()))
                    + "。</p><p>请检查该来源的网站或采集配置（控制台“信息来源”页面）。</p>";
            try {
                Outbox.enqueue(c, new OutgoingMail(key, rule.recipients(), subject, html, text), now);
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false; // another node mailed it first
                }
                throw e;
            }
            AuditLog.write(c, null, "system", "source_silent", null, null, subject, now);
            log.warn("source {} silent since {} (rule {}): operators mailed", s.sourceId(), s.lastItemAt(), rule.id());
            return true;
        });
    }
}
