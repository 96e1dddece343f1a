package io.yuqing.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.RiskCategory;

import java.util.ArrayList;
import java.util.List;

/** Evidence as stored in alerts.evidence: a JSON array of {term, category, sentence, inTitle}. */
final class EvidenceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvidenceJson() {
    }

    static String write(List<Evidence> evidence) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Evidence e : evidence) {
            ObjectNode node = array.addObject();
            node.put("term", e.term());
            node.put("category", e.category().code());
            node.put("sentence", e.sentence());
            node.put("inTitle", e.inTitle());
        }
        return array.toString();
    }

    static List<Evidence> read(String json) {
        try {
            List<Evidence> out = new ArrayList<>();
            for (JsonNode node : MAPPER.readTree(json)) {
                out.add(new Evidence(node.path("term").asText(""),
                        RiskCategory.fromCode(node.path("category").asText()),
                        node.path("sentence").asText(""),
                        node.path("inTitle").asBoolean(false)));
            }
            return List.copyOf(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alerts.evidence is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
