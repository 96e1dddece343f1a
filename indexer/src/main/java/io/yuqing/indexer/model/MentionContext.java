package io.yuqing.indexer.model;

import io.yuqing.indexer.score.RiskLexicon;

import java.util.List;

/**
 * Where a candidate stands relative to the negative terms of one masked text: the features that say whom the news
 * is about rather than whether it is bad. For each of the candidate's first {@value #MAX_MENTIONS} mentions:
 * <ul>
 *   <li>the chars just before and after it (旗下①, ①涉嫌, ①与②), by position;</li>
 *   <li>the nearest kept term in the same sentence: direction, distance (bucketed), category, and whether another
 *       candidate stands between (the nearer name is usually the one blamed);</li>
 *   <li>its clause: kept or negated terms in it, whether the candidate is the clause's first name (its subject),
 *       whether other candidates share it, whether the mention is an item of a list (、 和 与 及).</li>
 * </ul>
 * The per-text summary ({@link Summary}) lets the caller compare candidates: who is closest to a term, named first,
 * named most.
 */
final class MentionContext {
    static final int MAX_MENTIONS = 8;
    private static final int FAR = Integer.MAX_VALUE;

    /** One lexicon hit in the masked text, and whether the lexicon scorer kept it as evidence. */
    record Term(int start, int end, String category, boolean kept) {
    }

    /** A candidate's standing in one text: nearest kept term distance (or {@link Integer#MAX_VALUE}), mentions. */
    record Summary(int nearestTerm, int firstMention, int mentions, boolean subjectOfTermClause) {
    }

    private MentionContext() {
    }

    static List<Term> terms(RiskLexicon lexicon, String neutralMasked, java.util.Set<String> keptTerms) {
        return lexicon.find(neutralMasked).stream()
                .map(h -> new Term(h.start(), h.end(), h.term().category().code(), keptTerms.contains(h.term().term())))
                .toList();
    }

    /** Adds the context features of candidate {@code self} in {@code masked} (prefix tells title from body). */
    static Summary add(PairFeatures.Features f, String prefix, MaskedText masked, int self, List<Term> terms) {
        int nearestOverall = FAR;
        int first = -1;
        int count = 0;
        boolean subjectOfTermClause = false;
        for (int p = 0; p < masked.length(); p++) {
            if (masked.ownerAt(p) != self) {
                continue;
            }
            if (first < 0) {
                first = p;
            }
            count++;
            if (count > MAX_MENTIONS) {
                continue;
            }
            String text = masked.neutral();
            // Hashed part by part: the same hashes as the joined strings, without building them per mention.
            long named = PairFeatures.Features.hash(PairFeatures.Features.FNV_OFFSET, prefix);
            f.addHash(slice(PairFeatures.Features.hash(named, "L1:"), text, p - 1, p));
            f.addHash(slice(PairFeatures.Features.hash(named, "L2:"), text, p - 2, p));
            f.addHash(slice(PairFeatures.Features.hash(named, "R1:"), text, p + 1, p + 2));
            f.addHash(slice(PairFeatures.Features.hash(named, "R2:"), text, p + 1, p + 3));
            f.addHash(slice(PairFeatures.Features.hash(named, "R3:"), text, p + 1, p + 4));
            int sentenceStart = boundaryBefore(text, p, true);
            int sentenceEnd = boundaryAfter(text, p, true);
            int clauseStart = boundaryBefore(text, p, false);
            int clauseEnd = boundaryAfter(text, p, false);

            Term nearest = null;
            int nearestDistance = FAR;
            boolean keptInClause = false;
            for (Term t : terms) {
                if (t.end() <= sentenceStart || t.start() >= sentenceEnd) {
                    continue;
                }
                boolean inClause = t.start() >= clauseStart && t.end() <= clauseEnd;
                if (inClause) {
                    f.addHash(PairFeatures.Features.hash(PairFeatures.Features.hash(named, t.kept() ? "clterm:" : "clneg:"),
                            t.category()));
                    keptInClause |= t.kept();
                }
                if (!t.kept()) {
                    continue;
                }
                int d = t.start() > p ? t.start() - p : p - t.end() + 1;
                if (d < nearestDistance) {
                    nearestDistance = d;
                    nearest = t;
                }
            }
            if (nearest != null) {
                String dir = nearest.start() > p ? "after" : "before";
                String bucket = bucket(nearestDistance);
                long near = PairFeatures.Features.hash(PairFeatures.Features.hash(PairFeatures.Features.hash(
                        PairFeatures.Features.hash(named, "near:"), dir), ":"), bucket);
                f.addHash(near);
                f.addHash(PairFeatures.Features.hash(PairFeatures.Features.hash(near, ":"), nearest.category()));
                int from = Math.min(p, nearest.start());
                int to = Math.max(p, nearest.end());
                boolean otherBetween = false;
                for (int i = from + 1; i < to && !otherBetween; i++) {
                    otherBetween = masked.ownerAt(i) >= 0 && masked.ownerAt(i) != self;
                }
                f.add(prefix + "between-other:" + otherBetween);
                nearestOverall = Math.min(nearestOverall, nearestDistance);
            } else {
                f.add(prefix + "near:none");
            }
            int firstName = -1;
            boolean otherInClause = false;
            for (int i = clauseStart; i < clauseEnd; i++) {
                if (masked.ownerAt(i) >= 0) {
                    if (firstName < 0) {
                        firstName = i;
                    }
                    otherInClause |= masked.ownerAt(i) != self;
                }
            }
            boolean subject = firstName == p;
            f.add(prefix + "subject:" + subject + ":" + keptInClause);
            f.add(prefix + "clother:" + otherInClause + ":" + keptInClause);
            subjectOfTermClause |= subject && keptInClause;
            boolean listed = isListMark(text, p - 1) || isListMark(text, p + 1);
            f.add(prefix + "listed:" + listed);
        }
        return new Summary(nearestOverall, first, count, subjectOfTermClause);
    }

    static String bucket(int distance) {
        if (distance <= 2) {
            return "0-2";
        }
        if (distance <= 5) {
            return "3-5";
        }
        if (distance <= 10) {
            return "6-10";
        }
        if (distance <= 20) {
            return "11-20";
        }
        return distance <= 40 ? "21-40" : "41+";
    }

    /** {@code h} continued over the chars of s[from, to), '^' standing for each position outside s. */
    private static long slice(long h, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            h = (h ^ (i < 0 || i >= s.length() ? '^' : s.charAt(i))) * PairFeatures.Features.FNV_PRIME;
        }
        return h;
    }

    private static boolean isListMark(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return c == '、' || c == '和' || c == '与' || c == '及' || c == '/';
    }

    private static int boundaryBefore(String s, int p, boolean sentence) {
        for (int i = p - 1; i >= 0; i--) {
            if (isBreak(s.charAt(i), sentence)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int boundaryAfter(String s, int p, boolean sentence) {
        for (int i = p + 1; i < s.length(); i++) {
            if (isBreak(s.charAt(i), sentence)) {
                return i;
            }
        }
        return s.length();
    }

    private static boolean isBreak(char c, boolean sentence) {
        boolean end = c == '。' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r' || c == '…';
        return sentence ? end : end || c == ',' || c == ':' || c == '(' || c == ')' || c == '#' || c == '【' || c == '】';
    }
}
