package io.yuqing.crawler.fetch;

import crawlercommons.robots.BaseRobotRules;
import io.yuqing.core.config.CrawlerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Fetches one URL the careful way: address guard and robots.txt on every hop, redirects followed by hand with loop
 * detection, one request at a time per host with a politeness delay, a deadline for the whole response, and a body
 * cap counted after decompression. Every expected failure comes back as {@link FetchResult.Failed}.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

    private final CrawlerConfig config;
    private final HttpClient client;
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();
    private final UrlGuard guard;
    private final HostGate gate;
    private final RobotsCache robots;
    private final Clock clock;
    /** Hosts whose Crawl-delay was capped and logged, so the log says it once per host. */
    private final Set<String> cappedHosts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Longest robots.txt Crawl-delay honoured; a host asking more is still crawled, this far apart. */
    public static final java.time.Duration MAX_CRAWL_DELAY = java.time.Duration.ofSeconds(30);

    public HttpFetcher(CrawlerConfig config, Clock clock) {
        this(config, new UrlGuard(), HostGate.sleeping(config.politenessDelay(), clock), clock);
    }

    public HttpFetcher(CrawlerConfig config, UrlGuard guard, HostGate gate, Clock clock) {
        this.config = config;
        this.guard = guard;
        this.gate = gate;
        this.robots = new RobotsCache(config.userAgent(), clock);
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(exchanges)
                .build();
    }

    /** When the URL's host may be contacted again, if it asked us (Retry-After) to wait and that is still ahead. */
    public Optional<java.time.Instant> hostPausedUntil(String url) {
        try {
            return gate.pausedUntil(parseHttpUrl(url).getHost());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Fetches a URL, honouring robots.txt. */
    public FetchResult fetch(FetchRequest request) {
        return fetch(request, true);
    }

    private FetchResult fetch(FetchRequest request, boolean obeyRobots) {
        URI uri;
        try {
            uri = parseHttpUrl(request.url());
        } catch (URISyntaxException e) {
            return new FetchResult.Failed(request.url(), FetchResult.Reason.INVALID_URL,
                    "not a fetchable http(s) URL: " + e.getMessage(), false);
        }
        Set<String> visited = new HashSet<>();
        for (int hop = 0; ; hop++) {
            if (!visited.add(uri.toString())) {
                return new FetchResult.Failed(request.url(), FetchResult.Reason.REDIRECT_LOOP,
                        "redirect loop back to " + uri, false);
            }
            switch (guard.check(uri, request.allowPrivateNetwork())) {
                case UrlGuard.Verdict.Blocked b -> {
                    return new FetchResult.Failed(request.url(), FetchResult.Reason.BLOCKED_ADDRESS, b.message(), false);
                }
                case UrlGuard.Verdict.Unresolvable u -> {
                    return new FetchResult.Failed(request.url(), FetchResult.Reason.UNKNOWN_HOST, u.message(), true);
                }
                case UrlGuard.Verdict.Allowed a -> {
                }
            }
            if (obeyRobots) {
                RobotsCache.Rules rules = robots.rulesFor(uri,
                        robotsUrl -> fetch(FetchRequest.of(robotsUrl, request.allowPrivateNetwork()), false));
                if (rules.unreachable() != null) {
                    // The host did not even serve robots.txt; the page itself would fail the same way.
                    FetchResult.Failed why = rules.unreachable();
                    return new FetchResult.Failed(request.url(), why.reason(),
                            "robots.txt unavailable, host deferred: " + why.message(), true);
                }
                applyCrawlDelay(uri.getHost(), rules);
                BaseRobotRules robotRules = rules.rules();
                if (!robotRules.isAllowed(uri.toString())) {
                    return new FetchResult.Failed(request.url(), FetchResult.Reason.ROBOTS_DISALLOWED,
                            "robots.txt of " + uri.getHost() + " disallows " + uri.getRawPath(), false);
                }
            }
            boolean firstHop = hop == 0;
            // A source's own headers (an API key) go to its host only, never to where a redirect points elsewhere.
            java.util.Map<String, String> headers = sameHost(uri, request.url()) ? request.headers() : java.util.Map.of();
            Exchange exchange = exchange(uri, firstHop ? request.etag() : "", firstHop ? request.lastModified() : "", headers);
            switch (exchange) {
                case Exchange.Failure f -> {
                    return new FetchResult.Failed(request.url(), f.reason(), f.message() + " (" + uri + ")", f.retryable());
                }
                case Exchange.Redirect r -> {
                    if (hop >= config.maxRedirects()) {
                        return new FetchResult.Failed(request.url(), FetchResult.Reason.TOO_MANY_REDIRECTS,
                                "more than " + config.maxRedirects() + " redirects", false);
                    }
                    Optional<URI> next = resolveLocation(uri, r.location());
                    if (next.isEmpty()) {
                        return new FetchResult.Failed(request.url(), FetchResult.Reason.INVALID_URL,
                                "redirect to an unusable location '" + r.location() + "'", false);
                    }
                    uri = next.get();
                }
                case Exchange.Response resp -> {
                    pauseIfAsked(uri, resp);
                    return classify(request.url(), uri, resp);
                }
            }
        }
    }

    private void applyCrawlDelay(String host, RobotsCache.Rules rules) {
        java.time.Duration asked = rules.crawlDelay().orElse(null);
        if (asked != null && asked.compareTo(MAX_CRAWL_DELAY) > 0) {
            if (cappedHosts.add(host.toLowerCase(Locale.ROOT))) {
                log.warn("robots.txt of {} asks for a Crawl-delay of {} s; crawling it {} s apart instead",
                        host, asked.toSeconds(), MAX_CRAWL_DELAY.toSeconds());
            }
            asked = MAX_CRAWL_DELAY;
        }
        gate.crawlDelay(host, asked);
    }

    /** 429 and 503 with Retry-After: keep away from the host until then (bounded), rather than asking again. */
    private void pauseIfAsked(URI uri, Exchange.Response resp) {
        if (resp.status() != 429 && resp.status() != 503) {
            return;
        }
        resp.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.until(v, clock.instant())).ifPresent(until -> {
            gate.pause(uri.getHost(), until);
            log.info("{} answered {} with Retry-After; not contacting it before {}", uri.getHost(), resp.status(), until);
        });
    }

    private static FetchResult classify(String requested, URI finalUri, Exchange.Response resp) {
        int status = resp.status();
        if (status == 304) {
            return new FetchResult.NotModified(requested);
        }
        if (status >= 200 && status < 300) {
            return new FetchResult.Fetched(finalUri.toString(), status,
                    resp.headers().firstValue("Content-Type").orElse(""), resp.body(), resp.headers(), resp.wireBytes());
        }
        if (status == 404 || status == 410) {
            return new FetchResult.Failed(requested, FetchResult.Reason.NOT_FOUND, "HTTP " + status + " from " + finalUri, false);
        }
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        return new FetchResult.Failed(requested, FetchResult.Reason.HTTP_ERROR, "HTTP " + status + " from " + finalUri, retryable);
    }

    /** One request/response, no redirects followed. */
    private sealed interface Exchange {
        /** @param wireBytes body bytes as received, before Content-Encoding was undone */
        record Response(int status, HttpHeaders headers, byte[] body, long wireBytes) implements Exchange {
        }

        record Redirect(String location) implements Exchange {
        }

        record Failure(FetchResult.Reason reason, String message, boolean retryable) implements Exchange {
        }
    }

    private Exchange exchange(URI uri, String etag, String lastModified, java.util.Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(config.readTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,*/*;q=0.8")
                .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
                .header("Accept-Encoding", "gzip, deflate");
        headers.forEach(builder::setHeader);
        if (!etag.isEmpty()) {
            builder.header("If-None-Match", etag);
        }
        if (!lastModified.isEmpty()) {
            builder.header("If-Modified-Since", lastModified);
        }
        HttpRequest request = builder.build();
        Optional<java.time.Instant> paused = gate.pausedUntil(uri.getHost());
        if (paused.isPresent()) {
            return new Exchange.Failure(FetchResult.Reason.HOST_PAUSED,
                    "host " + uri.getHost() + " asked us to wait (Retry-After) until " + paused.get(), true);
        }
        HostGate.Permit permit;
        try {
            permit = gate.acquire(uri.getHost());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange.Failure(FetchResult.Reason.INTERRUPTED, "interrupted while waiting for politeness delay", true);
        }
        try (permit) {
            Future<Exchange> running = exchanges.submit(() -> send(request));
            try {
                return running.get(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                return new Exchange.Failure(FetchResult.Reason.TIMEOUT,
                        "no complete response within " + config.readTimeout().toMillis() + " ms", true);
            } catch (InterruptedException e) {
                running.cancel(true);
                Thread.currentThread().interrupt();
                return new Exchange.Failure(FetchResult.Reason.INTERRUPTED, "interrupted", true);
            } catch (ExecutionException e) {
                return failureOf(e.getCause());
            }
        }
    }

    private Exchange send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return failureOf(e);
        }
        int status = response.statusCode();
        try (CountingInputStream raw = new CountingInputStream(response.body())) {
            if (status >= 300 && status < 400 && status != 304) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isPresent()) {
                    return new Exchange.Redirect(location.get());
                }
            }
            if (status < 200 || status >= 300) {
                return new Exchange.Response(status, response.headers(), new byte[0], 0);
            }
            String encoding = response.headers().firstValue("Content-Encoding").orElse("identity")
                    .strip().toLowerCase(Locale.ROOT);
            InputStream decoded = switch (encoding) {
                case "", "identity" -> raw;
                case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
                case "deflate" -> inflating(raw);
                default -> null;
            };
            if (decoded == null) {
                return new Exchange.Failure(FetchResult.Reason.UNSUPPORTED_ENCODING,
                        "unsupported Content-Encoding '" + encoding + "'", false);
            }
            try (decoded) {
                byte[] body = readCapped(decoded, config.maxBodyBytes());
                if (body == null) {
                    return new Exchange.Failure(FetchResult.Reason.TOO_LARGE,
                            "body larger than " + config.maxBodyBytes() + " bytes", false);
                }
                return new Exchange.Response(status, response.headers(), body, raw.count());
            }
        } catch (java.util.zip.ZipException e) {
            return new Exchange.Failure(FetchResult.Reason.IO_ERROR, "corrupt compressed body: " + e.getMessage(), true);
        }
    }

    /** Counts the bytes read through it: the size on the wire of a compressed body. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        long count() {
            return count;
        }
    }

    /** "deflate" is zlib-wrapped by the standard, raw deflate by some servers; the zlib header tells them apart. */
    private static InputStream inflating(InputStream raw) throws IOException {
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(raw, 2);
        int b0 = in.read();
        int b1 = in.read();
        if (b1 >= 0) {
            in.unread(b1);
        }
        if (b0 >= 0) {
            in.unread(b0);
        }
        boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
        return new InflaterInputStream(in, new Inflater(!zlib), 8192);
    }

    /** The whole stream, or null as soon as it passes {@code cap} bytes. */
    private static byte[] readCapped(InputStream in, long cap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > cap) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Exchange.Failure failureOf(Throwable t) {
        if (t instanceof HttpConnectTimeoutException) {
            return new Exchange.Failure(FetchResult.Reason.TIMEOUT, "connect timed out", true);
        }
        if (t instanceof HttpTimeoutException) {
            return new Exchange.Failure(FetchResult.Reason.TIMEOUT, "timed out: " + t.getMessage(), true);
        }
        if (t instanceof ConnectException || t.getCause() instanceof ConnectException) {
            return new Exchange.Failure(FetchResult.Reason.CONNECT_ERROR, "connection failed: " + describe(t), true);
        }
        if (t instanceof UnknownHostException || t.getCause() instanceof UnresolvedAddressException) {
            return new Exchange.Failure(FetchResult.Reason.UNKNOWN_HOST, "host does not resolve", true);
        }
        if (t instanceof IOException) {
            return new Exchange.Failure(FetchResult.Reason.IO_ERROR, "I/O error: " + describe(t), true);
        }
        if (t instanceof InterruptedException) {
            return new Exchange.Failure(FetchResult.Reason.INTERRUPTED, "interrupted", true);
        }
        log.warn("unexpected error during HTTP exchange", t);
        return new Exchange.Failure(FetchResult.Reason.IO_ERROR, "unexpected error: " + describe(t), true);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean sameHost(URI hop, String requested) {
        try {
            URI first = parseHttpUrl(requested);
            // Same host and port; an upgrade to https keeps them, a downgrade to http does not.
            return hop.getHost().equalsIgnoreCase(first.getHost()) && hop.getPort() == first.getPort()
                    && (hop.getScheme().equalsIgnoreCase(first.getScheme()) || hop.getScheme().equalsIgnoreCase("https"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static URI parseHttpUrl(String url) throws URISyntaxException {
        URI uri = new URI(url.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new URISyntaxException(url, "scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw new URISyntaxException(url, "no host");
        }
        return uri;
    }

    private static Optional<URI> resolveLocation(URI base, String location) {
        try {
            URI next = base.resolve(new URI(location.strip().replace(" ", "%20")));
            return Optional.of(parseHttpUrl(next.toString()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        exchanges.shutdownNow();
        client.close();
    }
}
