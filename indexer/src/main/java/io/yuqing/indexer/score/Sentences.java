package io.yuqing.indexer.score;

import java.util.ArrayList;
import java.util.List;

/** Sentence and clause boundaries of a normalised text (full-width punctuation is already half-width). */
final class Sentences {
    /** A sentence [start, end). */
    record Span(int start, int end) {
        boolean contains(int pos) {
            return pos >= start && pos < end;
        }
    }

    private final String text;
    private final List<Span> sentences;

    Sentences(String text) {
        this.text = text;
        List<Span> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isSentenceEnd(text.charAt(i))) {
                addIfNotBlank(spans, start, i + 1);
                start = i + 1;
            }
        }
        addIfNotBlank(spans, start, text.length());
        this.sentences = List.copyOf(spans);
    }

    List<Span> all() {
        return sentences;
    }

    /** The sentence holding {@code pos} (binary search: hits are many in long texts). */
    Span sentenceAt(int pos) {
        int lo = 0;
        int hi = sentences.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Span s = sentences.get(mid);
            if (pos < s.start()) {
                hi = mid - 1;
            } else if (pos >= s.end()) {
                lo = mid + 1;
            } else {
                return s;
            }
        }
        return new Span(pos, pos);
    }

    int clauseStart(int pos, Span sentence) {
        for (int i = pos - 1; i >= sentence.start(); i--) {
            if (isClauseBreak(text.charAt(i))) {
                return i + 1;
            }
        }
        return sentence.start();
    }

    private void addIfNotBlank(List<Span> spans, int start, int end) {
        // String.isBlank's test, without a substring per sentence.
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                spans.add(new Span(start, end));
                return;
            }
        }
    }

    private static boolean isSentenceEnd(char c) {
        return c == '。' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r' || c == '…';
    }

    private static boolean isClauseBreak(char c) {
        return c == ',' || c == ':' || c == '，' || c == '：' || c == '(' || c == ')';
    }
}
