package io.yuqing.indexer.match;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.pipeline.EnterpriseMatcher;
import io.yuqing.indexer.text.CharAutomaton;
import io.yuqing.indexer.text.LongestMatches;
import io.yuqing.indexer.text.TextNormalizer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *
 * <p>Exclusion phrases: an enterprise may list phrases in which its name means something else, such as 云帆路 (a street
 * named after the brand) for 云帆. A hit of one of its names that lies inside an occurrence of one of its exclusion
 * phrases does not count for that enterprise (neither as a mention nor as corroboration); other enterprises sharing
 * the name are not affected. A phrase that contains none of the enterprise's names could never apply and is ignored
 * with a warning.
 */
public final class WatchlistMatcher implements EnterpriseMatcher {
    private static final Logger log = LoggerFactory.getLogger(WatchlistMatcher.class);

    private final CharAutomaton automaton;
    /** Owners of each keyword of the automaton, by keyword index. */
    private final List<List<NameOwner>> owners;
    /** Exclusion phrases of all enterprises, or null when there are none. */
    private final CharAutomaton exclusions;
    /** Enterprise ids excluded by each keyword of {@link #exclusions}, by keyword index. */
    private final List<Set<String>> excludedIds;

    /** Who a normalised name belongs to, and whether it is a weak short alias. */
    private record NameOwner(Enterprise enterprise, boolean shortAlias) {
    }

    /** One accepted hit of one enterprise's name. */
    private record Hit(Enterprise enterprise, boolean inTitle, boolean shortAlias) {
    }

    /** A matcher without exclusion phrases. */
    public WatchlistMatcher(List<Enterprise> watchlist) {
        this(watchlist, Map.of());
    }

    /**
     * @param exclusionsByEnterpriseId for an enterprise id, the phrases in which its names do not refer to it
     *                                 (e.g. {@code "e1" -> ["云帆路", "云帆小区"]}); ids not on the watchlist are ignored
     */
    public WatchlistMatcher(List<Enterprise> watchlist, Map<String, List<String>> exclusionsByEnterpriseId) {
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

        Map<String, Set<String>> excluded = exclusionPhrases(watchlist, exclusionsByEnterpriseId);
        if (excluded.isEmpty()) {
            this.exclusions = null;
            this.excludedIds = List.of();
        } else {
            this.exclusions = CharAutomaton.of(List.copyOf(excluded.keySet()));
            this.excludedIds = exclusions.keywords().stream().map(k -> Set.copyOf(excluded.get(k))).toList();
        }
    }

    /** Normalised exclusion phrase → ids of the enterprises it applies to; unusable phrases are logged and dropped. */
    private static Map<String, Set<String>> exclusionPhrases(List<Enterprise> watchlist, Map<String, List<String>> byId) {
        Map<String, Set<String>> out = new HashMap<>();
        if (byId == null || byId.isEmpty()) {
            return out;
        }
        Map<String, Enterprise> enterprises = new HashMap<>();
        watchlist.forEach(e -> enterprises.put(e.id(), e));
        byId.forEach((id, phrases) -> {
            Enterprise e = enterprises.get(id);
            if (e == null) {
                log.warn("exclusion phrases given for enterprise {} which is not on the watchlist; ignored", id);
                return;
            }
            List<String> names = e.allNames().stream().map(TextNormalizer::key).filter(k -> !k.isEmpty()).toList();
            for (String phrase : phrases == null ? List.<String>of() : phrases) {
                String key = phrase == null ? "" : TextNormalizer.key(phrase);
                if (names.stream().noneMatch(key::contains)) {
                    log.warn("exclusion phrase '{}' of enterprise {} ({}) contains none of its names, so it can never "
                            + "apply; ignored", phrase, id, e.name());
                    continue;
                }
                out.computeIfAbsent(key, k -> new HashSet<>()).add(id);
            }
        });
        return out;
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
        List<CharAutomaton.Hit> excludedRanges = exclusions == null ? List.of() : exclusions.find(text);
        for (CharAutomaton.Hit h : LongestMatches.select(candidates)) {
            for (NameOwner owner : owners.get(h.keyword())) {
                if (!excludedAt(excludedRanges, h, owner.enterprise().id())) {
                    out.add(new Hit(owner.enterprise(), inTitle, owner.shortAlias()));
                }
            }
        }
    }

    /** True when {@code hit} lies inside an occurrence of one of enterprise {@code id}'s exclusion phrases. */
    private boolean excludedAt(List<CharAutomaton.Hit> excludedRanges, CharAutomaton.Hit hit, String id) {
        for (CharAutomaton.Hit x : excludedRanges) {
            if (x.start() <= hit.start() && hit.endInclusive() <= x.endInclusive()
                    && excludedIds.get(x.keyword()).contains(id)) {
                return true;
            }
        }
        return false;
    }
}
