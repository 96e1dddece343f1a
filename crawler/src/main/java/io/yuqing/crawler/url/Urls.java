package io.yuqing.crawler.url;

import crawlercommons.domains.EffectiveTldFinder;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Small URL helpers shared by the parsers: resolving links and comparing sites. */
public final class Urls {
    private Urls() {
    }

    /** Resolves a possibly relative link against a base URL; empty for javascript:, mailto:, bad syntax and so on. */
    public static Optional<String> resolve(String base, String link) {
        if (link == null) {
            return Optional.empty();
        }
        String trimmed = link.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty() || trimmed.startsWith("#") || lower.startsWith("javascript:") || lower.startsWith("mailto:")
                || lower.startsWith("tel:") || lower.startsWith("data:")) {
            return Optional.empty();
        }
        try {
            URI resolved = base == null ? parse(trimmed) : parse(base).resolve(parse(trimmed));
            return UrlCanonicalizer.canonicalize(resolved);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static URI parse(String url) {
        Optional<String> canonical = UrlCanonicalizer.canonicalize(url);
        if (canonical.isPresent()) {
            return URI.create(canonical.get());
        }
        // Relative links: encode what URI refuses, keep the rest as written.
        return URI.create(url.replace(" ", "%20").replace("|", "%7C"));
    }

    public static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Same registered domain (news.sina.com.cn and k.sina.com.cn are one site), by the public-suffix list. */
    public static boolean sameSite(String urlA, String urlB) {
        String a = host(urlA);
        String b = host(urlB);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        String domainA = EffectiveTldFinder.getAssignedDomain(a, true, false);
        String domainB = EffectiveTldFinder.getAssignedDomain(b, true, false);
        return domainA != null && domainA.equals(domainB);
    }
}
