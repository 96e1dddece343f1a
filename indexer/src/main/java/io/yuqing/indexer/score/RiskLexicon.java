package io.yuqing.indexer.score;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.text.CharAutomaton;
import io.yuqing.indexer.text.LongestMatches;
import io.yuqing.indexer.text.TextNormalizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The risk terms and a dictionary automaton over them. The lexicon is a TSV resource
 * ({@code term<TAB>category-code<TAB>weight}, {@code #} comments); a malformed line fails loading with its line number.
 */
public final class RiskLexicon {
    /** The project's curated lexicon, shipped in this module. */
    public static final String DEFAULT_RESOURCE = "risk-lexicon.tsv";

    /** A lexicon term found at [start, end) of a normalised text. */
    public record Hit(LexiconTerm term, int start, int end) {
    }

    private final Map<String, LexiconTerm> terms;
    private final CharAutomaton automaton;

    public RiskLexicon(List<LexiconTerm> entries) {
        Map<String, LexiconTerm> byTerm = new LinkedHashMap<>();
        for (LexiconTerm t : entries) {
            String key = TextNormalizer.key(t.term());
            LexiconTerm previous = byTerm.putIfAbsent(key, new LexiconTerm(key, t.category(), t.weight()));
            if (previous != null) {
                throw new IllegalArgumentException("term '" + key + "' is listed twice (" + previous.category().code()
                        + " and " + t.category().code() + "): each term belongs to one category");
            }
        }
        this.terms = Collections.unmodifiableMap(byTerm);
        this.automaton = CharAutomaton.of(List.copyOf(byTerm.keySet()));
    }

    /** Loads the project's lexicon from this module's resources. */
    public static RiskLexicon loadDefault() {
        try (InputStream in = RiskLexicon.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("risk lexicon resource " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read risk lexicon " + DEFAULT_RESOURCE, e);
        }
    }

    public static RiskLexicon parse(InputStream in, String sourceName) throws IOException {
        List<LexiconTerm> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cols = trimmed.split("\t");
            if (cols.length != 3) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo
                        + ": expected term<TAB>category<TAB>weight, got '" + trimmed + "'");
            }
            try {
                entries.add(new LexiconTerm(cols[0].strip(), RiskCategory.fromCode(cols[1]), Integer.parseInt(cols[2].strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return new RiskLexicon(entries);
    }

    /** Hits in a normalised text, overlaps resolved to the longest term, in text order. */
    public List<Hit> find(String normalizedText) {
        List<Hit> hits = new ArrayList<>();
        for (CharAutomaton.Hit h : LongestMatches.select(automaton.find(normalizedText))) {
            hits.add(new Hit(terms.get(automaton.keyword(h.keyword())), h.start(), h.endInclusive() + 1));
        }
        return hits;
    }

    public int size() {
        return terms.size();
    }

    /** The categories that have at least one term. */
    public Set<RiskCategory> categories() {
        Set<RiskCategory> cats = EnumSet.noneOf(RiskCategory.class);
        terms.values().forEach(t -> cats.add(t.category()));
        return cats;
    }
}
