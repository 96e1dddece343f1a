package io.yuqing.crawler.source;

import io.yuqing.crawler.fetch.Charsets;
import io.yuqing.crawler.url.UrlCanonicalizer;
import io.yuqing.crawler.url.Urls;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an HTML page that lists articles (bytes in, no I/O). Links are chosen by the source's CSS selector; with a
 * link pattern, only URLs matching it are kept (on any host); without one, only links on the page's own site.
 */
public final class ListPageParser {

    public SourceParse parse(byte[] body, String contentType, String pageUrl, String linkSelector, String linkPattern) {
        String html = Charsets.decode(body == null ? new byte[0] : body, contentType).text();
        Document doc = Jsoup.parse(html, pageUrl);
        String base = Optional.ofNullable(doc.selectFirst("base[href]")).map(b -> b.absUrl("href"))
                .filter(s -> !s.isEmpty()).orElse(pageUrl);
        Elements anchors;
        try {
            anchors = doc.select(linkSelector == null || linkSelector.isBlank() ? "a[href]" : linkSelector);
        } catch (Selector.SelectorParseException e) {
            return new SourceParse.Unreadable("linkSelector '" + linkSelector + "' is not a valid CSS selector: " + e.getMessage());
        }
        Pattern pattern = linkPattern == null || linkPattern.isBlank() ? null : Pattern.compile(linkPattern);
        String self = UrlCanonicalizer.canonicalize(pageUrl).orElse(pageUrl);
        String pageHost = Urls.host(pageUrl);
        Set<String> seen = new LinkedHashSet<>();
        List<SourceLink> links = new ArrayList<>();
        for (Element selected : anchors) {
            // A selector may pick the item container rather than the anchor itself.
            Element anchor = selected.hasAttr("href") ? selected : selected.selectFirst("a[href]");
            if (anchor == null) {
                continue;
            }
            Optional<String> resolved = Urls.resolve(base, anchor.attr("href"));
            if (resolved.isEmpty() || resolved.get().equals(self)) {
                continue;
            }
            String url = resolved.get();
            boolean keep = pattern != null ? pattern.matcher(url).find() : UrlCanonicalizer.sameHost(Urls.host(url), pageHost);
            if (keep && seen.add(url)) {
                String title = anchor.hasAttr("title") && !anchor.attr("title").isBlank() ? anchor.attr("title") : anchor.text();
                links.add(new SourceLink(url, title, null));
            }
        }
        return new SourceParse.Links(links);
    }

    /** Link texts that mean "the next page of this list". */
    private static final Set<String> NEXT_TEXTS = Set.of("下一页", "下页", "下一頁", "后页", "next", "next page", "next »",
            "›", "»", ">", ">>");

    /**
     * The next page of a list page, on the same site: the link the selector picks, else {@code rel=next}, else a link
     * reading 下一页 / next / ›. Empty on the last page, or when the next page would be this page again.
     */
    public Optional<String> nextPage(byte[] body, String contentType, String pageUrl, String nextSelector) {
        String html = Charsets.decode(body == null ? new byte[0] : body, contentType).text();
        Document doc = Jsoup.parse(html, pageUrl);
        Element link;
        try {
            link = nextSelector == null || nextSelector.isBlank() ? null : doc.selectFirst(nextSelector);
        } catch (Selector.SelectorParseException e) {
            return Optional.empty();
        }
        if (link == null) {
            link = doc.selectFirst("a[rel~=(?i)^next$][href], link[rel~=(?i)^next$][href]");
        }
        if (link == null) {
            link = doc.select("a[href]").stream()
                    .filter(a -> NEXT_TEXTS.contains(a.text().strip().toLowerCase(java.util.Locale.ROOT)))
                    .findFirst().orElse(null);
        }
        if (link == null) {
            return Optional.empty();
        }
        Element anchor = link.hasAttr("href") ? link : link.selectFirst("a[href]");
        if (anchor == null) {
            return Optional.empty();
        }
        String self = UrlCanonicalizer.canonicalize(pageUrl).orElse(pageUrl);
        return Urls.resolve(pageUrl, anchor.attr("href"))
                .filter(u -> UrlCanonicalizer.sameHost(Urls.host(u), Urls.host(pageUrl)))
                .filter(u -> !UrlCanonicalizer.canonicalize(u).orElse(u).equals(self));
    }
}
