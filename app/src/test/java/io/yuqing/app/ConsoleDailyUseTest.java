package io.yuqing.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.text.Html;
import io.yuqing.indexer.store.SearchQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's daily-use features over HTTP on the crawled demo site: inbox filters (category, district, dates,
 * enterprise) with exact counts, the new-alerts summary, bulk acknowledge with CSRF and desk isolation, the
 * enterprise page with its chart, the admin-only watchlist export, search facets and paging, English labels, the
 * API reference and JSON error bodies, and the management port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleDailyUseTest {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW_ID = Pattern.compile("name=\"id\" value=\"(\\d+)\"");

    private ServiceFixture app;
    private YuqingService service;
    private PrometheusMeterRegistry registry;
    private ConsoleServer console;
    private String base;
    private List<Alert> all;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        app = ServiceFixture.onDemoSite(dir.resolve("data")).admin()
                .user("tongzhan", Role.DESK, "united-front", "united front pw").viewer().start();
        service = app.service();
        registry = app.registry();
        console = app.console();
        base = app.base();
        service.crawlOnce();
        all = service.alerts().list(AlertFilter.all(), 0, 500);
        assertTrue(all.size() >= 4, "the demo raises alerts: " + all.size());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static List<Long> rowIds(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW_ID.matcher(html);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void inboxFiltersByCategoryDistrictEnterpriseAndDates() throws Exception {
        ConsoleClient admin = app.loggedIn("admin");
        RiskCategory category = all.getFirst().categories().getFirst();
        List<Long> byCategory = rowIds(admin.get("/alerts?category=" + category.code()).body());
        assertEquals(all.stream().filter(a -> a.categories().contains(category)).map(Alert::id).sorted().toList(),
                byCategory.stream().sorted().toList());

        Map<String, String> districtOf = new LinkedHashMap<>();
        for (Enterprise e : service.watchlist()) {
            districtOf.put(e.id(), e.district());
        }
        String district = districtOf.get(all.getFirst().enterpriseId());
        List<Long> byDistrict = rowIds(admin.get("/alerts?district=" + enc(district)).body());
        assertEquals(all.stream().filter(a -> district.equals(districtOf.get(a.enterpriseId()))).map(Alert::id).sorted().toList(),
                byDistrict.stream().sorted().toList());
        assertTrue(byDistrict.size() < all.size() || districtOf.values().stream().distinct().count() == 1);
        assertTrue(rowIds(admin.get("/alerts?district=" + enc("不存在区")).body()).isEmpty());

        String enterprise = all.getFirst().enterpriseId();
        String page = admin.get("/alerts?enterprise=" + enc(enterprise)).body();
        assertEquals(all.stream().filter(a -> a.enterpriseId().equals(enterprise)).count(), rowIds(page).size());
        assertTrue(page.contains("href=\"/enterprises/"), "rows link to the enterprise page");

        LocalDate today = LocalDate.now(CHINA);
        assertEquals(all.size(), rowIds(admin.get("/alerts?from=" + today.minusDays(1) + "&to=" + today).body()).size());
        assertTrue(rowIds(admin.get("/alerts?from=" + today.plusDays(1)).body()).isEmpty());
        assertTrue(rowIds(admin.get("/alerts?to=" + today.minusDays(1)).body()).isEmpty());
        String bad = admin.get("/alerts?from=yesterday").body();
        assertEquals(all.size(), rowIds(bad).size(), "a malformed date filters nothing");
        assertTrue(bad.contains("yesterday") && bad.contains("已忽略"), "and the page says it was ignored");

        // Open = new or acknowledged; the counts chips agree with the rows.
        String open = admin.get("/alerts?status=open").body();
        assertEquals(all.stream().filter(a -> a.status() == AlertStatus.NEW || a.status() == AlertStatus.ACKNOWLEDGED).count(),
                rowIds(open).size());
        assertTrue(open.contains("<noscript><meta http-equiv=\"refresh\""), "no script: the page still refreshes itself");
        assertTrue(open.contains("<script src=\"/static/console.js\" defer></script>"));
        HttpResponse<String> js = admin.get("/static/console.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().contains("/api/alerts/summary") || js.body().contains("data-summary"));
    }

    @Test
    void summaryCountsNewAlertsAfterTheNewestShown() throws Exception {
        ConsoleClient admin = app.loggedIn("admin");
        JsonNode s = JSON.readTree(admin.get("/api/alerts/summary?after=0").body());
        assertEquals(all.size(), s.get("total").asLong());
        assertEquals(all.size(), s.get("newSince").asLong());
        long newest = s.get("newestId").asLong();
        assertEquals(all.stream().mapToLong(Alert::id).max().orElseThrow(), newest);
        assertEquals(0, JSON.readTree(admin.get("/api/alerts/summary?after=" + newest).body()).get("newSince").asLong());
        long red = all.stream().filter(a -> a.level().code().equals("red")).count();
        assertEquals(red, s.get("byLevel").get("red").asLong());
        String inbox = admin.get("/alerts").body();
        assertTrue(inbox.contains("after=" + newest + "\""), "the inbox hands the poller its newest id");

        ConsoleClient desk = app.loggedIn("tongzhan");
        long mine = all.stream().filter(a -> a.deskIds().contains("united-front")).count();
        assertEquals(mine, JSON.readTree(desk.get("/api/alerts/summary?desk=publicity").body()).get("total").asLong(),
                "a desk member counts its own desk's alerts whatever it asks for");
        HttpResponse<String> badAfter = admin.get("/api/alerts/summary?after=x");
        assertEquals(400, badAfter.statusCode());
        assertEquals("bad_request", JSON.readTree(badAfter.body()).get("error").asText());
    }

    @Test
    void bulkAcknowledgeNeedsCsrfActsAsTheUserAndKeepsToTheDesk() throws Exception {
        Alert foreign = all.stream().filter(a -> !a.deskIds().contains("united-front") && a.status() == AlertStatus.NEW)
                .findFirst().orElseThrow();
        List<Alert> mine = all.stream().filter(a -> a.deskIds().contains("united-front") && a.status() == AlertStatus.NEW)
                .limit(2).toList();
        assertEquals(2, mine.size());
        ConsoleClient desk = app.loggedIn("tongzhan");
        String inbox = desk.get("/alerts").body();
        assertTrue(inbox.contains("id=\"select-all\"") && inbox.contains("批量确认"));
        assertFalse(rowIds(inbox).contains(foreign.id()));

        HttpResponse<String> refused = desk.post("/alerts/bulk", Map.of("id", String.valueOf(mine.getFirst().id())));
        assertEquals(403, refused.statusCode());
        assertEquals(AlertStatus.NEW, service.alerts().get(mine.getFirst().id()).orElseThrow().status());

        String csrf = ConsoleClient.csrfIn(inbox);
        HttpResponse<String> done = desk.postPairs("/alerts/bulk", List.of(Map.entry("csrf", csrf),
                Map.entry("back", "/alerts?status=new&offset=0"), Map.entry("id", String.valueOf(mine.get(0).id())),
                Map.entry("id", String.valueOf(mine.get(1).id())), Map.entry("id", String.valueOf(foreign.id())),
                Map.entry("id", "not-a-number")));
        assertEquals(303, done.statusCode());
        String location = done.headers().firstValue("Location").orElseThrow();
        assertEquals("/alerts?status=new&offset=0&acked=2&skipped=2", location);
        for (Alert a : mine) {
            assertEquals(AlertStatus.ACKNOWLEDGED, service.alerts().get(a.id()).orElseThrow().status());
            assertEquals("tongzhan", service.reviews().history(a.id()).getLast().actor());
        }
        assertEquals(AlertStatus.NEW, service.alerts().get(foreign.id()).orElseThrow().status(), "another desk's alert is untouched");
        assertTrue(desk.get(location).body().contains("已确认 2 条预警，2 条未变"));

        ConsoleClient viewer = app.loggedIn("viewer");
        String viewerInbox = viewer.get("/alerts").body();
        assertFalse(viewerInbox.contains("批量确认"), "read-only users get no checkboxes");
        assertEquals(403, viewer.post("/alerts/bulk", Map.of("csrf", ConsoleClient.csrfIn(viewerInbox),
                "id", String.valueOf(foreign.id()))).statusCode());
        assertEquals(AlertStatus.NEW, service.alerts().get(foreign.id()).orElseThrow().status());
    }

    @Test
    void enterprisePageShowsNamesChartOpenCasesAndRecentItems() throws Exception {
        ConsoleClient admin = app.loggedIn("admin");
        Alert a = all.getFirst();
        Enterprise e = service.watchlist().stream().filter(x -> x.id().equals(a.enterpriseId())).findFirst().orElseThrow();
        HttpResponse<String> page = admin.get("/enterprises/" + enc(e.id()).replace("+", "%20"));
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains(Html.escape(e.name())) && html.contains(Html.escape(e.district())) && html.contains(Html.escape(e.industry())));
        assertTrue(html.contains("<svg class=\"risk-chart\""), "the chart is inline SVG");
        assertEquals(30, html.split("<rect class=\"bar\"", -1).length - 1, "one bar per day");
        long todays = all.stream().filter(x -> x.enterpriseId().equals(e.id())).count();
        assertTrue(html.contains(LocalDate.now(CHINA) + " 预警数 " + todays + " "), "today's bar counts the enterprise's alerts");
        assertTrue(html.contains("href=\"/alerts/" + a.id() + "\"") || a.status() != AlertStatus.NEW, "open cases are listed");
        long indexed = service.store().search(SearchQuery.all().withEnterprise(e.id()).page(0, 10)).hits().size();
        assertTrue(indexed > 0);
        assertEquals(indexed, html.split("rel=\"noopener noreferrer nofollow\"", -1).length - 1, "recent items from the index");
        assertEquals(404, admin.get("/enterprises/no-such-enterprise").statusCode());
        assertTrue(admin.get("/watchlist").body().contains("href=\"/enterprises/"), "the watchlist links to enterprise pages");
    }

    @Test
    void watchlistExportIsForAdminsAndReadsBackAsTheSameWatchlist() throws Exception {
        ConsoleClient admin = app.loggedIn("admin");
        HttpResponse<String> csv = admin.get("/watchlist.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        assertTrue(csv.body().startsWith("\uFEFF"), "a BOM, so Excel shows the Chinese");
        List<Enterprise> back = WatchlistCsv.parse(csv.body(), "export");
        assertEquals(service.watchlist().stream().map(Enterprise::name).toList(), back.stream().map(Enterprise::name).toList());
        assertTrue(admin.get("/watchlist").body().contains("/watchlist.csv"));

        ConsoleClient desk = app.loggedIn("tongzhan");
        assertEquals(403, desk.get("/watchlist.csv").statusCode());
        assertFalse(desk.get("/watchlist").body().contains("/watchlist.csv"));
    }

    @Test
    void searchFacetsFilterAndPage() throws Exception {
        ConsoleClient admin = app.loggedIn("admin");
        String page = admin.get("/search").body();
        long total = service.store().count();
        assertTrue(page.contains("共 " + total + " 篇文档"), "blank query lists every document");
        RiskCategory category = all.getFirst().categories().getFirst();
        String link = "/search?category=" + category.code();
        assertTrue(page.contains("href=\"" + link + "\""), "category facet is a link: " + link);
        long inCategory = service.store().search(SearchQuery.all().withCategory(category)).total();
        String filtered = admin.get(link).body();
        assertTrue(filtered.contains("共 " + inCategory + " 篇文档"));
        assertTrue(filtered.contains("class=\"on\""), "the chosen facet is marked and clears on click");
        assertTrue(page.contains(Html.escape(service.watchlist().stream().filter(e -> e.id().equals(all.getFirst().enterpriseId()))
                .findFirst().orElseThrow().name())), "enterprise facet shows names");
        assertTrue(page.contains("day=" + LocalDate.now(CHINA)), "day facet counts today's documents");
        String level = admin.get("/search?level=" + all.getFirst().level().code()).body();
        assertTrue(level.contains("共 " + service.store().search(SearchQuery.all().withLevel(all.getFirst().level())).total() + " 篇文档"));
        if (total > 20) {
            assertTrue(page.contains("offset=20"), "a next page link");
            String second = admin.get("/search?offset=20").body();
            assertTrue(second.contains("上一页"));
        }
        HttpResponse<String> broken = admin.get("/search?q=" + enc("AND ((("));
        assertEquals(200, broken.statusCode());
        assertTrue(broken.body().contains("检索式有误"));
    }

    @Test
    void englishLabelsLeaveCrawledTextAlone() throws Exception {
        ConsoleClient admin = app.loggedIn("admin");
        HttpResponse<String> switched = admin.get("/lang?to=en");
        assertEquals(303, switched.statusCode());
        assertTrue(switched.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("lang=en")));
        admin.setCookie("lang", "en");
        String page = admin.get("/alerts").body();
        assertTrue(page.contains("<html lang=\"en\">") && page.contains(">Alerts</a>") && page.contains("Acknowledge selected"));
        assertTrue(page.contains(Html.escape(all.getFirst().title())), "crawled titles are shown as crawled");
        assertFalse(page.contains("风险预警"));
        admin.setCookie("lang", "zh");
        assertTrue(admin.get("/alerts").body().contains("<html lang=\"zh-CN\">"));
    }

    @Test
    void apiReferenceAndJsonErrors() throws Exception {
        HttpResponse<String> docs = TestHttp.get(base + "/api/docs");
        assertEquals(200, docs.statusCode());
        for (String path : List.of("/api/alerts", "/api/alerts/summary", "/api/alerts/{id}", "/api/alerts/{id}/{action}")) {
            assertTrue(docs.body().contains("<code>" + Html.escape(path) + "</code>"), path);
        }
        assertTrue(docs.body().contains("Bearer"));
        ConsoleClient admin = app.loggedIn("admin");
        for (var c : List.of(Map.entry("/api/nope", 404), Map.entry("/api/alerts/999999", 404), Map.entry("/api/alerts?level=purple", 400))) {
            HttpResponse<String> r = admin.get(c.getKey());
            assertEquals(c.getValue(), r.statusCode(), c.getKey());
            JsonNode body = JSON.readTree(r.body());
            assertTrue(body.hasNonNull("error") && body.hasNonNull("message"), r.body());
        }
        JsonNode anonymous = JSON.readTree(TestHttp.get(base + "/api/alerts").body());
        assertEquals("unauthorized", anonymous.get("error").asText());
        JsonNode filtered = JSON.readTree(admin.get("/api/alerts?category=" + all.getFirst().categories().getFirst().code()).body());
        assertEquals(all.stream().filter(a -> a.categories().contains(all.getFirst().categories().getFirst())).count(),
                filtered.get("total").asLong());
    }

    @Test
    void managementPortServesHealthAndMetricsOnly() throws Exception {
        try (ConsoleServer management = ConsoleServer.startManagement(service, registry, "127.0.0.1", 0)) {
            String m = "http://127.0.0.1:" + management.port();
            assertTrue(management.port() != console.port());
            assertEquals(200, TestHttp.get(m + "/health/live").statusCode());
            HttpResponse<String> ready = TestHttp.get(m + "/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            HttpResponse<String> metrics = TestHttp.get(m + "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("yuqing_documents_indexed_total"));
            for (String path : List.of("/alerts", "/login", "/api/alerts", "/watchlist.csv")) {
                HttpResponse<String> r = TestHttp.get(m + path);
                assertEquals(404, r.statusCode(), path);
                assertEquals("not_found", JSON.readTree(r.body()).get("error").asText());
            }
        }
    }
}
