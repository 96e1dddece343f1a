package io.yuqing.alerting.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Escaping for crawled text placed into HTML. */
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
}
