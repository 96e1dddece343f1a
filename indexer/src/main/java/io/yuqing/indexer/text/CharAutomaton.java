package io.yuqing.indexer.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho-Corasick automaton over {@code char}s, built once and then read-only (safe to share between threads).
 *
 * <p>Ours rather than a library's because matching is the hot path of every document (tens of thousands of names
 * against every text) and the general-purpose library allocated an object per state step and per hit. Here states
 * are ints, the root has a direct 64K table (most steps start there in Chinese text), other states keep their
 * transitions as sorted char arrays searched in place, and each state knows the nearest keyword on its failure chain
 * so reporting walks only real hits.
 */
public final class CharAutomaton {
    /** A keyword occurrence: {@code text[start..endInclusive]} equals {@code keywords().get(keyword)}. */
    public record Hit(int start, int endInclusive, int keyword) {
        public int length() {
            return endInclusive - start + 1;
        }
    }

    private final List<String> keywords;
    private final int[] rootNext;          // char -> state, 0 = stay at root
    private final int[] edgeStart;         // per state: first index into edgeChars/edgeTarget
    private final char[] edgeChars;        // per state, sorted
    private final int[] edgeTarget;
    private final int[] fail;
    private final int[] keywordAt;         // keyword ending exactly at this state, or -1
    private final int[] outputLink;        // nearest state on the failure chain with a keyword, or -1

    private CharAutomaton(List<String> keywords, int[] rootNext, int[] edgeStart, char[] edgeChars, int[] edgeTarget,
                          int[] fail, int[] keywordAt, int[] outputLink) {
        this.keywords = keywords;
        this.rootNext = rootNext;
        this.edgeStart = edgeStart;
        this.edgeChars = edgeChars;
        this.edgeTarget = edgeTarget;
        this.fail = fail;
        this.keywordAt = keywordAt;
        this.outputLink = outputLink;
    }

    /** Builds the automaton; empty keywords are ignored, duplicates kept once. */
    public static CharAutomaton of(List<String> words) {
        List<String> keywords = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (String w : words) {
            if (w != null && !w.isEmpty() && !index.containsKey(w)) {
                index.put(w, keywords.size());
                keywords.add(w);
            }
        }
        // Trie with hash-mapped edges while building.
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<Integer> terminal = new ArrayList<>();
        children.add(new HashMap<>());
        terminal.add(-1);
        for (int k = 0; k < keywords.size(); k++) {
            String w = keywords.get(k);
            int state = 0;
            for (int i = 0; i < w.length(); i++) {
                Integer next = children.get(state).get(w.charAt(i));
                if (next == null) {
                    next = children.size();
                    children.add(new HashMap<>());
                    terminal.add(-1);
                    children.get(state).put(w.charAt(i), next);
                }
                state = next;
            }
            terminal.set(state, k);
        }
        int n = children.size();
        int[] edgeStart = new int[n + 1];
        int edges = 0;
        for (int s = 0; s < n; s++) {
            edgeStart[s] = edges;
            edges += children.get(s).size();
        }
        edgeStart[n] = edges;
        char[] edgeChars = new char[edges];
        int[] edgeTarget = new int[edges];
        for (int s = 0; s < n; s++) {
            Character[] cs = children.get(s).keySet().toArray(new Character[0]);
            Arrays.sort(cs);
            for (int j = 0; j < cs.length; j++) {
                edgeChars[edgeStart[s] + j] = cs[j];
                edgeTarget[edgeStart[s] + j] = children.get(s).get(cs[j]);
            }
        }
        int[] rootNext = new int[Character.MAX_VALUE + 1];
        for (int j = edgeStart[0]; j < edgeStart[1]; j++) {
            rootNext[edgeChars[j]] = edgeTarget[j];
        }
        int[] keywordAt = terminal.stream().mapToInt(Integer::intValue).toArray();
        int[] fail = new int[n];
        int[] outputLink = new int[n];
        Arrays.fill(outputLink, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int j = edgeStart[0]; j < edgeStart[1]; j++) {
            fail[edgeTarget[j]] = 0;
            queue.add(edgeTarget[j]);
        }
        CharAutomaton partial = new CharAutomaton(keywords, rootNext, edgeStart, edgeChars, edgeTarget, fail, keywordAt, outputLink);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int j = edgeStart[s]; j < edgeStart[s + 1]; j++) {
                char c = edgeChars[j];
                int t = edgeTarget[j];
                int f = fail[s];
                int next;
                while (true) {
                    next = partial.step(f, c);
                    if (next >= 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[t] = next >= 0 && next != t ? next : 0;
                outputLink[t] = keywordAt[fail[t]] >= 0 ? fail[t] : outputLink[fail[t]];
                queue.add(t);
            }
        }
        return partial;
    }

    /** The state reached from {@code state} by {@code c}, or -1 when there is no edge (the root answers 0 instead). */
    private int step(int state, char c) {
        if (state == 0) {
            return rootNext[c];
        }
        int lo = edgeStart[state];
        int hi = edgeStart[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChars[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    /** Every keyword occurrence in {@code text}, overlapping ones included, ordered by end then by length (longest first). */
    public List<Hit> find(CharSequence text) {
        List<Hit> hits = new ArrayList<>();
        int state = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            int next;
            while ((next = step(state, c)) < 0) {
                state = fail[state];
            }
            state = next;
            for (int s = keywordAt[state] >= 0 ? state : outputLink[state]; s > 0; s = outputLink[s]) {
                int k = keywordAt[s];
                hits.add(new Hit(i - keywords.get(k).length() + 1, i, k));
            }
        }
        return hits;
    }

    public List<String> keywords() {
        return keywords;
    }

    public String keyword(int index) {
        return keywords.get(index);
    }
}
