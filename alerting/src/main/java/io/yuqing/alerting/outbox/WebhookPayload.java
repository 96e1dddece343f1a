package io.yuqing.alerting.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.alerting.webhook.WebhookMessage;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link WebhookMessage} as stored in the outbox's payload column. */
final class WebhookPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    static String write(WebhookMessage m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", m.key());
        o.put("kind", m.kind().code());
        o.put("alertId", m.alertId());
        o.put("level", m.level().code());
        o.put("enterpriseName", m.enterpriseName());
        o.put("title", m.title());
        ArrayNode categories = o.putArray("categories");
        m.categories().forEach(c -> categories.add(c.code()));
        o.put("url", m.url());
        o.put("consoleLink", m.consoleLink());
        o.put("raisedAt", m.raisedAt().toString());
        ArrayNode facts = o.putArray("facts");
        m.facts().forEach(f -> facts.addObject().put("label", f.label()).put("value", f.value()));
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always encodes", e);
        }
    }

    /** Throws IllegalArgumentException on a payload this class did not write. */
    static WebhookMessage read(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook payload is not JSON: " + e.getOriginalMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("webhook payload is not a JSON object");
        }
        List<RiskCategory> categories = new ArrayList<>();
        o.path("categories").forEach(c -> categories.add(RiskCategory.fromCode(c.asText())));
        List<WebhookMessage.Fact> facts = new ArrayList<>();
        o.path("facts").forEach(f -> facts.add(new WebhookMessage.Fact(f.path("label").asText(), f.path("value").asText())));
        // Rows written before kinds existed are alerts.
        WebhookMessage.Kind kind = o.hasNonNull("kind") ? WebhookMessage.Kind.fromCode(o.path("kind").asText())
                : WebhookMessage.Kind.ALERT;
        return new WebhookMessage(o.path("key").asText(), kind, o.path("alertId").asLong(),
                RiskLevel.fromCode(o.path("level").asText()), o.path("enterpriseName").asText(),
                o.path("title").asText(), categories, o.path("url").asText(), o.path("consoleLink").asText(),
                Instant.parse(o.path("raisedAt").asText()), facts);
    }
}
