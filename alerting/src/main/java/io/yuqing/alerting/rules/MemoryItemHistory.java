package io.yuqing.alerting.rules;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** History kept in memory, for replaying stored documents ({@code yuqing rules test}). */
public final class MemoryItemHistory implements ItemHistory {
    private final Map<String, RecordedItem> items = new LinkedHashMap<>();

    @Override
    public boolean hasCategory(String enterpriseId, RiskCategory category, RiskLevel minLevel, Instant from, Instant to,
                               String excludingDocumentId) {
        return !matching(i -> i.enterpriseId().equals(enterpriseId) && i.categories().contains(category)
                && i.level().atLeast(minLevel), from, to, excludingDocumentId).isEmpty();
    }

    @Override
    public Set<String> sites(String enterpriseId, Instant from, Instant to, String excludingDocumentId) {
        Set<String> out = new TreeSet<>();
        matching(i -> i.enterpriseId().equals(enterpriseId), from, to, excludingDocumentId)
                .forEach(i -> out.add(i.site()));
        return out;
    }

    @Override
    public int clusterSize(String clusterId, Instant from, Instant to, String excludingDocumentId) {
        return (int) matching(i -> i.clusterId().equals(clusterId), from, to, excludingDocumentId).stream()
                .map(RecordedItem::documentId).distinct().count();
    }

    @Override
    public void record(RecordedItem item) {
        items.putIfAbsent(item.documentId() + "\n" + item.enterpriseId(), item);
    }

    private List<RecordedItem> matching(Predicate<RecordedItem> p, Instant from, Instant to, String excluding) {
        List<RecordedItem> out = new ArrayList<>();
        for (RecordedItem i : items.values()) {
            if (!i.documentId().equals(excluding) && !i.at().isBefore(from) && !i.at().isAfter(to) && p.test(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
