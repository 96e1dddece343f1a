package io.yuqing.alerting.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.alerting.outbox.SendResult;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * WeCom (企业微信) group robot, markdown message: {@code {"msgtype":"markdown","markdown":{"content":...}}}. The robot
 * key in the URL is the only credential.
 */
public final class WeComRobotSender implements WebhookSender {
    /** 45009: API frequency limit; -1: system busy. Everything else (bad key, bad content) is permanent. */
    static final Set<Long> RETRYABLE_ERRCODES = Set.of(45009L, -1L);

    private final URI webhook;
    private final JsonPost post;

    /** @param webhook the robot URL with its {@code key} query parameter */
    public WeComRobotSender(URI webhook, Duration timeout) {
        this.webhook = webhook;
        this.post = new JsonPost(timeout);
    }

    @Override
    public SendResult send(WebhookMessage m) {
        String content = AlertMarkdown.body(m);
        ObjectNode json = JsonPost.JSON.createObjectNode();
        json.put("msgtype", "markdown");
        json.putObject("markdown").put("content", content);
        try {
            return post.post(webhook, JsonPost.JSON.writeValueAsString(json), m.key(), RETRYABLE_ERRCODES);
        } catch (JsonProcessingException e) {
            return new SendResult.Failed("could not encode the WeCom message: " + e.getOriginalMessage(), false);
        }
    }
}
