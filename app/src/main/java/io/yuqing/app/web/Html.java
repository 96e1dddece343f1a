package io.yuqing.app.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** HTML escaping and highlighting. Everything crawled is hostile: every string goes through {@link #escape}. */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** An href for a crawled URL: only http and https pass; anything else (javascript:, data:) becomes "#". */
    public static String safeHref(String url) {
        if (url == null) {
            return "#";
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? escape(url.strip()) : "#";
    }

    /**
     * Escapes {@code plain} and wraps every occurrence of the given terms in {@code <mark>}. Matching is done on the
     * plain text and each piece escaped on its own, so a term can never break out of the escaping.
     */
    public static String highlight(String plain, Collection<String> terms) {
        if (plain == null || plain.isEmpty()) {
            return "";
        }
        List<String> sorted = new ArrayList<>(terms.stream().filter(t -> t != null && !t.isEmpty()).distinct().toList());
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder out = new StringBuilder();
        int i = 0;
        int plainStart = 0;
        while (i < plain.length()) {
            String hit = null;
            for (String term : sorted) {
                if (plain.startsWith(term, i)) {
                    hit = term;
                    break;
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            out.append(escape(plain.substring(plainStart, i))).append("<mark>").append(escape(hit)).append("</mark>");
            i += hit.length();
            plainStart = i;
        }
        out.append(escape(plain.substring(plainStart)));
        return out.toString();
    }

    /** Shortens text to at most {@code max} characters, on a character boundary, with an ellipsis. */
    public static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
