package io.yuqing.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertService;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every console page in English shows no Chinese: the service runs with a watchlist, desks, sources and documents
 * that are pure ASCII, so any Han character on a page is a fixed string that missed its translation. Visible text is
 * the text between tags plus the attributes a reader meets (aria-label, placeholder, title, alt, the new-alerts
 * banner's data-text); passages marked lang="zh-CN" are Chinese on purpose (the language switch, mail as it was sent,
 * the service's own audit notes) and are left out. The same pages in Chinese still render, in Chinese.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnglishConsoleTest {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private AdjustableClock clock;
    private YuqingService service;
    private ConsoleServer console;
    private String base;
    private Enterprise yunfan;
    private final List<Alert> alerts = new ArrayList<>();
    private long assigned;
    private long resolved;
    /** Outbox rows: one failed for good (with its resend button), one pending (a resend is refused). */
    private long deadRow;
    private long pendingRow;

    /** One page as some user fetches it, and the status it answers with. */
    private record PageCheck(String name, String user, int status, Fetch fetch) {
    }

    @FunctionalInterface
    private interface Fetch {
        HttpResponse<String> from(ConsoleClient client) throws Exception;
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        clock = new AdjustableClock(Instant.parse("2026-11-20T02:00:00Z"));
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                alerting:
                  quietHours:
                    from: "22:00"
                    to: "07:00"
                    levelsBelow: orange
                  escalationRecipients: [duty@example.gov.cn]
                desks:
                  - id: publicity
                    name: Publicity Desk
                    recipients: [pub@example.gov.cn]
                  - id: united-front
                    name: United Front Desk
                    recipients: [uf@example.gov.cn]
                    categories: [wage-arrears, labor-dispute]
                    minLevel: yellow
                sources:
                  - id: city-news
                    name: City News
                    kind: rss
                    url: http://127.0.0.1:9/rss.xml
                    every: 10m
                watchlist:
                  enterprises:
                    - name: Yunfan Building Group
                      shortNames: [Yunfan]
                      aliases: [Yunfan Build]
                      creditCode: 91990102MA01YF0017
                      district: East Lake District
                      industry: Construction
                    - name: Hengda Foods Ltd
                      shortNames: [Hengda Foods]
                      district: West Hill District
                      industry: Food
                """.formatted(dir.resolve("data")), "english.yml");
        PrometheusMeterRegistry registry = ServiceRunner.newRegistry();
        service = YuqingService.open(config, clock, registry);
        console = ConsoleServer.start(service, registry, 0);
        base = "http://127.0.0.1:" + console.port();
        List<String> desks = List.of("publicity", "united-front");
        console.users().add("admin", Role.ADMIN, null, "admin password 1", desks, "test");
        console.users().add("viewer", Role.VIEWER, null, "viewer password", desks, "test");
        console.users().add("deskuser", Role.DESK, "united-front", "desk password 1", desks, "test");
        yunfan = service.watchlist().stream().filter(e -> e.name().equals("Yunfan Building Group")).findFirst().orElseThrow();

        // The lexicon is Chinese, so ASCII items would score nothing: they arrive scored, as the pipeline would store
        // them (indexed, clustered, alerted, told to the escalation monitor). A burst of nine makes an escalation.
        AlertService raiser = new AlertService(service.database().dataSource(), config.desks(), base, clock, registry);
        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofMinutes(3));
            alerts.addAll(raise(raiser, "https://site" + (i % 3) + ".example.com/news/" + i + ".html",
                    "Yunfan Building Group owes wages to workers, report " + i,
                    "Workers at a Yunfan Building Group site say the company has not paid wages for three months. Report " + i + "."));
        }
        // A repost of the first story on another site: the alert page shows its spread.
        Document first = service.store().get(alerts.getFirst().documentId()).orElseThrow().document();
        service.clusters().assign("repost-of-the-first-story", "mirror.example.com", first.text());
        assertTrue(alerts.size() >= 9, "every item raised an alert: " + alerts.size());
        assertFalse(service.escalations().recent(10).isEmpty(), "the burst escalated");

        ConsoleClient admin = login("admin", "admin password 1");
        String csrf = admin.csrf("/alerts");
        assigned = alerts.get(0).id();
        resolved = alerts.get(1).id();
        assertEquals(303, admin.post("/alerts/" + assigned + "/acknowledge", Map.of("csrf", csrf, "note", "checking")).statusCode());
        assertEquals(303, admin.post("/alerts/" + assigned + "/assign", Map.of("csrf", csrf, "assignee", "Team B",
                "due", LocalDate.now(clock.withZone(CHINA)).plusDays(3).toString(), "note", "please follow up")).statusCode());
        assertEquals(303, admin.post("/alerts/" + resolved + "/resolve", Map.of("csrf", csrf, "note", "wages paid")).statusCode());
        assertEquals(303, admin.post("/silences", Map.of("csrf", csrf, "enterprise", yunfan.id(), "category", "wage-arrears",
                "level", "blue", "hours", "24", "comment", "same story, handled")).statusCode());

        // No mail server here, so nothing fails by itself: two rows are marked failed for good as the dispatcher
        // leaves them, and one of those is sent again, so the page shows a dead row, a resent row and pending ones.
        var rows = new io.yuqing.alerting.outbox.OutboxQueries(service.database().dataSource()).recent(100);
        assertTrue(rows.size() >= 3, rows.toString());
        deadRow = rows.get(0).id();
        long resent = rows.get(1).id();
        pendingRow = rows.get(2).id();
        try (var c = service.database().dataSource().getConnection();
             var ps = c.prepareStatement("UPDATE outbox SET status = 'dead', last_error = 'mail server unreachable' WHERE id IN (?, ?)")) {
            ps.setLong(1, deadRow);
            ps.setLong(2, resent);
            assertEquals(2, ps.executeUpdate());
        }
        assertTrue(service.resendDead(resent, "admin") instanceof io.yuqing.alerting.outbox.DeadLetters.Resent);
    }

    private List<Alert> raise(AlertService raiser, String url, String title, String text) throws Exception {
        Instant now = clock.instant();
        Document doc = new Document(null, url, "city-news", title, text, "Li Lei", "City News", now, now);
        RiskAssessment risk = new RiskAssessment(72, RiskLevel.ORANGE, List.of(RiskCategory.WAGE_ARREARS),
                List.of(new Evidence("not paid wages", RiskCategory.WAGE_ARREARS, text, false),
                        new Evidence("owes wages", RiskCategory.WAGE_ARREARS, title, true)), List.of(yunfan.id()));
        ScoredDocument scored = new ScoredDocument(doc, List.of(new Mention(yunfan.id(), yunfan.name(), 2, true)), risk);
        service.store().index(scored);
        service.clusters().assign(doc.id(), java.net.URI.create(url).getHost(), text);
        List<Alert> raised = raiser.process(scored);
        service.escalations().onAlerts(raised);
        return raised;
    }

    @AfterAll
    void stop() {
        if (console != null) {
            console.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private ConsoleClient login(String user, String password) throws Exception {
        ConsoleClient c = new ConsoleClient(base);
        assertEquals(303, c.login(user, password).statusCode(), user);
        return c;
    }

    /** Every page staff reach: the inbox with its filters and notices, each page, and the error pages. */
    private List<PageCheck> pages() {
        String alert = "/alerts/" + assigned;
        String today = LocalDate.now(clock.withZone(CHINA)).toString();
        List<PageCheck> p = new ArrayList<>();
        p.add(new PageCheck("inbox", "admin", 200, c -> c.get("/alerts")));
        p.add(new PageCheck("inbox filtered", "admin", 200, c -> c.get("/alerts?level=orange&status=open&desk=publicity"
                + "&category=wage-arrears&district=East%20Lake%20District&enterprise=" + enc(yunfan.id()) + "&from=" + today + "&to=" + today)));
        p.add(new PageCheck("inbox, nothing matches, bad date", "admin", 200, c -> c.get("/alerts?level=red&from=yesterday")));
        p.add(new PageCheck("inbox after bulk acknowledge", "admin", 200, c -> c.get("/alerts?acked=2&skipped=1")));
        p.add(new PageCheck("inbox, empty bulk acknowledge", "admin", 200, c -> c.get("/alerts?acked=0&skipped=0")));
        p.add(new PageCheck("inbox page two", "admin", 200, c -> c.get("/alerts?offset=50")));
        p.add(new PageCheck("alert detail (assigned)", "admin", 200, c -> c.get(alert)));
        p.add(new PageCheck("alert detail, saved", "admin", 200, c -> c.get(alert + "?msg=done")));
        p.add(new PageCheck("alert detail, invalid", "admin", 200, c -> c.get(alert + "?msg=invalid")));
        p.add(new PageCheck("alert detail (resolved)", "admin", 200, c -> c.get("/alerts/" + resolved)));
        p.add(new PageCheck("alert detail (new)", "admin", 200, c -> c.get("/alerts/" + alerts.getLast().id())));
        p.add(new PageCheck("alert detail, read-only", "viewer", 200, c -> c.get(alert)));
        p.add(new PageCheck("escalations", "admin", 200, c -> c.get("/escalations")));
        p.add(new PageCheck("enterprise", "admin", 200, c -> c.get("/enterprises/" + enc(yunfan.id()))));
        p.add(new PageCheck("enterprise without items", "admin", 200, c -> c.get("/enterprises/" + enc("Hengda Foods Ltd"))));
        p.add(new PageCheck("search", "admin", 200, c -> c.get("/search")));
        p.add(new PageCheck("search with query and facet", "admin", 200, c -> c.get("/search?q=wages&category=wage-arrears")));
        p.add(new PageCheck("search, bad query", "admin", 200, c -> c.get("/search?q=" + enc("wages AND ("))));
        p.add(new PageCheck("watchlist", "admin", 200, c -> c.get("/watchlist")));
        p.add(new PageCheck("watchlist after import", "admin", 200, c -> c.get("/watchlist?msg=imported&count=2&added=1")));
        p.add(new PageCheck("watchlist, read-only", "viewer", 200, c -> c.get("/watchlist")));
        p.add(new PageCheck("silences", "admin", 200, c -> c.get("/silences?msg=created")));
        p.add(new PageCheck("silences, prefilled", "admin", 200, c -> c.get("/silences?enterprise=" + enc(yunfan.id()) + "&category=wage-arrears")));
        p.add(new PageCheck("silences, ended", "admin", 200, c -> c.get("/silences?msg=gone")));
        p.add(new PageCheck("routing", "admin", 200, c -> c.get("/routing")));
        p.add(new PageCheck("outbox", "admin", 200, c -> c.get("/outbox")));
        p.add(new PageCheck("outbox, read-only", "viewer", 200, c -> c.get("/outbox")));
        p.add(new PageCheck("outbox after a resend", "admin", 200, c -> c.get("/outbox?msg=resent")));
        p.add(new PageCheck("outbox after resending all", "admin", 200, c -> c.get("/outbox?msg=resent-all&count=2")));
        p.add(new PageCheck("outbox, failed only", "admin", 200, c -> c.get("/outbox?status=dead")));
        p.add(new PageCheck("outbox, sent only (none)", "viewer", 200, c -> c.get("/outbox?status=sent")));
        p.add(new PageCheck("outbox, older page", "admin", 200, c -> c.get("/outbox?before=" + deadRow)));
        p.add(new PageCheck("outbox, unknown status", "admin", 400, c -> c.get("/outbox?status=failed")));
        p.add(new PageCheck("outbox, bad page", "admin", 400, c -> c.get("/outbox?before=abc")));
        p.add(new PageCheck("outbox, no such row to page from", "admin", 400, c -> c.get("/outbox?before=999999")));
        p.add(new PageCheck("viewer cannot resend", "viewer", 403, c -> c.post("/outbox/" + deadRow + "/resend",
                Map.of("csrf", c.csrf("/outbox")))));
        p.add(new PageCheck("viewer cannot resend all", "viewer", 403, c -> c.post("/outbox/resend-dead",
                Map.of("csrf", c.csrf("/outbox")))));
        p.add(new PageCheck("resend a pending row", "admin", 409, c -> c.post("/outbox/" + pendingRow + "/resend",
                Map.of("csrf", c.csrf("/outbox")))));
        p.add(new PageCheck("resend no such row", "admin", 404, c -> c.post("/outbox/999999/resend",
                Map.of("csrf", c.csrf("/outbox")))));
        p.add(new PageCheck("API reference", "admin", 200, c -> c.get("/api/docs")));
        p.add(new PageCheck("API reference, anonymous", "anonymous", 200, c -> c.get("/api/docs")));
        p.add(new PageCheck("login", "anonymous", 200, c -> c.get("/login")));
        p.add(new PageCheck("login, wrong password", "anonymous", 401, c -> c.login("admin", "not the password")));
        p.add(new PageCheck("anonymous post", "anonymous", 403, c -> c.post("/alerts/" + assigned + "/acknowledge", Map.of())));
        p.add(new PageCheck("no such page", "admin", 404, c -> c.get("/no-such-page")));
        p.add(new PageCheck("no such alert", "admin", 404, c -> c.get("/alerts/999999")));
        p.add(new PageCheck("no such enterprise", "admin", 404, c -> c.get("/enterprises/nobody")));
        p.add(new PageCheck("no such action", "admin", 404, c -> c.post(alert + "/dance", Map.of("csrf", c.csrf("/alerts")))));
        p.add(new PageCheck("assign without assignee", "admin", 400, c -> c.post(alert + "/assign",
                Map.of("csrf", c.csrf("/alerts"), "assignee", ""))));
        p.add(new PageCheck("assign with a bad due date", "admin", 400, c -> c.post(alert + "/assign",
                Map.of("csrf", c.csrf("/alerts"), "assignee", "Team C", "due", "31/12"))));
        p.add(new PageCheck("resolve without note", "admin", 400, c -> c.post(alert + "/resolve", Map.of("csrf", c.csrf("/alerts")))));
        p.add(new PageCheck("silence without reason", "admin", 400, c -> c.post("/silences",
                Map.of("csrf", c.csrf("/silences"), "hours", "24", "comment", ""))));
        p.add(new PageCheck("silence with an odd duration", "admin", 400, c -> c.post("/silences",
                Map.of("csrf", c.csrf("/silences"), "hours", "5", "comment", "x"))));
        p.add(new PageCheck("missing CSRF token", "admin", 403, c -> c.post("/silences", Map.of("hours", "24", "comment", "x"))));
        p.add(new PageCheck("import without a file", "admin", 400, c -> c.postFile("/watchlist/import",
                Map.of("csrf", c.csrf("/watchlist")), "other", "w.csv", new byte[0])));
        p.add(new PageCheck("import not UTF-8", "admin", 400, c -> c.postFile("/watchlist/import",
                Map.of("csrf", c.csrf("/watchlist")), "file", "w.csv", new byte[]{'n', 'a', 'm', 'e', '\n', (byte) 0xC4, (byte) 0xE3, '\n'})));
        p.add(new PageCheck("viewer cannot silence", "viewer", 403, c -> c.post("/silences",
                Map.of("csrf", c.csrf("/silences"), "hours", "24", "comment", "x"))));
        p.add(new PageCheck("viewer cannot act", "viewer", 403, c -> c.post("/alerts/bulk", Map.of("csrf", c.csrf("/alerts")))));
        p.add(new PageCheck("viewer cannot export", "viewer", 403, c -> c.get("/watchlist.csv")));
        p.add(new PageCheck("desk member's outbox", "deskuser", 403, c -> c.get("/outbox")));
        p.add(new PageCheck("desk member's inbox", "deskuser", 200, c -> c.get("/alerts")));
        p.add(new PageCheck("sources", "admin", 200, c -> c.get("/sources")));
        p.add(new PageCheck("sources, read-only", "viewer", 200, c -> c.get("/sources")));
        p.add(new PageCheck("add a source", "admin", 200, c -> c.get("/sources/new")));
        p.add(new PageCheck("add a source, invalid", "admin", 400, c -> c.post("/sources",
                Map.of("csrf", c.csrf("/sources/new"), "do", "add", "definition", "id: x\nkind: tv\n"))));
        p.add(new PageCheck("viewer cannot pause a source", "viewer", 403, c -> c.post("/sources/x/pause",
                Map.of("csrf", c.csrf("/sources")))));
        p.add(new PageCheck("no such source", "admin", 404, c -> c.post("/sources/nope/pause", Map.of("csrf", c.csrf("/sources")))));
        return p;
    }

    private Map<String, ConsoleClient> clients(String lang) throws Exception {
        ConsoleClient anonymous = new ConsoleClient(base);
        Map<String, ConsoleClient> clients = Map.of("admin", login("admin", "admin password 1"), "viewer", login("viewer", "viewer password"),
                "deskuser", login("deskuser", "desk password 1"), "anonymous", anonymous);
        for (ConsoleClient c : clients.values()) {
            // The switch on every page: sets the cookie and goes back.
            assertEquals(303, c.get("/lang?to=" + lang).statusCode());
            assertTrue(c.hasCookie("lang"));
        }
        return clients;
    }

    @Test
    void everyPageInEnglishShowsNoChinese() throws Exception {
        Map<String, ConsoleClient> clients = clients("en");
        List<String> failures = new ArrayList<>();
        for (PageCheck page : pages()) {
            HttpResponse<String> r = page.fetch().from(clients.get(page.user()));
            assertEquals(page.status(), r.statusCode(), page.name());
            String html = r.body();
            assertTrue(html.contains("<html lang=\"en\">"), page.name() + " is an English page: " + html);
            List<String> chinese = chineseIn(visibleText(html));
            if (!chinese.isEmpty()) {
                failures.add(page.name() + ": " + chinese);
            }
        }
        assertTrue(failures.isEmpty(), "Chinese on English pages:\n" + String.join("\n", failures));

        // The ASCII data did reach the pages, so the pages above showed real content, not empty states only.
        String detail = clients.get("admin").get("/alerts/" + assigned).body();
        assertTrue(detail.contains("Yunfan Building Group owes wages") && detail.contains("Team B") && detail.contains("Spread")
                && detail.contains("Case history") && detail.contains(">Assign<"), detail);
        String escalations = clients.get("admin").get("/escalations").body();
        assertTrue(escalations.contains("Yunfan Building Group") && escalations.contains("Escalating"), escalations);
        String outbox = clients.get("admin").get("/outbox").body();
        assertTrue(outbox.contains("pub@example.gov.cn") && outbox.contains("lang=\"zh-CN\""), "mail is listed, marked Chinese");
        assertTrue(outbox.contains(">Send again</button>") && outbox.contains("sent again by admin at ")
                && outbox.contains("Send all 1 failed again"), outbox);
        String failed = clients.get("admin").get("/outbox?status=dead").body();
        assertTrue(failed.contains("class=\"on\">Failed<b>1</b></a>") && failed.contains("data-outbox=\"" + deadRow + "\"")
                && failed.contains("Newest first, 100 a page."), failed);
        String older = clients.get("admin").get("/outbox?before=" + deadRow).body();
        assertTrue(older.contains(">Back to the newest</a>") && older.contains("Deliveries after number " + deadRow), older);
        assertTrue(clients.get("admin").get("/outbox?status=failed").body()
                .contains("Status &quot;failed&quot; is not understood: use pending, sent or dead, or leave it out for all."));
    }

    @Test
    void theOutboxNamesEachRowsChannelAndAWebhookRowsAddressIsNotARecipient() throws Exception {
        var hook = new io.yuqing.core.config.WebhookConfig(io.yuqing.core.config.WebhookConfig.Kind.DINGTALK,
                "https://oapi.dingtalk.com/robot/send?access_token=tok3n", "");
        var message = new io.yuqing.alerting.webhook.WebhookMessage("alert:9999:desk:publicity:webhook:0", 9999, RiskLevel.YELLOW,
                "Yunfan Building Group", "Yunfan <b>owes</b> wages", List.of(RiskCategory.WAGE_ARREARS),
                "https://news.example.cn/1", "http://console/alerts/9999", clock.instant());
        try (var c = service.database().dataSource().getConnection()) {
            // Due in a year, so the running dispatcher leaves it waiting while the page is read.
            io.yuqing.alerting.outbox.Outbox.enqueue(c, new io.yuqing.alerting.outbox.OutgoingWebhook(
                    "alert:9999:desk:publicity:webhook:0",
                    io.yuqing.alerting.webhook.WebhookTarget.of("publicity", 0, hook), message),
                    clock.instant(), clock.instant().plus(Duration.ofDays(365)));
        }
        String english = clients("en").get("admin").get("/outbox").body();
        assertTrue(english.contains("Channel: DingTalk robot (Publicity Desk) · Address: https://oapi.dingtalk.com/robot/send"),
                english);
        assertTrue(english.contains("Channel: Mail · To: "), english);
        assertFalse(english.contains("tok3n"), "the robot's token stays in the config");
        String chinese = clients("zh").get("admin").get("/outbox").body();
        assertTrue(chinese.contains("渠道：钉钉机器人（Publicity Desk） · 地址：https://oapi.dingtalk.com/robot/send"), chinese);
        assertTrue(chinese.contains("渠道：邮件 · 收件人："), chinese);
        var api = clients("en").get("admin").get("/api/outbox").body();
        assertTrue(api.contains("\"channel\":\"webhook\",\"webhookKind\":\"dingtalk\",\"desk\":\"publicity\"")
                && api.contains("\"channel\":\"mail\""), api);
    }

    @Test
    void theSamePagesInChineseStillRenderInChinese() throws Exception {
        Map<String, ConsoleClient> clients = clients("zh");
        for (PageCheck page : pages()) {
            HttpResponse<String> r = page.fetch().from(clients.get(page.user()));
            assertEquals(page.status(), r.statusCode(), page.name());
            String html = r.body();
            assertTrue(html.contains("<html lang=\"zh-CN\">"), page.name());
            // The API reference is written in English for both (its frame follows the language).
            String part = page.name().startsWith("API reference") ? html.substring(0, html.indexOf("<main>"))
                    : html.substring(html.indexOf("<main>"));
            assertFalse(chineseIn(visibleText(part)).isEmpty(), page.name() + " has Chinese: " + part);
        }
        String detail = clients.get("admin").get("/alerts/" + assigned).body();
        assertTrue(detail.contains("处理记录") && detail.contains("传播情况") && detail.contains("交办"), detail);
        assertTrue(clients.get("anonymous").get("/login").body().contains("用户名"));
    }

    @Test
    void theCheckFindsChineseWhereverAReaderMeetsIt() {
        // The extraction itself, so the tests above cannot pass by looking nowhere.
        assertEquals(List.of("风险"), chineseIn(visibleText("<html lang=\"en\"><p>风险</p></html>")));
        assertEquals(List.of("原因"), chineseIn(visibleText("<input placeholder=\"原因\">")));
        assertEquals(List.of("全选"), chineseIn(visibleText("<input type=checkbox aria-label=\"全选\">")));
        assertEquals(List.of("条新预警"), chineseIn(visibleText("<div data-text=\"{n} 条新预警\" hidden></div>")));
        assertEquals(List.of("中文"), chineseIn(visibleText("<title>中文 · x</title>")));
        assertEquals(List.of("风险"), chineseIn(visibleText("<p>&#39118;&#38505;</p>")));
        assertEquals(List.of(), chineseIn(visibleText("<a href=\"/lang?to=zh\"><span lang=\"zh-CN\">中文</span></a><script>var a='风险';</script>")));
    }

    /** The text a reader sees or hears: tag contents and reader-facing attributes, without scripts and marked-Chinese passages. */
    static String visibleText(String html) {
        String s = html.replaceAll("(?is)<(script|style)\\b.*?</\\1>", " ");
        s = s.replaceAll("(?is)<(?!html\\b)(\\w+)\\b[^>]*\\blang=\"zh-CN\"[^>]*>.*?</\\1>", " ");
        StringBuilder out = new StringBuilder();
        Matcher attributes = Pattern.compile("(?i)\\s(aria-label|placeholder|title|alt|data-text)=\"([^\"]*)\"").matcher(s);
        while (attributes.find()) {
            out.append(attributes.group(2)).append('\n');
        }
        out.append(s.replaceAll("(?s)<[^>]*>", " "));
        Matcher entity = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(out.toString());
        StringBuilder text = new StringBuilder();
        while (entity.find()) {
            int cp = Integer.parseInt(entity.group(2), entity.group(1).isEmpty() ? 10 : 16);
            entity.appendReplacement(text, Matcher.quoteReplacement(new String(Character.toChars(cp))));
        }
        entity.appendTail(text);
        return text.toString();
    }

    /** Each run of Han characters in the text, in order. */
    static List<String> chineseIn(String text) {
        List<String> runs = new ArrayList<>();
        Matcher m = Pattern.compile("\\p{IsHan}+").matcher(text);
        while (m.find()) {
            runs.add(m.group());
        }
        return runs;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
