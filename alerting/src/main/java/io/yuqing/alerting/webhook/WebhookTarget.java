package io.yuqing.alerting.webhook;

import io.yuqing.core.config.WebhookConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which configured webhook an outbox row goes to, without its secrets: the desk, the webhook's position in the desk's
 * list (from 0), its kind, and a fingerprint of kind and URL that tells whether the config still holds the same
 * webhook at send time.
 *
 * @param redactedUrl the URL without query, for logs and the console
 */
public record WebhookTarget(String deskId, int index, WebhookConfig.Kind kind, String fingerprint, String redactedUrl) {

    public static WebhookTarget of(String deskId, int index, WebhookConfig webhook) {
        return new WebhookTarget(deskId, index, webhook.kind(), fingerprint(webhook), webhook.redactedUrl());
    }

    /** Hex SHA-256 of kind and full URL: identifies the webhook without storing its token. */
    public static String fingerprint(WebhookConfig webhook) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((webhook.kind().code() + "\n" + webhook.url()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
