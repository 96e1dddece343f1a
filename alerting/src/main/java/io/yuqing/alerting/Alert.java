package io.yuqing.alerting;

import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.List;

/**
 * An early warning about one enterprise raised by one document. Title, URL, names and evidence are crawled text:
 * escape them wherever they are rendered.
 */
public record Alert(long id, String documentId, String enterpriseId, String enterpriseName, String title, String url,
                    String sourceId, int score, RiskLevel level, List<RiskCategory> categories,
                    List<Evidence> evidence, List<String> deskIds, AlertStatus status, Instant createdAt,
                    Instant updatedAt) {
    public Alert {
        categories = List.copyOf(categories);
        evidence = List.copyOf(evidence);
        deskIds = List.copyOf(deskIds);
    }

    public Alert withStatus(AlertStatus newStatus, Instant at) {
        return new Alert(id, documentId, enterpriseId, enterpriseName, title, url, sourceId, score, level, categories,
                evidence, deskIds, newStatus, createdAt, at);
    }
}
