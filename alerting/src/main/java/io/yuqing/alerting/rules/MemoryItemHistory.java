package io.yuqing.alerting.rules;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * History kept in memory, for replaying stored documents ({@code yuqing rules test}). Items are kept per enterprise
 * and per cluster in the order recorded; a replay records them oldest first, so a window query walks back from the
 * newest and stops at the window's start: its cost is the window's items, not the whole history.
 */
public final class MemoryItemHistory implements ItemHistory {
    private final Set<String> seen = new HashSet<>();
    private final Map<String, List<RecordedItem>> byEnterprise = new HashMap<>();
    private final Map<String, List<RecordedItem>> byCluster = new HashMap<>();
    private Instant newest = Instant.MIN;
    private boolean ordered = true;

    @Override
    public boolean hasCategory(String enterpriseId, RiskCategory category, RiskLevel minLevel, Instant from, Instant to,
                               String excludingDocumentId) {
        boolean[] found = {false};
        window(byEnterprise.get(enterpriseId), from, to, excludingDocumentId, i -> {
            if (i.categories().contains(category) && i.level().atLeast(minLevel)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    @Override
    public Set<String> sites(String enterpriseId, Instant from, Instant to, String excludingDocumentId) {
        Set<String> out = new TreeSet<>();
        window(byEnterprise.get(enterpriseId), from, to, excludingDocumentId, i -> out.add(i.site()));
        return out;
    }

    @Override
    public int clusterSize(String clusterId, Instant from, Instant to, String excludingDocumentId) {
        Set<String> documents = new HashSet<>();
        window(byCluster.get(clusterId), from, to, excludingDocumentId, i -> documents.add(i.documentId()));
        return documents.size();
    }

    @Override
    public void record(RecordedItem item) {
        if (!seen.add(item.documentId() + "\n" + item.enterpriseId())) {
            return;
        }
        ordered &= !item.at().isBefore(newest);
        newest = item.at().isAfter(newest) ? item.at() : newest;
        byEnterprise.computeIfAbsent(item.enterpriseId(), k -> new ArrayList<>()).add(item);
        byCluster.computeIfAbsent(item.clusterId(), k -> new ArrayList<>()).add(item);
    }

    private void window(List<RecordedItem> items, Instant from, Instant to, String excluding, Consumer<RecordedItem> each) {
        if (items == null) {
            return;
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            RecordedItem item = items.get(i);
            if (item.at().isBefore(from)) {
                if (ordered) {
                    break; // everything earlier is older still
                }
                continue;
            }
            if (!item.at().isAfter(to) && !item.documentId().equals(excluding)) {
                each.accept(item);
            }
        }
    }
}
