package io.yuqing.alerting.webhook;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.mail.AlertMailRenderer;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a webhook tells a chat group: one alert, a reminder about an unacknowledged alert, an escalation, or a desk's
 * daily digest. Enterprise name, title, URL and fact values may be crawled text: each sender escapes them for its
 * format. Fact labels are ours.
 *
 * @param key            unique per intended message, e.g. {@code alert:42:webhook:dingtalk}, for idempotent receivers
 * @param kind           what the message is about; decides its heading
 * @param alertId        the alert, or 0 when the message is not about one alert (escalations, digests)
 * @param enterpriseName the enterprise, or empty for a digest
 * @param consoleLink    where staff act on it (ours, trusted)
 * @param facts          further lines shown after the standard ones, in order
 */
public record WebhookMessage(String key, Kind kind, long alertId, RiskLevel level, String enterpriseName, String title,
                             List<RiskCategory> categories, String url, String consoleLink, Instant raisedAt,
                             List<Fact> facts) {
    /** What a message is about. */
    public enum Kind {
        ALERT("alert"), REMINDER("reminder"), ESCALATION("escalation"), DIGEST("digest");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Kind fromCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown webhook message kind '" + code + "'");
        }
    }

    /** One labelled line: the label is ours, the value may be crawled and is escaped by the sender. */
    public record Fact(String label, String value) {
        public Fact {
            Objects.requireNonNull(label, "label");
            value = value == null ? "" : value;
        }
    }

    public WebhookMessage {
        Objects.requireNonNull(kind, "kind");
        categories = List.copyOf(categories);
        facts = List.copyOf(facts);
        enterpriseName = enterpriseName == null ? "" : enterpriseName;
        title = title == null ? "" : title;
        url = url == null ? "" : url;
    }

    /** An alert message, as item alerts have always been sent. */
    public WebhookMessage(String key, long alertId, RiskLevel level, String enterpriseName, String title,
                          List<RiskCategory> categories, String url, String consoleLink, Instant raisedAt) {
        this(key, Kind.ALERT, alertId, level, enterpriseName, title, categories, url, consoleLink, raisedAt, List.of());
    }

    public static WebhookMessage from(Alert alert, String consoleBaseUrl, String channel) {
        return new WebhookMessage("alert:" + alert.id() + ":webhook:" + channel, alert.id(), alert.level(),
                alert.enterpriseName(), alert.title(), alert.categories(), alert.url(),
                new AlertMailRenderer(consoleBaseUrl).consoleLink(alert.id()), alert.createdAt());
    }

    /** The same alert as a reminder ("still unacknowledged"), under its own key. */
    public static WebhookMessage reminder(String key, Alert alert, String consoleLink, Instant now, String waited) {
        return new WebhookMessage(key, Kind.REMINDER, alert.id(), alert.level(), alert.enterpriseName(), alert.title(),
                alert.categories(), alert.url(), consoleLink, now, List.of(new Fact("未确认时长", waited),
                new Fact("首次预警", AlertMarkdown.time(alert.createdAt()))));
    }

    /**
     * The plain one-line heading, unescaped (for previews and the outbox's subject column), e.g.
     * {@code 【黄色预警】青州云帆科技有限公司} or {@code 【事件升级】青州云帆科技有限公司}.
     */
    public String headline() {
        return switch (kind) {
            case ALERT -> "【" + level.label() + "】" + enterpriseName;
            case REMINDER -> "【" + level.label() + "·未确认提醒】" + enterpriseName;
            case ESCALATION -> "【事件升级】" + enterpriseName;
            case DIGEST -> "【舆情日报】" + title;
        };
    }
}
