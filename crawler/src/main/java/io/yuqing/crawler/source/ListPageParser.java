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
}
