package io.yuqing.app.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local news portal (青州新闻网) serving the bundled demo articles on 127.0.0.1, so {@code yuqing demo} has
 * something realistic to crawl: an RSS feed, two HTML list pages, article pages in a portal layout (one of them
 * GBK-encoded without a charset header), robots.txt, and 404 for everything else.
 *
 * <p>Publish times are fixed when the site starts ({@code clock.instant()} minus each article's age), so URLs and
 * dates stay stable for the life of the site.
 */
public final class DemoSite implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoSite.class);
    private static final int DEFAULT_MAIN_PORT = 8090;
    private static final SitePage ROBOTS = new SitePage(
            "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    private static final SitePage NOT_FOUND = new SitePage(
            ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>404 页面不存在</title></head>"
                    + "<body><h1>404 页面不存在</h1><p><a href=\"/\">返回首页</a></p></body></html>\n")
                    .getBytes(StandardCharsets.UTF_8), DemoPages.HTML_UTF8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final List<DemoArticle> articles;

    private DemoSite(HttpServer server, ExecutorService executor, String baseUrl, List<DemoArticle> articles) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrl;
        this.articles = articles;
    }

    /** Starts the site on 127.0.0.1 on an ephemeral port. */
    public static DemoSite start(Clock clock) {
        return start(clock, 0);
    }

    /** Starts the site on 127.0.0.1:{@code port}; port 0 picks a free one. */
    public static DemoSite start(Clock clock, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for the demo news site", e);
        }
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        Instant now = clock.instant();
        List<DemoArticle> articles = DemoContent.articles(clock, baseUrl);
        Map<String, SitePage> pages = new HashMap<>(new DemoPages(articles, now).render());
        pages.put("/rss.xml", DemoFeed.render(articles, baseUrl, now));
        pages.put("/robots.txt", ROBOTS);
        Map<String, SitePage> routes = Map.copyOf(pages);

        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, routes));
        server.start();
        log.info("demo news site with {} articles at {}", articles.size(), baseUrl);
        return new DemoSite(server, executor, baseUrl, articles);
    }

    /** Scheme, host and port, without a trailing slash, e.g. http://127.0.0.1:41234. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The articles served, newest first. */
    public List<DemoArticle> articles() {
        return articles;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private static void serve(HttpExchange exchange, Map<String, SitePage> routes) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            SitePage page = routes.get(exchange.getRequestURI().getRawPath());
            int status = page == null ? 404 : 200;
            SitePage reply = page == null ? NOT_FOUND : page;
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(reply.body().length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    /** Runs the site until the process is stopped: {@code DemoSite [port]} (default 8090). */
    public static void main(String[] args) {
        int port = DEFAULT_MAIN_PORT;
        if (args.length > 0) {
            try {
                port = Integer.parseInt(args[0].strip());
            } catch (NumberFormatException e) {
                System.err.println("usage: DemoSite [port]   (port must be a number, not '" + args[0] + "')");
                System.exit(2);
            }
        }
        DemoSite site = start(Clock.systemUTC(), port);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(site::close));
        System.out.println("青州新闻网 demo site: " + site.baseUrl() + "/  (feed " + site.baseUrl() + "/rss.xml; Ctrl-C stops)");
    }
}
