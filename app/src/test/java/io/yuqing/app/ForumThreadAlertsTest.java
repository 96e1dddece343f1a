package io.yuqing.app;

import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.crawler.CycleReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A forum thread whose title names a firm's wage arrears: every reply carries that title (回复：…), yet the thread is
 * one story — one alert, however many replies, this cycle or later ones. A reply that names another firm's trouble is
 * a new alert for that firm.
 */
class ForumThreadAlertsTest {
    @TempDir
    Path dir;
    private LoopbackSite site;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private String base;

    private static final String TITLE = "青州鼎盛食品有限公司拖欠我们三个月工资了";

    @BeforeEach
    void start() {
        site = LoopbackSite.start(exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            return page == null ? LoopbackSite.Reply.of(404, "text/html; charset=utf-8", "<html><body>404</body></html>")
                    : LoopbackSite.Reply.html(page);
        });
        base = site.base();
        pages.put("/robots.txt", "");
        pages.put("/board.html", "<html><body><a class='t' href='/thread-7.html'>" + TITLE + "</a></body></html>");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private static String post(int id, String who, String text) {
        return "<div class='post' id='post_" + id + "'><b class='who'>" + who + "</b><i class='when'>2026-11-25 20:1" + (id % 10)
                + "</i><div class='txt'><p>" + text + "</p></div></div>";
    }

    private void thread(String... posts) {
        pages.put("/thread-7.html", "<html><head><meta charset='utf-8'><title>" + TITLE + "</title></head><body><h1>" + TITLE
                + "</h1>" + String.join("", posts) + "</body></html>");
    }

    @Test
    void aRiskyThreadIsOneAlertHoweverManyRepliesItGets() throws Exception {
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                crawler:
                  politenessDelay: 0ms
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                watchlist:
                  enterprises:
                    - name: 青州鼎盛食品有限公司
                      shortNames: [鼎盛食品]
                    - name: 青州华信建材有限公司
                      shortNames: [华信建材]
                sources:
                  - id: bbs
                    kind: forum
                    url: %s/board.html
                    linkSelector: "a.t"
                    allowPrivateNetwork: true
                    forum: {post: div.post, body: div.txt, author: b.who, time: i.when}
                """.formatted(dir.resolve("data"), base), "forum.yml");
        thread(post(1, "打工人老王", "青州鼎盛食品有限公司已经三个月没发工资了，一百多个工人讨薪无门。"),
                post(2, "热心市民", "建议打12333投诉，或者去劳动监察大队。"),
                post(3, "路人甲", "顶一下，希望早日解决。"));
        try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), ServiceRunner.newRegistry())) {
            List<CycleReport> first = service.crawlOnce();
            assertEquals(3, first.getFirst().newDocuments(), first.toString());
            assertEquals(1, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts"), "the thread is one alert");

            // Later replies, one naming another firm's trouble.
            thread(post(1, "打工人老王", "青州鼎盛食品有限公司已经三个月没发工资了，一百多个工人讨薪无门。"),
                    post(2, "热心市民", "建议打12333投诉，或者去劳动监察大队。"),
                    post(3, "路人甲", "顶一下，希望早日解决。"),
                    post(4, "知情人", "听说鼎盛食品资金链断了，银行在催贷款。"),
                    post(5, "老员工", "青州华信建材有限公司也拖欠工资半年了，工人多次讨薪未果。"));
            List<CycleReport> second = service.crawlOnce();
            assertEquals(2, second.getFirst().newDocuments(), second.toString());
            assertEquals(1, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts WHERE enterprise_name = ?", "青州鼎盛食品有限公司"),
                    "replies add to the thread's alert instead of making their own");
            assertEquals(1, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts WHERE enterprise_name = ?", "青州华信建材有限公司"),
                    "a reply about another firm's trouble is that firm's alert");
            assertTrue(ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts") == 2);
        }
    }
}
