package io.yuqing.crawler;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.crawler.extract.ArticleExtractor;
import io.yuqing.crawler.extract.Extraction;
import io.yuqing.crawler.extract.ProfileExtractor;
import io.yuqing.crawler.fetch.FetchRequest;
import io.yuqing.crawler.fetch.FetchResult;
import io.yuqing.crawler.url.UrlCanonicalizer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Fetches and reads one article page with the source's network settings and extraction profile, without recording
 * anything in the crawl state. Also the basis of "test this source" in the console or CLI.
 */
final class ArticleReader {
    private final CycleSteps steps;
    private final ProfileFallbacks profileFallbacks;
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final ProfileExtractor profileExtractor = new ProfileExtractor();

    ArticleReader(CycleSteps steps, ProfileFallbacks profileFallbacks) {
        this.steps = steps;
        this.profileFallbacks = profileFallbacks;
    }

    ArticleFetch fetchAndExtract(SourceConfig source, String url) {
        String canonical = UrlCanonicalizer.canonicalize(url).orElse(url);
        FetchResult result = steps.fetch(source, FetchRequest.of(canonical, source.allowPrivateNetwork()));
        return switch (result) {
            case FetchResult.Failed f -> new ArticleFetch.NotExtracted(canonical, f.reason().code(), f.message(), f.retryable());
            case FetchResult.NotModified n -> new ArticleFetch.NotExtracted(canonical, "not_modified",
                    "server answered 304 to an unconditional request", true);
            case FetchResult.Fetched f -> {
                if (!looksLikeHtml(f)) {
                    yield new ArticleFetch.NotExtracted(canonical, "unsupported_content_type",
                            "not an HTML page (" + f.contentType() + ")", false);
                }
                var page = extractor.extractPage(f.body(), f.contentType(),
                        UrlCanonicalizer.canonicalize(f.finalUrl()).orElse(f.finalUrl()), steps.clock.instant());
                Extraction x = withProfile(source, f, page.extraction());
                if (x.text().isBlank() && x.title().isBlank()) {
                    yield new ArticleFetch.NotExtracted(canonical, "empty_content", "no title and no text found", false);
                }
                yield new ArticleFetch.Extracted(x, page.sanitizedHtml());
            }
        };
    }

    private static boolean looksLikeHtml(FetchResult.Fetched f) {
        String type = f.contentType().toLowerCase(Locale.ROOT);
        if (type.isEmpty() || type.contains("html") || type.contains("xml") || type.startsWith("text/")) {
            return true;
        }
        // Some servers label pages application/octet-stream; the first bytes tell.
        int n = Math.min(f.body().length, 512);
        String start = new String(f.body(), 0, n, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head");
    }

    /** The source's extraction profile over the automatic extraction; fallbacks are counted and told once per cycle. */
    private Extraction withProfile(SourceConfig source, FetchResult.Fetched page, Extraction automatic) {
        if (source.extraction() == null) {
            return automatic;
        }
        ProfileExtractor.Profiled profiled = profileExtractor.apply(source.extraction(), page.body(), page.contentType(),
                page.finalUrl(), automatic, steps.clock.instant());
        profiled.fallbacks().forEach(field -> steps.metrics.profileFallback(source.id(), field));
        profileFallbacks.record(source.id(), profiled.fallbacks());
        return profiled.extraction();
    }
}
