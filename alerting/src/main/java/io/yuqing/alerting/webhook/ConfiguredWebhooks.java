package io.yuqing.alerting.webhook;

import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.WebhookConfig;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desks' webhooks as configured, one sender each (built once: each holds its HTTP client). A row's target is
 * found by its fingerprint among its desk's webhooks: a reordered list still finds it, and a row never goes to a
 * webhook whose URL was changed after the row was written. Secrets are read from the config, never from the row.
 */
public final class ConfiguredWebhooks implements WebhookDirectory {
    private final Map<String, List<WebhookConfig>> byDesk = new HashMap<>();
    private final Map<String, WebhookSender> byFingerprint = new HashMap<>();

    /**
     * @param clock   dates DingTalk signatures; DingTalk refuses timestamps an hour off, so use the real clock
     * @param timeout connect and response timeout of each post
     */
    public ConfiguredWebhooks(List<DeskConfig> desks, Clock clock, Duration timeout) {
        for (DeskConfig desk : desks) {
            byDesk.put(desk.id(), desk.webhooks());
            for (WebhookConfig w : desk.webhooks()) {
                byFingerprint.computeIfAbsent(WebhookTarget.fingerprint(w), f -> senderOf(w, clock, timeout));
            }
        }
    }

    private static WebhookSender senderOf(WebhookConfig w, Clock clock, Duration timeout) {
        URI uri = URI.create(w.url());
        return switch (w.kind()) {
            case JSON -> new GenericJsonWebhookSender(uri, timeout);
            case DINGTALK -> new DingTalkRobotSender(uri, w.secret(), clock, timeout);
            case WECOM -> new WeComRobotSender(uri, timeout);
        };
    }

    @Override
    public Optional<WebhookSender> senderFor(WebhookTarget target) {
        List<WebhookConfig> webhooks = byDesk.getOrDefault(target.deskId(), List.of());
        boolean stillThere = webhooks.stream().anyMatch(w -> w.kind() == target.kind()
                && WebhookTarget.fingerprint(w).equals(target.fingerprint()));
        return stillThere ? Optional.ofNullable(byFingerprint.get(target.fingerprint())) : Optional.empty();
    }
}
