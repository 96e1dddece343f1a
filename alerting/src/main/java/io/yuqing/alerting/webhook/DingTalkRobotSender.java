package io.yuqing.alerting.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.alerting.outbox.SendResult;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * DingTalk (钉钉) group robot, markdown message. With a signing secret (加签) each request carries {@code timestamp}
 * (epoch milliseconds) and {@code sign} = URL-encoded Base64(HmacSHA256(key = secret, data = timestamp + "\n" +
 * secret)), as DingTalk documents; DingTalk rejects timestamps more than an hour off, so the clock must be real.
 */
public final class DingTalkRobotSender implements WebhookSender {
    /** 130101: sending too fast; -1: system busy. Everything else (bad token, keyword, sign, IP) is permanent. */
    static final Set<Long> RETRYABLE_ERRCODES = Set.of(130101L, -1L);

    private final URI webhook;
    private final String secret;
    private final Clock clock;
    private final JsonPost post;

    /**
     * @param webhook the robot URL with its {@code access_token} query parameter
     * @param secret  the robot's signing secret (starts with SEC), or empty when the robot uses keywords or IPs
     */
    public DingTalkRobotSender(URI webhook, String secret, Clock clock, Duration timeout) {
        this.webhook = webhook;
        this.secret = secret == null ? "" : secret.strip();
        this.clock = clock;
        this.post = new JsonPost(timeout);
    }

    @Override
    public SendResult send(WebhookMessage m) {
        ObjectNode json = JsonPost.JSON.createObjectNode();
        json.put("msgtype", "markdown");
        ObjectNode markdown = json.putObject("markdown");
        markdown.put("title", AlertMarkdown.headline(m));
        markdown.put("text", AlertMarkdown.body(m));
        URI target;
        try {
            target = secret.isEmpty() ? webhook : signed(webhook, secret, clock.millis());
        } catch (GeneralSecurityException e) {
            return new SendResult.Failed("cannot sign the DingTalk request: " + e.getMessage(), false);
        }
        try {
            return post.post(target, JsonPost.JSON.writeValueAsString(json), m.key(), RETRYABLE_ERRCODES);
        } catch (JsonProcessingException e) {
            return new SendResult.Failed("could not encode the DingTalk message: " + e.getOriginalMessage(), false);
        }
    }

    static String sign(long timestamp, String secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }

    static URI signed(URI webhook, String secret, long timestamp) throws GeneralSecurityException {
        String s = webhook.toString();
        String params = "timestamp=" + timestamp + "&sign=" + URLEncoder.encode(sign(timestamp, secret),
                StandardCharsets.UTF_8);
        return URI.create(s + (webhook.getRawQuery() == null ? "?" : "&") + params);
    }
}
