package io.yuqing.crawler.extract;

import io.yuqing.crawler.fetch.Charsets;
import io.yuqing.crawler.url.UrlCanonicalizer;
import io.yuqing.crawler.url.Urls;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads an article page: headline, main text, author, outlet, publish time and canonical URL. Pure (bytes in, no
 * I/O) and total: malformed or hostile HTML gives a possibly empty {@link Extraction}, never an exception.
 */
public final class ArticleExtractor {
    private static final Logger log = LoggerFactory.getLogger(ArticleExtractor.class);
    /** Byline and date are looked for this far around the headline. */
    private static final int BYLINE_WINDOW = 600;
    /** Signatures below the body are looked for this far after it. */
    private static final int AFTER_BODY_WINDOW = 200;
    /** Bylines between headline and text are looked for this far above the body. */
    private static final int ABOVE_BODY_WINDOW = 200;

    /** Reads a page without resolving relative publish times (3小时前 and the like stay unknown). */
    public Extraction extract(byte[] body, String contentType, String url) {
        return extract(body, contentType, url, null);
    }

    /**
     * Reads a page; relative and year-less publish times (3小时前, 昨天 14:20, 11-24 09:30) are resolved against
     * {@code now}, the fetch time, in Beijing time. A null {@code now} leaves them unresolved.
     */
    public Extraction extract(byte[] body, String contentType, String url, Instant now) {
        Charsets.Decoded decoded = Charsets.decode(body == null ? new byte[0] : body, contentType);
        return extractHtml(decoded.text(), url, decoded.charset().name(), now);
    }

    /**
     * Reads a page as {@link #extract(byte[], String, String, Instant)} does and also keeps a sanitised copy of the
     * whole page for reviewers ({@link PageSanitizer}), from the same parse.
     */
    public ExtractedPage extractPage(byte[] body, String contentType, String url, Instant now) {
        Charsets.Decoded decoded = Charsets.decode(body == null ? new byte[0] : body, contentType);
        String fallbackUrl = UrlCanonicalizer.canonicalize(url).orElse(url == null ? "" : url);
        String charset = decoded.charset().name();
        try {
            Document doc = Jsoup.parse(decoded.text(), fallbackUrl, Parser.htmlParser());
            String copy = PageSanitizer.sanitize(doc);
            return new ExtractedPage(read(doc, fallbackUrl, charset, now), copy);
        } catch (RuntimeException e) {
            log.warn("extraction failed for {}: {}", fallbackUrl, e.toString());
            return new ExtractedPage(new Extraction(fallbackUrl, "", "", "", "", null, charset), "");
        }
    }

    public Extraction extractHtml(String html, String url, String charset) {
        return extractHtml(html, url, charset, null);
    }

    public Extraction extractHtml(String html, String url, String charset, Instant now) {
        String fallbackUrl = UrlCanonicalizer.canonicalize(url).orElse(url == null ? "" : url);
        try {
            return read(html == null ? "" : html, fallbackUrl, charset, now);
        } catch (RuntimeException e) {
            // The contract is total; a parser bug on a hostile page must not stop the crawl.
            log.warn("extraction failed for {}: {}", fallbackUrl, e.toString());
            return new Extraction(fallbackUrl, "", "", "", "", null, charset);
        }
    }

    private Extraction read(String html, String url, String charset, Instant now) {
        return read(Jsoup.parse(html, url, Parser.htmlParser()), url, charset, now);
    }

    private Extraction read(Document doc, String url, String charset, Instant now) {
        String canonical = canonicalUrl(doc, url);
        String title = TitleExtractor.extract(doc);
        // A title parsed into the body is metadata, not page text.
        doc.body().select("title").remove();
        Document metadataDoc = doc.clone();
        String pageText = TextStats.normalizeSpace(doc.body().text());
        PageCleaner.clean(doc);
        String text = MainTextExtractor.extract(doc.body(), title);
        String byline = bylineRegion(pageText, title, text);
        OffsetDateTime publishedAt = PublishTimeExtractor.extract(metadataDoc, pageText, title, text, now).orElse(null);
        String nameLine = NameLines.find(PageLines.of(metadataDoc.body()), title, text);
        String author = BylineExtractor.author(metadataDoc, byline, nameLine, pageText);
        String outlet = BylineExtractor.outlet(metadataDoc, byline);
        return new Extraction(canonical, title, text, author, outlet, publishedAt, charset);
    }

    /** Text around the headline, where bylines sit, and the end of the body, where 责任编辑 sits. */
    private static String bylineRegion(String pageText, String title, String mainText) {
        int at = title.isEmpty() ? -1 : pageText.indexOf(title);
        String head = at < 0
                ? pageText.substring(0, Math.min(pageText.length(), BYLINE_WINDOW * 2))
                : pageText.substring(Math.max(0, at - 100), Math.min(pageText.length(), at + title.length() + BYLINE_WINDOW));
        String tail = mainText.substring(Math.max(0, mainText.length() - 200));
        // Containers often keep the headline's byline line above the prose.
        String lead = mainText.substring(0, Math.min(mainText.length(), 200));
        return head + "\n" + lead + "\n" + tail + "\n" + afterBody(pageText, mainText) + "\n" + aboveBody(pageText, mainText);
    }

    /**
     * The page text just above the body's first line: when the headline is not found (the page title names the site
     * or the section), the byline between headline and text still is.
     */
    private static String aboveBody(String pageText, String mainText) {
        String firstLine = mainText.substring(0, mainText.indexOf('\n') < 0 ? mainText.length() : mainText.indexOf('\n'));
        String probe = TextStats.normalizeSpace(firstLine.substring(0, Math.min(firstLine.length(), 20)));
        int at = probe.length() < 8 ? -1 : pageText.indexOf(probe);
        return at < 0 ? "" : pageText.substring(Math.max(0, at - ABOVE_BODY_WINDOW), at);
    }

    /** The page text just after the body: blogs and forums sign posts below them (作者:… 发表于 …). */
    private static String afterBody(String pageText, String mainText) {
        String lastLine = mainText.substring(mainText.lastIndexOf('\n') + 1);
        String probe = TextStats.normalizeSpace(lastLine.substring(Math.max(0, lastLine.length() - 30)));
        int at = probe.length() < 8 ? -1 : pageText.lastIndexOf(probe);
        return at < 0 ? "" : pageText.substring(at + probe.length(), Math.min(pageText.length(), at + probe.length() + AFTER_BODY_WINDOW));
    }

    private static String canonicalUrl(Document doc, String fetchedUrl) {
        Element link = doc.selectFirst("link[rel=canonical][href]");
        if (link == null) {
            return fetchedUrl;
        }
        Optional<String> canonical = Urls.resolve(fetchedUrl, link.attr("href"));
        return canonical.filter(c -> Urls.sameSite(c, fetchedUrl)).orElse(fetchedUrl);
    }
}
