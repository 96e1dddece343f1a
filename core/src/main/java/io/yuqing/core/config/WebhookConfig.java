package io.yuqing.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A chat group or endpoint that also receives a desk's alerts.
 *
 * @param url    the robot or endpoint URL; for robots it carries the access token or key, so treat it as a secret
 * @param secret DingTalk signing secret (加签, starts with SEC); empty when unused. Only dingtalk signs.
 */
public record WebhookConfig(Kind kind, String url, String secret) {

    public enum Kind {
        /** Plain JSON for any receiver. */
        JSON,
        /** DingTalk (钉钉) group robot. */
        DINGTALK,
        /** WeCom (企业微信) group robot. */
        WECOM;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Kind parse(String text) {
            if (text == null) {
                throw new IllegalArgumentException("webhook kind is required (json, dingtalk or wecom)");
            }
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "dingtalk", "钉钉" -> DINGTALK;
                case "wecom", "企业微信", "wechat-work" -> WECOM;
                default -> throw new IllegalArgumentException("unknown webhook kind '" + text
                        + "' (expected json, dingtalk or wecom)");
            };
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WebhookConfig {
        if (kind == null) {
            throw new IllegalArgumentException("webhook kind is required (json, dingtalk or wecom)");
        }
        url = url == null ? "" : url.strip();
        if (!(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException(kind.code() + " webhook: url must be an absolute http(s) URL, not '"
                    + url + "'");
        }
        try {
            URI parsed = new URI(url);
            if (parsed.getHost() == null || parsed.getHost().isBlank()) {
                throw new IllegalArgumentException(kind.code() + " webhook: url '" + url + "' has no host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(kind.code() + " webhook: url is not a valid URL: " + e.getMessage());
        }
        secret = secret == null ? "" : secret.strip();
        if (!secret.isEmpty() && kind != Kind.DINGTALK) {
            throw new IllegalArgumentException(kind.code() + " webhook: only dingtalk webhooks take a secret");
        }
    }

    /** The URL without query or user info, fit for logs and the console (robot tokens live in the query). */
    public String redactedUrl() {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    @Override
    public String toString() {
        // Keeps tokens and secrets out of logs and error messages.
        return "WebhookConfig[kind=" + kind.code() + ", url=" + redactedUrl() + ", secret="
                + (secret.isEmpty() ? "none" : "***") + "]";
    }
}
