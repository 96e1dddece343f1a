package io.yuqing.core.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Escaping for crawled text placed into HTML (console, mail, demo pages). Crawled text is hostile: every string shown
 * goes through {@link #escape}, every link through {@link #safeHref}.
 */
public final class Html {
    private Html() {
    }

    /** Escapes text for an HTML element body or a double- or single-quoted attribute value. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /**
     * The URL when it is an absolute http or https URL fit for an href, else empty: javascript:, data: and
     * relative or malformed links are never made clickable.
     */
    public static Optional<String> safeHref(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String u = url.strip();
        for (int i = 0; i < u.length(); i++) {
            if (Character.isISOControl(u.charAt(i)) || Character.isWhitespace(u.charAt(i))) {
                return Optional.empty();
            }
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(u);
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** An escaped href for a crawled URL, or "#" when it is not a safe absolute http(s) URL. */
    public static String hrefOrHash(String url) {
        return safeHref(url).map(Html::escape).orElse("#");
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
