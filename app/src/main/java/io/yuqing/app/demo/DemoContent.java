package io.yuqing.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.model.Enterprise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The demo site's bundled content: the articles in {@code demo/articles.yml} and the fictional watchlist in
 * {@code demo/watchlist.csv}. A broken bundled file is a build defect, so it fails loudly with the file and article
 * named rather than being skipped.
 */
public final class DemoContent {
    public static final String ARTICLES_RESOURCE = "demo/articles.yml";
    public static final String WATCHLIST_RESOURCE = "demo/watchlist.csv";
    /** Publish times are shown, and article URLs dated, in the city's time zone. */
    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");
    public static final Charset GBK = Charset.forName("GBK");

    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
    private static final DateTimeFormatter URL_DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final double MIN_HOURS_AGO = 0.5;
    private static final double MAX_HOURS_AGO = 72;

    private DemoContent() {
    }

    record ArticleFile(List<ArticleEntry> articles) {
    }

    record ArticleEntry(String slug, String title, String outlet, String author, Double hoursAgo, Integer listPage,
                        String encoding, List<String> paragraphs, Expect expect) {
    }

    record Expect(Boolean risky, String enterprise, String category) {
    }

    /**
     * The articles, newest first, published relative to {@code clock.instant()} and linked under {@code baseUrl}
     * (scheme, host and port, no trailing slash).
     */
    public static List<DemoArticle> articles(Clock clock, String baseUrl) {
        Instant now = clock.instant();
        List<DemoArticle> out = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        for (ArticleEntry e : readArticleFile().articles()) {
            DemoArticle article = toArticle(e, now, baseUrl);
            if (!slugs.add(article.slug())) {
                throw invalid(e.slug(), "slug used twice");
            }
            out.add(article);
        }
        out.sort(Comparator.comparing(DemoArticle::publishedAt).reversed().thenComparing(DemoArticle::slug));
        return List.copyOf(out);
    }

    /** The watchlist CSV exactly as bundled (header name,shortNames,aliases,creditCode,district,industry). */
    public static String watchlistCsv() {
        return readResource(WATCHLIST_RESOURCE);
    }

    /** The bundled watchlist, parsed the way the service parses a watchlist file. */
    public static List<Enterprise> watchlist() {
        try {
            return WatchlistCsv.parse(watchlistCsv(), WATCHLIST_RESOURCE);
        } catch (ConfigException e) {
            throw new IllegalStateException("bundled " + WATCHLIST_RESOURCE + " is invalid: " + e.getMessage(), e);
        }
    }

    private static ArticleFile readArticleFile() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            ArticleFile file = yaml.readValue(readResource(ARTICLES_RESOURCE), ArticleFile.class);
            if (file == null || file.articles() == null || file.articles().isEmpty()) {
                throw new IllegalStateException(ARTICLES_RESOURCE + ": no articles");
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(ARTICLES_RESOURCE + ": not valid: " + e.getMessage(), e);
        }
    }

    private static DemoArticle toArticle(ArticleEntry e, Instant now, String baseUrl) {
        if (e.slug() == null || !SLUG.matcher(e.slug()).matches()) {
            throw invalid(e.slug(), "slug must be lower-case letters, digits and '-'");
        }
        requireText(e.slug(), "title", e.title());
        requireText(e.slug(), "outlet", e.outlet());
        requireText(e.slug(), "author", e.author());
        if (e.paragraphs() == null || e.paragraphs().isEmpty() || e.paragraphs().stream().anyMatch(p -> p == null || p.isBlank())) {
            throw invalid(e.slug(), "paragraphs must be a non-empty list of non-empty texts");
        }
        if (e.hoursAgo() == null || e.hoursAgo() < MIN_HOURS_AGO || e.hoursAgo() > MAX_HOURS_AGO) {
            throw invalid(e.slug(), "hoursAgo must be between " + MIN_HOURS_AGO + " and " + MAX_HOURS_AGO);
        }
        if (e.listPage() == null || (e.listPage() != 1 && e.listPage() != 2)) {
            throw invalid(e.slug(), "listPage must be 1 or 2");
        }
        if (e.expect() == null || e.expect().risky() == null) {
            throw invalid(e.slug(), "expect.risky is required");
        }
        Charset charset = charsetOf(e);
        // The page shows minutes, so the truth is kept to whole minutes too: what a reader sees is what we expect.
        Instant publishedAt = now.minus(Duration.ofSeconds(Math.round(e.hoursAgo() * 3600))).truncatedTo(ChronoUnit.MINUTES);
        String url = baseUrl + "/news/" + URL_DAY.format(publishedAt.atZone(CITY_ZONE)) + "/" + e.slug() + ".html";
        return new DemoArticle(e.slug(), e.title().strip(), e.outlet().strip(), e.author().strip(), publishedAt,
                e.paragraphs().stream().map(String::strip).toList(), e.listPage(), e.expect().risky(),
                blankToNull(e.expect().enterprise()), blankToNull(e.expect().category()), url, charset);
    }

    private static Charset charsetOf(ArticleEntry e) {
        if (e.encoding() == null || e.encoding().isBlank()) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = switch (e.encoding().strip().toLowerCase(Locale.ROOT)) {
            case "utf-8" -> StandardCharsets.UTF_8;
            case "gbk" -> GBK;
            default -> throw invalid(e.slug(), "encoding must be utf-8 or gbk, not '" + e.encoding() + "'");
        };
        CharsetEncoder encoder = charset.newEncoder();
        if (!encoder.canEncode(e.title()) || e.paragraphs().stream().anyMatch(p -> !encoder.canEncode(p))) {
            throw invalid(e.slug(), "text has characters that " + charset.name() + " cannot encode");
        }
        return charset;
    }

    private static void requireText(String slug, String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(slug, field + " is required");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static IllegalStateException invalid(String slug, String message) {
        return new IllegalStateException(ARTICLES_RESOURCE + ": article '" + slug + "': " + message);
    }

    private static String readResource(String name) {
        try (InputStream in = DemoContent.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
