package io.yuqing.indexer.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link DocumentStore} must do, with the same expectations for each: subclasses only say how to open a
 * fresh, empty store and how to reopen the same one.
 */
abstract class DocumentStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    protected DocumentStore store;

    /** A new, empty store. */
    protected abstract DocumentStore openFresh() throws Exception;

    /** The same store as {@link #store}, opened again after it was closed. */
    protected abstract DocumentStore reopen() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openFresh();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    static ScoredDocument doc(String url, String source, String title, String text, Instant published,
                                      List<Mention> mentions, RiskAssessment risk) {
        return new ScoredDocument(new Document(null, url, source, title, text, "记者 李明", "青州日报", published, T0.plusSeconds(3600)),
                mentions, risk);
    }

    static final Mention YUNFAN = new Mention("yf", "青州云帆科技有限公司", 2, true);
    static final Mention HUAXIN = new Mention("hx", "青州华信食品有限公司", 1, false);

    final ScoredDocument wages = doc("https://news.example.cn/a/1", "qzdaily", "云帆科技员工讨薪",
            "青州云帆科技有限公司多名员工反映公司拖欠工资。东城区今日停水通知同步发布。", T0,
            List.of(YUNFAN), new RiskAssessment(70, RiskLevel.ORANGE, List.of(RiskCategory.WAGE_ARREARS),
                    List.of(new Evidence("拖欠工资", RiskCategory.WAGE_ARREARS, "青州云帆科技有限公司多名员工反映公司拖欠工资。", false)),
                    List.of("yf")));
    final ScoredDocument food = doc("https://news.example.cn/a/2", "weibo", "华信食品抽检不合格",
            "青州华信食品有限公司的一批产品抽检不合格。<script>alert('x')</script> 食品安全无小事。", T0.plusSeconds(86400),
            List.of(HUAXIN), new RiskAssessment(55, RiskLevel.YELLOW, List.of(RiskCategory.PRODUCT_QUALITY, RiskCategory.FOOD_SAFETY),
                    List.of(), List.of("hx")));
    final ScoredDocument plain = doc("https://news.example.cn/a/3", "qzdaily", "城市新闻",
            "今天天气晴朗，市民出游。", null, List.of(), RiskAssessment.none());

    /** A plain document that entered the index at {@code fetched}. */
    static ScoredDocument fetchedAt(String url, Instant fetched) {
        return new ScoredDocument(new Document(null, url, "qzdaily", "城市新闻 " + url, "青州今日新闻，" + url + "。", "", "",
                fetched, fetched), List.of(), RiskAssessment.none());
    }

    @Test
    void retentionRemovesDocumentsFetchedBeforeTheCutoffAndKeepsTheRest() throws Exception {
        Instant now = Instant.parse("2026-11-25T00:00:00Z");
        Instant cutoff = now.minus(java.time.Duration.ofDays(180));
        ScoredDocument old1 = fetchedAt("https://news.example.cn/old/1", cutoff.minus(java.time.Duration.ofDays(20)));
        ScoredDocument old2 = fetchedAt("https://news.example.cn/old/2", cutoff.minus(java.time.Duration.ofDays(19)));
        store.indexAll(List.of(old1, old2));
        assertEquals(0, store.expireFetchedBefore(cutoff.minus(java.time.Duration.ofDays(30))), "nothing is old enough yet");
        assertEquals(2, store.count());

        assertEquals(2, store.expireFetchedBefore(cutoff), "both fetched before the cutoff");
        assertEquals(0, store.count());
        assertTrue(store.get(old1.document().id()).isEmpty());

        ScoredDocument recent = fetchedAt("https://news.example.cn/new/1", now.minus(java.time.Duration.ofDays(1)));
        ScoredDocument atCutoff = fetchedAt("https://news.example.cn/new/2", cutoff);
        store.indexAll(List.of(recent, atCutoff));
        assertEquals(0, store.expireFetchedBefore(cutoff), "a document fetched at the cutoff stays");
        assertEquals(2, store.count());
        assertEquals(2, store.search(SearchQuery.of("青州")).total(), "search sees what is left, and only that");
        assertEquals(recent, store.get(recent.document().id()).orElseThrow());

        store.close();
        store = reopen();
        assertEquals(2, store.count(), "retention is durable");
        assertTrue(store.get(old2.document().id()).isEmpty());
    }

    @Test
    void retentionNeverRemovesANewerDocumentWhateverItsNeighbours() throws Exception {
        Instant cutoff = Instant.parse("2026-06-01T00:00:00Z");
        ScoredDocument old = fetchedAt("https://news.example.cn/mixed/old", cutoff.minus(java.time.Duration.ofDays(40)));
        ScoredDocument recent = fetchedAt("https://news.example.cn/mixed/new", cutoff.plus(java.time.Duration.ofDays(1)));
        store.indexAll(List.of(old, recent));
        store.expireFetchedBefore(cutoff);
        assertEquals(recent, store.get(recent.document().id()).orElseThrow());
        // Later, once the newer one is past the cutoff too, both are gone.
        store.expireFetchedBefore(cutoff.plus(java.time.Duration.ofDays(2)));
        assertEquals(0, store.count());
        store.index(recent);
        assertEquals(1, store.count(), "the store takes documents after retention ran");
    }

    @Test
    void indexAndGetRoundTripEverything() throws Exception {
        store.indexAll(List.of(wages, food, plain));
        assertEquals(3, store.count());
        assertEquals(wages, store.get(wages.document().id()).orElseThrow());
        assertEquals(plain, store.get(plain.document().id()).orElseThrow());
        assertTrue(store.get("missing").isEmpty());
    }

    @Test
    void indexUpdatesById() throws Exception {
        store.index(wages);
        ScoredDocument changed = new ScoredDocument(wages.document(), wages.mentions(), RiskAssessment.none());
        store.index(changed);
        assertEquals(1, store.count());
        assertEquals(changed, store.get(wages.document().id()).orElseThrow());
    }

    @Test
    void searchesChineseWordsAndNamesNewestFirst() throws Exception {
        store.indexAll(List.of(wages, food, plain));
        SearchResults r = store.search(SearchQuery.of("抽检"));
        assertEquals(1, r.total());
        assertEquals(food, r.hits().get(0).doc());

        SearchResults all = store.search(SearchQuery.all());
        assertEquals(3, all.total());
        // plain has no publish time: its fetch time (T0 + 1 h) places it between the two others.
        assertEquals(List.of(food, plain, wages), all.hits().stream().map(SearchHit::doc).toList());
    }

    @Test
    void findsWordsWhateverSmartcnMakesOfThemInContext() throws Exception {
        store.indexAll(List.of(wages, food));
        for (String q : List.of("停水", "云帆科技", "青州云帆", "华信食品", "\"停水通知\"")) {
            SearchResults r = store.search(SearchQuery.of(q));
            assertEquals(1, r.total(), q);
        }
    }

    @Test
    void filtersNarrowResults() throws Exception {
        store.indexAll(List.of(wages, food, plain));
        assertEquals(List.of(wages), docs(store.search(SearchQuery.all().withEnterprise("yf"))));
        assertEquals(List.of(food), docs(store.search(SearchQuery.all().withCategory(RiskCategory.FOOD_SAFETY))));
        assertEquals(List.of(wages), docs(store.search(SearchQuery.all().withLevel(RiskLevel.ORANGE))));
        assertEquals(List.of(food), docs(store.search(SearchQuery.all().withSource("weibo"))));
        assertEquals(List.of(wages), docs(store.search(SearchQuery.of("青州").between(T0, T0.plusSeconds(60)))));
        assertEquals(List.of(wages), docs(store.search(SearchQuery.all().orderBy(SearchQuery.Order.RISK).page(0, 1))));
        SearchResults page2 = store.search(SearchQuery.all().page(1, 1));
        assertEquals(3, page2.total());
        assertEquals(List.of(plain), docs(page2));
    }

    @Test
    void facetsCountOverAllMatches() throws Exception {
        store.indexAll(List.of(wages, food, plain));
        Map<String, Map<String, Long>> f = store.search(SearchQuery.all().page(0, 1)).facets();
        assertEquals(Map.of("yf", 1L, "hx", 1L), f.get(SearchResults.ENTERPRISE));
        assertEquals(Map.of("wage-arrears", 1L, "product-quality", 1L, "food-safety", 1L), f.get(SearchResults.CATEGORY));
        assertEquals(Map.of("orange", 1L, "yellow", 1L, "none", 1L), f.get(SearchResults.LEVEL));
        assertEquals(List.of("qzdaily", "weibo"), List.copyOf(f.get(SearchResults.SOURCE).keySet()));
        assertEquals(2L, f.get(SearchResults.SOURCE).get("qzdaily"));
    }

    @Test
    void facetsOfEverythingStayExactAfterReplacements() throws Exception {
        // A replaced document leaves a deleted entry behind in an index: it must not be counted.
        store.indexAll(List.of(wages, food, plain));
        store.index(new ScoredDocument(wages.document(), List.of(HUAXIN), RiskAssessment.none()));
        store.index(new ScoredDocument(plain.document(), List.of(), new RiskAssessment(60, RiskLevel.YELLOW,
                List.of(RiskCategory.RUMOR), List.of(), List.of())));
        SearchResults all = store.search(SearchQuery.all());
        assertEquals(3, all.total());
        assertEquals(Map.of("hx", 2L), all.facets().get(SearchResults.ENTERPRISE));
        assertEquals(Map.of("none", 1L, "yellow", 2L), all.facets().get(SearchResults.LEVEL));
        assertEquals(Map.of("qzdaily", 2L, "weibo", 1L), all.facets().get(SearchResults.SOURCE));
        assertEquals(Map.of("product-quality", 1L, "food-safety", 1L, "rumor", 1L), all.facets().get(SearchResults.CATEGORY));
        assertEquals(Map.of("yellow", 1L), store.search(SearchQuery.of("天气")).facets().get(SearchResults.LEVEL));
    }

    @Test
    void countsAgreeWithSearchTotals() throws Exception {
        store.indexAll(List.of(wages, food, plain));
        List<SearchQuery> queries = List.of(SearchQuery.all(), SearchQuery.of("青州"), SearchQuery.of("抽检 OR 停水"),
                SearchQuery.of("青州 NOT 食品"), SearchQuery.all().withSource("qzdaily"),
                SearchQuery.all().between(T0, T0.plusSeconds(2 * 3600)), SearchQuery.of("青州").withCategory(RiskCategory.FOOD_SAFETY),
                SearchQuery.of("没有的词"));
        for (SearchQuery q : queries) {
            assertEquals(store.search(q).total(), store.count(q), q.toString());
        }
        assertEquals(3, store.count(SearchQuery.all()));
        assertEquals(2, store.count(SearchQuery.all().withSource("qzdaily")));
        assertThrows(InvalidQueryException.class, () -> store.count(SearchQuery.of("云帆 AND (")));
    }

    @Test
    void snippetsMarkMatchesAndEscapeHostileText() throws Exception {
        store.indexAll(List.of(wages, food));
        String snippet = store.search(SearchQuery.of("食品安全")).hits().get(0).snippetHtml();
        assertTrue(snippet.contains("<mark>食品安全</mark>") || snippet.contains("<mark>食品</mark><mark>安全</mark>"), snippet);
        assertFalse(snippet.contains("<script>"), snippet);
        assertTrue(snippet.contains("&lt;script&gt;"), snippet);

        String plainSnippet = store.search(SearchQuery.all().withSource("weibo")).hits().get(0).snippetHtml();
        assertFalse(plainSnippet.contains("<script>"), plainSnippet);
        assertTrue(plainSnippet.contains("&lt;script&gt;"), plainSnippet);
    }

    @Test
    void reopenedIndexKeepsEverything() throws Exception {
        store.index(wages);
        store.index(food);
        store.close();
        store = reopen();
        assertEquals(2, store.count());
        assertEquals(food, store.get(food.document().id()).orElseThrow());
        assertEquals(1, store.search(SearchQuery.of("讨薪")).total());
    }

    @Test
    void invalidQueryIsAClearMessage() throws Exception {
        store.index(wages);
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> store.search(SearchQuery.of("云帆 AND (")));
        assertTrue(e.getMessage().startsWith("查询语法有误"), e.getMessage());
        assertEquals("云帆 AND (", e.query());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void metricsCountIndexedAndStoredDocuments() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store.bindMetrics(registry);
        store.indexAll(List.of(wages, food));
        store.index(wages);
        assertEquals(3.0, registry.get("yuqing.documents.indexed").functionCounter().count());
        assertEquals(2.0, registry.get("yuqing.index.documents").gauge().value());
    }

    private static List<ScoredDocument> docs(SearchResults r) {
        return r.hits().stream().map(SearchHit::doc).toList();
    }
}
