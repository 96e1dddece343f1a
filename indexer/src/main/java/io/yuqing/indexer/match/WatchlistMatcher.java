package io.yuqing.indexer.match;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.pipeline.EnterpriseMatcher;
import io.yuqing.indexer.text.CharAutomaton;
import io.yuqing.indexer.text.LongestMatches;
import io.yuqing.indexer.text.TextNormalizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds watchlist enterprises in an item with one Aho-Corasick pass over title and text, whatever the size of the
 * watchlist. Every name of every enterprise ({@link Enterprise#allNames()}) is a key, in {@link TextNormalizer} form.
 * Overlapping hits resolve to the longest ({@code 青州云帆科技有限公司} hides the {@code 云帆科技} inside it).
 *
 * <p>Short-alias rule: a short name or alias of at most two Han characters (云帆, 京东) is also an everyday word or
 * part of one, so its hits count only when the enterprise is corroborated in the same item, that is when one of its
 * longer names (or its registered name, however short) occurs anywhere, or any of its names occurs in the title. Once
 * corroborated, every hit of every name counts.
 *
 * <p>Two enterprises sharing a name are both reported where that name occurs.
 */
public final class WatchlistMatcher implements EnterpriseMatcher {
    private final CharAutomaton automaton;
    /** Owners of each keyword of the automaton, by keyword index. */
    private final List<List<NameOwner>> owners;

    /** Who a normalised name belongs to, and whether it is a weak short alias. */
    private record NameOwner(Enterprise enterprise, boolean shortAlias) {
    }

    /** One accepted hit of one enterprise's name. */
    private record Hit(Enterprise enterprise, boolean inTitle, boolean shortAlias) {
    }

    public WatchlistMatcher(List<Enterprise> watchlist) {
        Map<String, List<NameOwner>> owners = new HashMap<>();
        for (Enterprise enterprise : watchlist) {
            for (String name : enterprise.allNames()) {
                String key = TextNormalizer.key(name);
                if (key.isEmpty()) {
                    continue;
                }
                boolean shortAlias = !name.equals(enterprise.name()) && key.length() <= 2 && TextNormalizer.allHan(key);
                List<NameOwner> list = owners.computeIfAbsent(key, k -> new ArrayList<>());
                if (list.stream().noneMatch(o -> o.enterprise().id().equals(enterprise.id()))) {
                    list.add(new NameOwner(enterprise, shortAlias));
                }
            }
        }
        this.automaton = CharAutomaton.of(List.copyOf(owners.keySet()));
        List<List<NameOwner>> byIndex = new ArrayList<>();
        for (String key : automaton.keywords()) {
            byIndex.add(List.copyOf(owners.get(key)));
        }
        this.owners = List.copyOf(byIndex);
    }

    @Override
    public List<Mention> match(String title, String text) {
        List<Hit> hits = new ArrayList<>();
        collect(title, true, hits);
        collect(text, false, hits);

        Map<String, Boolean> corroborated = new HashMap<>();
        for (Hit h : hits) {
            if (!h.shortAlias() || h.inTitle()) {
                corroborated.put(h.enterprise().id(), true);
            }
        }
        // Insertion order of the first accepted hit = order of first occurrence, title before text.
        Map<String, Mention> byId = new LinkedHashMap<>();
        for (Hit h : hits) {
            Enterprise e = h.enterprise();
            if (!corroborated.getOrDefault(e.id(), false)) {
                continue;
            }
            byId.merge(e.id(), new Mention(e.id(), e.name(), 1, h.inTitle()),
                    (a, b) -> new Mention(a.enterpriseId(), a.name(), a.count() + 1, a.inTitle() || b.inTitle()));
        }
        return List.copyOf(byId.values());
    }

    private void collect(String raw, boolean inTitle, List<Hit> out) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        String text = TextNormalizer.normalize(raw).text();
        List<CharAutomaton.Hit> candidates = new ArrayList<>();
        for (CharAutomaton.Hit h : automaton.find(text)) {
            if (LongestMatches.onWordBoundary(text, h.start(), h.endInclusive())) {
                candidates.add(h);
            }
        }
        for (CharAutomaton.Hit h : LongestMatches.select(candidates)) {
            for (NameOwner owner : owners.get(h.keyword())) {
                out.add(new Hit(owner.enterprise(), inTitle, owner.shortAlias()));
            }
        }
    }
}
