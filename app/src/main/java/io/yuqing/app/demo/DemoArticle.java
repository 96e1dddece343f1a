package io.yuqing.app.demo;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One article of the demo news site, with what the pipeline is expected to conclude about it.
 *
 * @param slug             URL name of the article
 * @param title            headline as published (may contain markup-like text, served escaped)
 * @param outlet           the outlet named on the page (来源)
 * @param author           the author named on the page (作者)
 * @param publishedAt      publish time, whole minutes (the page shows minutes)
 * @param paragraphs       body paragraphs, plain text
 * @param listPage         which HTML list page links it (1 or 2); the RSS feed carries every article
 * @param expectRisky      whether an alert should be raised for a watchlist enterprise
 * @param expectEnterprise full name of the watchlist enterprise the article is about, or null
 * @param expectCategory   risk category code of the main risk (see RiskCategory), or null
 * @param url              absolute URL of the article page
 * @param charset          the encoding the page is served in
 */
public record DemoArticle(String slug, String title, String outlet, String author, Instant publishedAt,
                          List<String> paragraphs, int listPage, boolean expectRisky, String expectEnterprise,
                          String expectCategory, String url, Charset charset) {

    public DemoArticle {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(charset, "charset");
        paragraphs = List.copyOf(paragraphs);
    }

    /** Path of the article page on the site, e.g. /news/20261125/some-slug.html. */
    public String path() {
        return URI.create(url).getRawPath();
    }

    /** The body as plain text, paragraphs separated by newlines. */
    public String text() {
        return String.join("\n", paragraphs);
    }
}
