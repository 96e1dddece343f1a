package io.yuqing.alerting.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.alerting.outbox.SendResult;
import io.yuqing.core.model.RiskCategory;

import java.net.URI;
import java.time.Duration;

/**
 * Posts the message as plain JSON for any receiver (ticketing, a gateway, a script):
 * {@code {"key","kind","headline","alertId","level","levelLabel","enterprise","title","categories":[...],"url",
 * "consoleLink","raisedAt","facts":[{"label","value"}]}}; {@code kind} is alert, reminder, escalation or digest.
 * Values are raw strings, JSON-encoded: the receiver escapes for wherever it shows them.
 */
public final class GenericJsonWebhookSender implements WebhookSender {
    private final URI endpoint;
    private final JsonPost post;

    public GenericJsonWebhookSender(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.post = new JsonPost(timeout);
    }

    @Override
    public SendResult send(WebhookMessage m) {
        ObjectNode json = JsonPost.JSON.createObjectNode();
        json.put("key", m.key());
        json.put("kind", m.kind().code());
        json.put("headline", m.headline());
        json.put("alertId", m.alertId());
        json.put("level", m.level().code());
        json.put("levelLabel", m.level().label());
        json.put("enterprise", m.enterpriseName());
        json.put("title", m.title());
        var categories = json.putArray("categories");
        for (RiskCategory c : m.categories()) {
            categories.add(c.code());
        }
        json.put("url", m.url());
        json.put("consoleLink", m.consoleLink());
        json.put("raisedAt", m.raisedAt().toString());
        var facts = json.putArray("facts");
        for (WebhookMessage.Fact f : m.facts()) {
            facts.addObject().put("label", f.label()).put("value", f.value());
        }
        try {
            return post.post(endpoint, JsonPost.JSON.writeValueAsString(json), m.key(), null);
        } catch (JsonProcessingException e) {
            return new SendResult.Failed("could not encode the webhook JSON: " + e.getOriginalMessage(), false);
        }
    }
}
