package io.yuqing.crawler.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * robots.txt rules per origin (scheme, host, port), fetched once and kept for a while. A missing robots.txt (4xx)
 * allows everything; a server error or an unreachable robots.txt defers the host until the entry expires, as the
 * robots exclusion standard (RFC 9309) asks.
 */
final class RobotsCache {
    private static final Duration KEEP_RULES = Duration.ofHours(12);
    private static final Duration KEEP_FAILURE = Duration.ofMinutes(2);

    /**
     * Rules for an origin; when robots.txt could not be reached at all, {@code unreachable} says why (the rules then
     * defer every visit).
     */
    record Rules(BaseRobotRules rules, FetchResult.Failed unreachable) {
        /** The Crawl-delay the rules for our robot name set, if any (crawler-commons reports milliseconds). */
        Optional<Duration> crawlDelay() {
            long millis = rules.getCrawlDelay();
            return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
        }
    }

    private record Entry(Rules rules, Instant expires) {
    }

    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<String> robotNames;
    private final Clock clock;

    RobotsCache(String userAgent, Clock clock) {
        // crawler-commons matches the product token ("yuqingbot"), not the whole User-Agent line.
        String token = userAgent.strip().split("[/\\s]", 2)[0].toLowerCase(Locale.ROOT);
        this.robotNames = List.of(token.isEmpty() ? "yuqingbot" : token);
        this.clock = clock;
        // crawler-commons answers "disallow everything" to a Crawl-delay above its maximum; the fetcher caps the delay
        // itself instead, so a site asking for an hour is crawled slowly rather than silently dropped.
        parser.setMaxCrawlDelay(Long.MAX_VALUE);
    }

    /**
     * Rules for the URL's origin, fetching robots.txt with {@code fetch} when not cached or expired.
     * {@code fetch} must not itself consult robots rules.
     */
    Rules rulesFor(URI url, Function<String, FetchResult> fetch) {
        String origin = origin(url);
        Instant now = clock.instant();
        Entry cached = entries.get(origin);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.rules();
        }
        String robotsUrl = origin + "/robots.txt";
        FetchResult result = fetch.apply(robotsUrl);
        if (result instanceof FetchResult.Failed paused && paused.reason() == FetchResult.Reason.HOST_PAUSED) {
            // Not an answer about robots.txt at all: ask again once the pause is over.
            return new Rules(parser.failedFetch(503), paused);
        }
        Entry entry = switch (result) {
            case FetchResult.Fetched f -> new Entry(new Rules(
                    parser.parseContent(robotsUrl, f.body(), f.contentType().isEmpty() ? "text/plain" : f.contentType(), robotNames),
                    null), now.plus(KEEP_RULES));
            case FetchResult.NotModified n -> new Entry(new Rules(parser.failedFetch(404), null), now.plus(KEEP_RULES));
            case FetchResult.Failed failed -> switch (failed.reason()) {
                // No robots.txt, or one that is not ours to read: crawl freely.
                case NOT_FOUND, BLOCKED_ADDRESS, TOO_LARGE, INVALID_URL, REDIRECT_LOOP, TOO_MANY_REDIRECTS ->
                        new Entry(new Rules(parser.failedFetch(404), null), now.plus(KEEP_RULES));
                case HTTP_ERROR -> failed.retryable()
                        ? new Entry(new Rules(parser.failedFetch(503), failed), now.plus(KEEP_FAILURE))
                        : new Entry(new Rules(parser.failedFetch(404), null), now.plus(KEEP_RULES));
                default -> new Entry(new Rules(parser.failedFetch(503), failed), now.plus(KEEP_FAILURE));
            };
        };
        entries.put(origin, entry);
        return entry.rules();
    }

    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
