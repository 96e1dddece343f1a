package io.yuqing.alerting;

import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An early warning about one enterprise raised by one document. Title, URL, names and evidence are crawled text:
 * escape them wherever they are rendered.
 *
 * @param assignee   person or department the case is assigned to (交办), or null
 * @param dueAt      deadline of the assignment, or null
 * @param silencedBy id of the silence that kept this alert's mail from being sent, or null
 */
public record Alert(long id, String documentId, String enterpriseId, String enterpriseName, String title, String url,
                    String sourceId, int score, RiskLevel level, List<RiskCategory> categories,
                    List<Evidence> evidence, List<String> deskIds, AlertStatus status, Instant createdAt,
                    Instant updatedAt, String assignee, Instant dueAt, Long silencedBy) {
    public Alert {
        categories = List.copyOf(categories);
        evidence = List.copyOf(evidence);
        deskIds = List.copyOf(deskIds);
    }

    /** An alert without assignment or silence. */
    public Alert(long id, String documentId, String enterpriseId, String enterpriseName, String title, String url,
                 String sourceId, int score, RiskLevel level, List<RiskCategory> categories,
                 List<Evidence> evidence, List<String> deskIds, AlertStatus status, Instant createdAt,
                 Instant updatedAt) {
        this(id, documentId, enterpriseId, enterpriseName, title, url, sourceId, score, level, categories, evidence,
                deskIds, status, createdAt, updatedAt, null, null, null);
    }

    public Alert withStatus(AlertStatus newStatus, Instant at) {
        return new Alert(id, documentId, enterpriseId, enterpriseName, title, url, sourceId, score, level, categories,
                evidence, deskIds, newStatus, createdAt, at, assignee, dueAt, silencedBy);
    }

    public Alert withAssignment(String newAssignee, Instant newDueAt, Instant at) {
        return new Alert(id, documentId, enterpriseId, enterpriseName, title, url, sourceId, score, level, categories,
                evidence, deskIds, AlertStatus.ASSIGNED, createdAt, at, newAssignee, newDueAt, silencedBy);
    }

    public boolean open() {
        return status.open();
    }

    /**
     * When this alert becomes overdue (超期): an assigned alert with a deadline at its deadline, any other
     * open alert {@code overdueAfter} after it was raised.
     */
    public Instant overdueFrom(Duration overdueAfter) {
        return status == AlertStatus.ASSIGNED && dueAt != null ? dueAt : createdAt.plus(overdueAfter);
    }

    public boolean overdueAt(Instant now, Duration overdueAfter) {
        return open() && overdueFrom(overdueAfter).isBefore(now);
    }
}
