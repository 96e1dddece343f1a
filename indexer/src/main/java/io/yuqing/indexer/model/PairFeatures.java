package io.yuqing.indexer.model;

import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.indexer.score.RiskLexicon;
import io.yuqing.indexer.text.TextNormalizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an (item, candidate entity) pair into hashed binary features. The candidate's names are replaced by the
 * placeholder {@value #SELF} and the other candidates' names by {@value #OTHER}, so the model learns the contexts
 * that make news negative about an entity, never the entities themselves (the watchlist of a city is not the
 * training set's). Features:
 * <ul>
 *   <li>character 1–3-grams of the masked title (first {@value #TITLE_CHARS} chars), of the text windows of
 *       ±{@value #WINDOW} chars around the candidate's first {@value #MAX_WINDOWS} mentions, and of the near windows
 *       of ±{@value #NEAR} chars;</li>
 *   <li>lexicon terms and categories in those windows, marked negated when the lexicon scorer discarded them;</li>
 *   <li>lexicon evidence categories whose sentence names the candidate, the lexicon score in steps of ten;</li>
 *   <li>whether the candidate is in the title, its mention count and first position (bucketed), whether its name
 *       lies inside another candidate's name or holds one, and how many candidates the item has;</li>
 *   <li>the kind of name (its last one and two chars, its length);</li>
 *   <li>the candidate's place relative to the negative terms, in title and body ({@link MentionContext}: chars
 *       either side of each mention, nearest kept term by direction and distance, clause subject, other names in
 *       the clause or between), and how it compares with the other candidates (nearest to a term, named first,
 *       named most, subject of a clause with a kept term).</li>
 * </ul>
 */
final class PairFeatures {
    static final char SELF = '①';
    static final char OTHER = '②';
    static final int WINDOW = 60;
    static final int NEAR = 15;
    static final int MAX_WINDOWS = 6;
    static final int TITLE_CHARS = 120;
    static final int BODY_CHARS = 200;

    /** A candidate entity: its id and its names in {@link TextNormalizer#key} form, full name first. */
    record Candidate(String id, List<String> names) {
    }

    private final RiskLexicon lexicon;
    private final int mask;

    PairFeatures(RiskLexicon lexicon, int hashBits) {
        this.lexicon = lexicon;
        this.mask = (1 << hashBits) - 1;
    }

    /** Features of each candidate, in candidate order; {@code lexiconAssessment} is the lexicon scorer's view. */
    List<int[]> extract(String title, String text, List<Candidate> candidates, RiskAssessment lexiconAssessment) {
        return extractNormalized(TextNormalizer.normalize(title).text(), TextNormalizer.normalize(text).text(),
                candidates, lexiconAssessment);
    }

    /** The same on title and text already in {@link TextNormalizer} form. */
    List<int[]> extractNormalized(String titleKey, String bodyKey, List<Candidate> candidates,
                                  RiskAssessment lexiconAssessment) {
        Set<String> evidenceTerms = new HashSet<>();
        List<String[]> evidenceSentences = new ArrayList<>();
        for (Evidence e : lexiconAssessment.evidence()) {
            evidenceTerms.add(TextNormalizer.key(e.term()));
            evidenceSentences.add(new String[]{TextNormalizer.key(e.sentence()), e.category().code(),
                    e.inTitle() ? "t" : "b"});
        }
        MaskedText titleLayout = MaskedText.of(titleKey, candidates);
        MaskedText bodyLayout = MaskedText.of(bodyKey, candidates);
        List<MentionContext.Term> titleTerms = MentionContext.terms(lexicon, titleLayout.neutral(), evidenceTerms);
        List<MentionContext.Term> bodyTerms = MentionContext.terms(lexicon, bodyLayout.neutral(), evidenceTerms);
        List<Features> all = new ArrayList<>(candidates.size());
        List<MentionContext.Summary> bodySummaries = new ArrayList<>(candidates.size());
        for (int c = 0; c < candidates.size(); c++) {
            Features f = new Features();
            Candidate self = candidates.get(c);
            String maskedTitle = titleLayout.forCandidate(c);
            String maskedBody = bodyLayout.forCandidate(c);
            f.add("bias");
            f.add("lexscore:" + Math.min(10, lexiconAssessment.score() / 10));
            f.add("candidates:" + Math.min(candidates.size(), 6));
            boolean inTitle = maskedTitle.indexOf(SELF) >= 0;
            f.add("intitle:" + inTitle);
            int count = 0;
            int first = -1;
            int next;
            for (int i = maskedBody.indexOf(SELF); i >= 0; i = next) {
                next = maskedBody.indexOf(SELF, i + 1);
                if (first < 0) {
                    first = i;
                }
                if (count < MAX_WINDOWS) {
                    // Windows move right as mentions do, so the next one holds every n-gram of this one from its own
                    // start on: this one stops there. Same feature set, without hashing overlaps twice.
                    boolean nextIsWindow = next >= 0 && count + 1 < MAX_WINDOWS;
                    int length = maskedBody.length();
                    ngrams(f, 'w', maskedBody, Math.max(0, i - WINDOW), Math.min(length, i + WINDOW + 1),
                            nextIsWindow ? Math.max(0, next - WINDOW) : length);
                    ngrams(f, 'n', maskedBody, Math.max(0, i - NEAR), Math.min(length, i + NEAR + 1),
                            nextIsWindow ? Math.max(0, next - NEAR) : length);
                    lexiconHits(f, maskedBody.substring(Math.max(0, i - WINDOW), Math.min(maskedBody.length(), i + WINDOW + 1)),
                            evidenceTerms);
                }
                count++;
            }
            f.add("count:" + (count >= 6 ? 6 : count == 5 ? 4 : count));
            f.add("first:" + (first < 0 ? "none" : Integer.toString(Math.min(first / 40, 8))));
            ngrams(f, 't', maskedTitle, 0, Math.min(maskedTitle.length(), TITLE_CHARS));
            ngrams(f, 'd', maskedBody, 0, Math.min(maskedBody.length(), BODY_CHARS));
            f.add("rank:" + Math.min(c, 4));
            if (inTitle) {
                lexiconHits(f, maskedTitle.length() > TITLE_CHARS ? maskedTitle.substring(0, TITLE_CHARS) : maskedTitle,
                        evidenceTerms);
            }
            containment(f, candidates, c);
            // The kind of company (…银行, …钱包, …金融) generalises; the full name's n-grams would let the model
            // remember which named firms were negative in training, which does not carry over to a new watchlist.
            String full = self.names().getFirst();
            f.add("nameend:" + full.substring(Math.max(0, full.length() - 2)));
            f.add("nameend1:" + full.substring(Math.max(0, full.length() - 1)));
            f.add("namelen:" + Math.min(full.length(), 12) / 3);
            int evidenceWithSelf = 0;
            for (String[] ev : evidenceSentences) {
                if (containsAny(ev[0], self.names())) {
                    evidenceWithSelf++;
                    f.add("evself:" + ev[1]);
                    f.add("evself:" + ev[2]);
                } else {
                    f.add("evelse:" + ev[1]);
                }
            }
            f.add("evselfcount:" + Math.min(evidenceWithSelf, 4));
            MentionContext.Summary titleSummary = MentionContext.add(f, "T", titleLayout, c, titleTerms);
            f.add("Tsubject:" + titleSummary.subjectOfTermClause());
            bodySummaries.add(MentionContext.add(f, "B", bodyLayout, c, bodyTerms));
            all.add(f);
        }
        List<int[]> out = new ArrayList<>(candidates.size());
        for (int c = 0; c < candidates.size(); c++) {
            Features f = all.get(c);
            comparedWithOthers(f, bodySummaries, c);
            out.add(f.toArray(mask));
        }
        return out;
    }

    private void lexiconHits(Features f, String window, Set<String> evidenceTerms) {
        for (RiskLexicon.Hit h : lexicon.find(window)) {
            boolean kept = evidenceTerms.contains(h.term().term());
            f.add((kept ? "term:" : "negterm:") + h.term().term());
            f.add((kept ? "cat:" : "negcat:") + h.term().category().code());
        }
    }

    /**
     * How the candidate compares with the item's other candidates: nearest to a kept term, named first, named most,
     * subject of a clause with a kept term (a tie counts for each).
     */
    private static void comparedWithOthers(Features f, List<MentionContext.Summary> all, int c) {
        MentionContext.Summary self = all.get(c);
        boolean closest = self.nearestTerm() != Integer.MAX_VALUE;
        boolean earliest = self.firstMention() >= 0;
        boolean most = self.mentions() > 0;
        int subjects = 0;
        for (int o = 0; o < all.size(); o++) {
            MentionContext.Summary other = all.get(o);
            subjects += other.subjectOfTermClause() ? 1 : 0;
            if (o == c) {
                continue;
            }
            closest &= self.nearestTerm() <= other.nearestTerm();
            earliest &= other.firstMention() < 0 || self.firstMention() <= other.firstMention();
            most &= self.mentions() >= other.mentions();
        }
        f.add("closest:" + closest);
        f.add("earliest:" + earliest);
        f.add("most:" + most);
        f.add("subject:" + self.subjectOfTermClause() + ":" + Math.min(subjects, 3));
    }

    private static void containment(Features f, List<Candidate> candidates, int c) {
        String name = candidates.get(c).names().getFirst();
        for (int o = 0; o < candidates.size(); o++) {
            if (o == c) {
                continue;
            }
            String other = candidates.get(o).names().getFirst();
            if (other.length() > name.length() && other.contains(name)) {
                f.add("inside-other");
            } else if (name.length() > other.length() && name.contains(other)) {
                f.add("holds-other");
            }
        }
    }

    private static void ngrams(Features f, char prefix, String s, int from, int to) {
        ngrams(f, prefix, s, from, to, to);
    }

    /** The n-grams of s[from, to) that start before {@code startsBefore}. */
    private static void ngrams(Features f, char prefix, String s, int from, int to, int startsBefore) {
        for (int i = from, stop = Math.min(to, startsBefore); i < stop; i++) {
            long h = Features.FNV_OFFSET ^ prefix;
            for (int n = 0; n < 3 && i + n < to; n++) {
                h = (h ^ s.charAt(i + n)) * Features.FNV_PRIME;
                f.addHash(h * 31 + n);
            }
        }
    }

    private static boolean containsAny(String haystack, List<String> needles) {
        for (String n : needles) {
            if (!n.isEmpty() && haystack.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** A growing bag of 64-bit feature hashes, folded into the weight table's index space at the end. */
    static final class Features {
        static final long FNV_OFFSET = 0xcbf29ce484222325L;
        static final long FNV_PRIME = 0x100000001b3L;
        // A pair has a few thousand features: start large enough that most never grow (copies were 5 % of scoring).
        private long[] hashes = new long[2048];
        private int size;

        void add(String feature) {
            addHash(hash(FNV_OFFSET, feature));
        }

        /** {@code h} continued over the chars of {@code part}: hashing parts in turn equals hashing them joined. */
        static long hash(long h, String part) {
            for (int i = 0; i < part.length(); i++) {
                h = (h ^ part.charAt(i)) * FNV_PRIME;
            }
            return h;
        }

        void addHash(long h) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size++] = h;
        }

        /** Distinct indices, sorted: features are binary (present or not). */
        int[] toArray(int mask) {
            int[] idx = new int[size];
            for (int i = 0; i < size; i++) {
                long h = hashes[i];
                h ^= h >>> 33;
                h *= 0xff51afd7ed558ccdL;
                h ^= h >>> 33;
                idx[i] = (int) h & mask;
            }
            int[] sorted = SortedIndices.sort(idx, 32 - Integer.numberOfLeadingZeros(mask));
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (n == 0 || sorted[n - 1] != sorted[i]) {
                    sorted[n++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, n);
        }
    }
}
