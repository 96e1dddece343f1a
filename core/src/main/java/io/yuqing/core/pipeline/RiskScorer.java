package io.yuqing.core.pipeline;

import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;

import java.util.List;

/** Judges how risky an item is, and for which of the mentioned enterprises. */
@FunctionalInterface
public interface RiskScorer {
    RiskAssessment score(String title, String text, List<Mention> mentions);
}
