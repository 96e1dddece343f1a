package io.yuqing.crawler.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The article's headline. A heading that also appears in the page title or og:title is the surest; otherwise
 * og:title, then the page title, both without the site name appended ("标题_新浪新闻", "标题 - 青州日报").
 */
final class TitleExtractor {
    /** Separators between headline and site name in page titles. */
    private static final Pattern SITE_SEPARATOR = Pattern.compile("\\s*(?:_|\\||｜|\\s[-–—]\\s|\\s?--\\s?)\\s*");

    private TitleExtractor() {
    }

    static String extract(Document doc) {
        String pageTitle = TextStats.normalizeSpace(pageTitle(doc));
        String ogTitle = meta(doc, "meta[property=og:title]", "meta[name=og:title]", "meta[name=twitter:title]");
        List<String> headings = new ArrayList<>();
        for (Element h : doc.select("h1, h2, h3, .title, .article-title, #title, [class*=title] > *:not(a)")) {
            String text = TextStats.normalizeSpace(h.text());
            if (text.length() >= 2 && text.length() <= 120) {
                headings.add(text);
            }
        }
        // A heading contained in the page title or og:title is the headline with the site name cut off already.
        String best = headings.stream()
                .filter(h -> pageTitle.contains(h) || ogTitle.contains(h))
                .max(Comparator.comparingInt(String::length))
                .orElse("");
        if (!best.isEmpty()) {
            return best;
        }
        if (!ogTitle.isEmpty()) {
            return stripSiteName(ogTitle);
        }
        if (!pageTitle.isEmpty()) {
            return stripSiteName(pageTitle);
        }
        return doc.select("h1").stream().map(h -> TextStats.normalizeSpace(h.text()))
                .filter(t -> !t.isEmpty()).findFirst().orElse("");
    }

    /**
     * The {@code <title>} text. Pages with markup before {@code <html>} (archived pages wrapped in a record element,
     * stray tags from broken templates) get their title parsed into the body, where {@link Document#title()} does not
     * look.
     */
    static String pageTitle(Document doc) {
        String inHead = doc.title();
        if (!inHead.isBlank()) {
            return inHead;
        }
        Element stray = doc.selectFirst("title");
        return stray == null ? "" : stray.text();
    }

    /** Keeps the headline part of "headline_section_site": the first part, unless it is too short to be one. */
    static String stripSiteName(String title) {
        String[] parts = Arrays.stream(SITE_SEPARATOR.split(title)).map(String::strip).filter(p -> !p.isEmpty())
                .toArray(String[]::new);
        if (parts.length <= 1) {
            return title.strip();
        }
        if (parts[0].length() >= 6) {
            return parts[0];
        }
        return Arrays.stream(parts).max(Comparator.comparingInt(String::length)).orElse(title.strip());
    }

    static String meta(Document doc, String... selectors) {
        for (String selector : selectors) {
            Element e = doc.selectFirst(selector);
            if (e != null) {
                String content = TextStats.normalizeSpace(e.attr("content"));
                if (!content.isEmpty()) {
                    return content;
                }
            }
        }
        return "";
    }
}
