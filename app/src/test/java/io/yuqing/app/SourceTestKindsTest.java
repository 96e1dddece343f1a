package io.yuqing.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `yuqing source test ID` shows what a site-search, forum or json-api source would yield, from a YAML file. */
class SourceTestKindsTest {
    @TempDir
    Path dir;
    private LoopbackSite site;
    private final List<String> searched = new CopyOnWriteArrayList<>();

    private static final String ARTICLE = """
            <html><head><meta charset="utf-8"><title>%1$s_青州新闻网</title></head><body>
            <h1>%1$s</h1><div class="info">发布时间：2026-11-24 14:52 来源：青州日报</div>
            <div class="content"><p>近日，多名员工反映青州恒达建设集团有限公司拖欠工资已达三个月，涉及一百余人。</p>
            <p>当地人社部门表示已介入调查，并责令企业限期支付。企业负责人称正在筹措资金，争取月底前发放。</p></div>
            </body></html>""";

    @BeforeEach
    void start() {
        site = LoopbackSite.start(ex -> switch (ex.getRequestURI().getPath()) {
            case "/search" -> {
                String raw = ex.getRequestURI().getRawQuery();
                String term = URLDecoder.decode(raw.substring(2), StandardCharsets.UTF_8);
                searched.add(term);
                yield LoopbackSite.Reply.html("<ul class='r'><li><a href='/news/1.html'>" + term + "</a></li></ul>");
            }
            case "/news/1.html" -> LoopbackSite.Reply.html(ARTICLE.formatted("恒达建设被曝拖欠工资"));
            case "/board.html" -> LoopbackSite.Reply.html("<a class='t' href='/thread-1.html'>帖子</a>");
            case "/thread-1.html" -> LoopbackSite.Reply.html("<h1>恒达建设欠薪</h1>"
                    + "<div class='post' id='post_11'><b class='who'>工友甲</b><i class='when'>2026-11-24 08:00</i>"
                    + "<div class='txt'>恒达建设三个月没发工资了。</div></div>"
                    + "<div class='post' id='post_12'><b class='who'>工友乙</b><i class='when'>2026-11-24 09:30</i>"
                    + "<div class='txt'>我们也是，去劳动监察投诉吧。</div></div>");
            case "/api" -> {
                boolean keyed = "literal-test-key".equals(ex.getRequestHeaders().getFirst("X-Api-Key"));
                yield LoopbackSite.Reply.of(200, "application/json", keyed ? "{\"list\":[{\"u\":\"/item/7\",\"t\":\"恒达建设回应欠薪传闻\","
                        + "\"c\":\"企业称将于月底前发放工资。\",\"a\":\"新闻客户端\",\"p\":\"2026-11-24 10:00\"}]}"
                        : "{\"error\":\"no key\"}");
            }
            default -> LoopbackSite.Reply.notFound();
        });
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private Path config() throws IOException {
        String base = site.base();
        Path config = dir.resolve("kinds.yml");
        Files.writeString(config, """
                dataDir: %1$s
                crawler:
                  politenessDelay: 0ms
                watchlist:
                  enterprises:
                    - name: 青州恒达建设集团有限公司
                      shortNames: [恒达建设]
                sources:
                  - id: search
                    kind: site-search
                    url: %2$s/search?q={query}
                    linkSelector: "ul.r a"
                    allowPrivateNetwork: true
                  - id: bbs
                    kind: forum
                    url: %2$s/board.html
                    linkSelector: "a.t"
                    allowPrivateNetwork: true
                    forum: {post: div.post, body: div.txt, author: b.who, time: i.when}
                  - id: api
                    kind: json-api
                    url: %2$s/api
                    allowPrivateNetwork: true
                    json: {items: /list, url: /u, title: /t, text: /c, author: /a, time: /p}
                    headers: {X-Api-Key: literal-test-key}
                """.formatted(dir.resolve("data"), base), StandardCharsets.UTF_8);
        return config;
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void siteSearchSearchesTheWatchlistsNamesOrTheGivenQuery() throws IOException {
        String out = run("source", "test", "search", "--config", config().toString());
        assertEquals(List.of("青州恒达建设集团有限公司"), searched);
        assertTrue(out.contains("articles read: 1"), out);
        assertTrue(out.contains("恒达建设被曝拖欠工资"), out);
        assertTrue(out.contains("watchlist: 青州恒达建设集团有限公司"), out);

        searched.clear();
        run("source", "test", "search", "--config", config().toString(), "--query", "恒达", "--query", "云帆");
        assertEquals(List.of("恒达", "云帆"), searched);
    }

    @Test
    void forumShowsEachPostWithItsAuthorAndTime() throws IOException {
        String out = run("source", "test", "bbs", "--config", config().toString());
        assertTrue(out.contains("articles read: 2"), out);
        assertTrue(out.contains("/thread-1.html#post-11"), out);
        assertTrue(out.contains("回复：恒达建设欠薪"), out);
        assertTrue(out.contains("published: 2026-11-24 09:30   author: 工友乙"), out);
    }

    @Test
    void jsonApiShowsItsItems() throws IOException {
        String out = run("source", "test", "api", "--config", config().toString());
        assertTrue(out.contains("恒达建设回应欠薪传闻"), out);
        assertTrue(out.contains("published: 2026-11-24 10:00   author: 新闻客户端"), out);
        assertTrue(!out.contains("literal-test-key"), "the header value is never printed");
    }
}
