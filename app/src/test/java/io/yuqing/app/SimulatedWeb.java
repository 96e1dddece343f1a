package io.yuqing.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.yuqing.core.text.Html;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * A web that publishes {@code rate} new articles per second, spread round-robin over {@code hosts} news sites on
 * loopback addresses 127.0.0.1, 127.0.0.2, … (one site per address, so the crawler's per-host politeness applies per
 * site as on the real web). Each site serves an RSS feed of its newest articles and the article pages. Article
 * {@code i} is published at {@code start + i / rate}; a quarter of them report a risk (wage arrears, an accident, a
 * failed food check, a lawsuit) about a watched enterprise, the rest are harmless. {@link #freeze()} stops publishing.
 */
final class SimulatedWeb implements AutoCloseable {
    static final int FEED_ITEMS = 400;
    private static final String[] RISKS = {
            "近日，%s被%d名员工反映拖欠工资长达%d个月，员工多次讨薪未果，劳动监察部门已介入调查。",
            "%s生产车间昨日发生安全事故，造成%d人受伤，其中%d人伤势较重，应急管理部门已责令停产整顿。",
            "市场监管部门公布的抽检结果显示，%s生产的第%d批次速冻食品菌落总数超标%d倍，被判定为不合格产品。",
            "%s因拖欠货款被%d家供应商起诉，法院已冻结其银行账户%d个，公司资金链紧张。"};
    private static final String[] FILLER = {"当地居民对此高度关注", "相关部门表示将依法处理", "记者将持续关注事件进展",
            "今天天气晴朗，市民出游", "东城区今日停水通知同步发布", "青州市举办第%d届文化节", "本地交通部门发布出行提示",
            "新的公园将于下月开放", "市图书馆延长开放时间", "青州第%d中学举行运动会"};

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> bases = new ArrayList<>();
    private final List<String> enterprises;
    private final double rate;
    private volatile long startNanos;
    private volatile Instant start;
    private volatile long frozenAt = -1;

    private SimulatedWeb(int hosts, double rate, List<String> enterprises) throws IOException {
        this.rate = rate;
        this.enterprises = List.copyOf(enterprises);
        for (int h = 0; h < hosts; h++) {
            InetAddress address = InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) (h + 1)});
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 200);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            int host = h;
            server.createContext("/", exchange -> {
                try {
                    serve(host, exchange);
                } catch (RuntimeException | IOException e) {
                    // the crawler hung up
                } finally {
                    exchange.close();
                }
            });
            server.start();
            servers.add(server);
            bases.add("http://127.0.0." + (h + 1) + ":" + server.getAddress().getPort());
        }
        this.start = Instant.now();
        this.startNanos = System.nanoTime();
    }

    static SimulatedWeb start(int hosts, double rate, List<String> enterprises) throws IOException {
        return new SimulatedWeb(hosts, rate, enterprises);
    }

    /** Restarts the publication clock at article 0: call when the crawler starts, so start-up is not counted as backlog. */
    void begin() {
        this.start = Instant.now();
        this.startNanos = System.nanoTime();
    }

    List<String> feedUrls() {
        return bases.stream().map(b -> b + "/rss.xml").toList();
    }

    /** Articles published so far (all of them once frozen). */
    long published() {
        long frozen = frozenAt;
        return frozen >= 0 ? frozen : (long) ((System.nanoTime() - startNanos) / 1e9 * rate);
    }

    void freeze() {
        frozenAt = published();
    }

    /** When article {@code i} was published. */
    Instant publishedAt(long i) {
        return start.plusNanos((long) (i / rate * 1e9));
    }

    /** The article number in one of this web's article URLs, or -1. */
    static long articleNumber(String url) {
        int at = url.lastIndexOf("/a/");
        if (at < 0 || !url.endsWith(".html")) {
            return -1;
        }
        return Long.parseLong(url.substring(at + 3, url.length() - 5));
    }

    static boolean risky(long i) {
        return i % 4 == 1;
    }

    private void serve(int host, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int hosts = servers.size();
        if (path.equals("/rss.xml")) {
            long newest = published() - 1;
            // This host's articles are host, host + hosts, …: its newest FEED_ITEMS of those published.
            long last = newest - Math.floorMod(newest - host, hosts);
            StringBuilder rss = new StringBuilder(64 * FEED_ITEMS).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>青州新闻 ")
                    .append(host).append("</title>");
            for (long i = last, n = 0; i >= 0 && n < FEED_ITEMS; i -= hosts, n++) {
                rss.append("<item><title>").append(Html.escape(title(i))).append("</title><link>").append(bases.get(host))
                        .append("/a/").append(i).append(".html</link><pubDate>")
                        .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(publishedAt(i).atOffset(java.time.ZoneOffset.UTC)))
                        .append("</pubDate></item>");
            }
            send(exchange, 200, "application/rss+xml; charset=utf-8", rss.append("</channel></rss>").toString());
            return;
        }
        long i = articleNumber(path);
        if (i < 0 || i >= published()) {
            send(exchange, 404, "text/html; charset=utf-8", "<html><body>404</body></html>");
            return;
        }
        send(exchange, 200, "text/html; charset=utf-8", """
                <html><head><title>%s</title><meta property="article:published_time" content="%s"></head>
                <body><nav>首页 | 本地 | 经济</nav><article><h1>%s</h1>%s</article><footer>青州新闻网 版权所有</footer></body></html>"""
                .formatted(Html.escape(title(i)), publishedAt(i), Html.escape(title(i)), body(i)));
    }

    private String enterprise(long i) {
        return enterprises.get((int) (i * 7919 % enterprises.size()));
    }

    private String title(long i) {
        return risky(i) ? enterprise(i) + "被曝问题（第" + i + "号）" : "青州本地新闻第" + i + "期";
    }

    private String body(long i) {
        Random r = new Random(i);
        StringBuilder html = new StringBuilder();
        int paragraphs = 4 + r.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            html.append("<p>");
            if (p == 1 && risky(i)) {
                html.append(Html.escape(String.format(Locale.ROOT, RISKS[r.nextInt(RISKS.length)], enterprise(i),
                        2 + r.nextInt(300), 2 + r.nextInt(12))));
            }
            int sentences = 3 + r.nextInt(4);
            for (int s = 0; s < sentences; s++) {
                html.append(String.format(Locale.ROOT, FILLER[r.nextInt(FILLER.length)], 1 + r.nextInt(99)))
                        .append("（").append(i).append('-').append(p).append('-').append(s).append("）。");
            }
            html.append("</p>");
        }
        return html.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
    }
}
