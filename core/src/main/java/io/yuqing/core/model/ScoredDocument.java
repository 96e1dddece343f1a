package io.yuqing.core.model;

import java.util.List;

/** A document with the enterprises it mentions and its risk assessment: what the index stores and alerting reads. */
public record ScoredDocument(Document document, List<Mention> mentions, RiskAssessment risk) {
    public ScoredDocument {
        mentions = List.copyOf(mentions);
    }
}
