package io.yuqing.crawler.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the many spellings of one article URL into one, so an article linked with tracking parameters, a fragment
 * or an explicit default port is recognised as already seen.
 */
public final class UrlCanonicalizer {
    /** Query parameters that only track where a click came from; they never select different content. */
    private static final Set<String> TRACKING_PARAMS = Set.of(
            "spm", "from", "share", "share_token", "sharesource", "share_from", "shareid", "share_source",
            "fromshare", "isappinstalled", "scene", "srcid", "wfr", "for", "ref", "referer", "referrer",
            "gclid", "fbclid", "msclkid", "yclid", "_hsenc", "_hsmi", "mc_cid", "mc_eid", "timestamp", "tt_from",
            "ivk_sa", "utm", "wxshare", "wxfrom", "from_source", "sharer_shareid", "sharer_sharetime");

    private UrlCanonicalizer() {
    }

    /**
     * The canonical form of an absolute http(s) URL, or empty when the text is not one. Lower-cases scheme and host,
     * drops default ports, fragments, empty and tracking parameters and sorts the remaining parameters.
     */
    public static Optional<String> canonicalize(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            Optional<URI> repaired = repair(url.strip());
            if (repaired.isEmpty()) {
                return Optional.empty();
            }
            uri = repaired.get();
        }
        return canonicalize(uri);
    }

    public static Optional<String> canonicalize(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        path = URI.create("http://x" + path).normalize().getRawPath();
        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        String query = canonicalQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return Optional.of(out.toString());
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING_PARAMS.contains(name)) {
                continue;
            }
            kept.add(pair);
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    /** Links in Chinese pages often carry raw spaces, Han characters or '|' in the path; percent-encode them. */
    private static Optional<URI> repair(String url) {
        StringBuilder fixed = new StringBuilder(url.length() + 16);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                int cp = url.codePointAt(i);
                for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    fixed.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
                i += Character.charCount(cp) - 1;
            } else {
                fixed.append(c);
            }
        }
        try {
            return Optional.of(new URI(fixed.toString()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether two hosts belong to the same site, treating a leading "www." as insignificant. */
    public static boolean sameHost(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return stripWww(a.toLowerCase(Locale.ROOT)).equals(stripWww(b.toLowerCase(Locale.ROOT)));
    }

    private static String stripWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
