package io.yuqing.crawler.dedup;

import io.yuqing.core.db.TestDatabases;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.yuqing.core.db.Database;
import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.support.Pages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs on H2 and on a real PostgreSQL: the same migrations and SQL serve both. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class NearDuplicateIndexTest {
    @Parameter
    TestDatabases.Kind kind;
    private static final String STORY = String.join("\n", Pages.PARAGRAPHS);
    /** The same story on another site: its own boilerplate around it and a few words changed. */
    private static final String REPOST = "转载自青州日报客户端。\n"
            + STORY.replace("近日", "日前").replace("数十名", "几十名").replace("一百二十余人", "120多人")
            + "\n（责任编辑：张三）本文仅代表作者观点，不代表本站立场。";
    private static final String UNRELATED = """
            市场监管局开展冬季食品安全专项检查，重点检查学校食堂、农贸市场和大型商超。
            此次检查共出动执法人员三百余人次，检查经营主体一千二百余家，发现问题四十余处，已责令限期整改。
            执法人员提醒消费者，购买食品时注意查看生产日期和保质期，发现问题及时拨打投诉举报电话。""";

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-24T07:00:00Z"));
    private Database db;
    private NearDuplicateIndex index;

    @BeforeEach
    void setUp() {
        db = kind.create();
        db.migrate(CrawlStateStore.MIGRATIONS);
        index = new NearDuplicateIndex(db.dataSource(), clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void repostOnAnotherSiteJoinsTheClusterAndAnUnrelatedStoryDoesNot() {
        Cluster first = index.assign("doc-a", "www.qingzhou-news.cn", STORY);
        assertEquals(new Cluster("doc-a", 1, 1, false), first);

        clock.advance(Duration.ofMinutes(20));
        Cluster repost = index.assign("doc-b", "news.other-portal.com", REPOST);
        assertEquals(new Cluster("doc-a", 2, 2, false), repost);

        Cluster unrelated = index.assign("doc-c", "www.qingzhou-news.cn", UNRELATED);
        assertEquals(new Cluster("doc-c", 1, 1, false), unrelated);

        // A third copy from the first site adds to the size, not to the spread.
        Cluster again = index.assign("doc-d", "www.qingzhou-news.cn", STORY.replace("近日", "最近"));
        assertEquals(new Cluster("doc-a", 3, 2, false), again);
    }

    @Test
    void aReplyJoinsItsOpeningPostsStoryWhateverItsText() {
        index.assign("thread-1", "bbs.qingzhou.cn", STORY);
        Cluster reply = index.assign("reply-1", "bbs.qingzhou.cn", "建议打12333投诉，或者去劳动监察大队。", "thread-1");
        assertEquals(new Cluster("thread-1", 2, 1, false), reply, "in the opening post's story, same site: no spread");
        // A reply whose opening post was never assigned (it failed) stands alone, as any item does.
        assertEquals("reply-2", index.assign("reply-2", "bbs.qingzhou.cn", UNRELATED, "thread-2").clusterId());
        assertEquals("thread-2", index.assign("thread-2", "bbs.qingzhou.cn", "楼主：青州某厂已经三个月没发工资了，工人们多次讨要未果。").clusterId());
        // Without partOf, unrelated text starts its own story as before.
        assertEquals("reply-3", index.assign("reply-3", "bbs.qingzhou.cn", "今天天气晴朗，适合出游。").clusterId());
    }

    @Test
    void aShortRepostWithACreditClauseBeforeItsFirstWordsJoinsTheStory() {
        String story = "青州恒达建设集团有限公司承建的滨江工地拖欠农民工工资三个月，数十名工人聚集讨薪。"
                + "劳动监察部门已介入调查，责令公司限期支付。";
        index.assign("doc-a", "www.qingzhou-news.cn", story);
        for (String credit : new String[]{"据青州日报报道，", "记者从市人社局获悉，", "（来源：青州日报）", "来源：青州新闻网 "}) {
            Cluster repost = index.assign("doc-" + credit.hashCode(), "portal-" + credit.hashCode() + ".example.com", credit + story);
            assertEquals("doc-a", repost.clusterId(), credit);
        }
        Cluster other = index.assign("doc-x", "www.qingzhou-news.cn", "据青州日报报道，青州禾丰农业有限公司新建的冷库今日投入使用。"
                + "冷库可储存蔬菜五千吨，将带动周边农户增收。");
        assertNotEquals("doc-a", other.clusterId(), "a credit clause alone does not make stories one");
    }

    @Test
    void sameTextOnAnotherUrlIsAnExactDuplicateWhateverThePunctuationAndSpacing() {
        index.assign("doc-a", "a.example.cn", STORY);
        String reformatted = STORY.replace("，", ", ").replace("。", ". ").replace("\n", "\n\n  ");
        Cluster copy = index.assign("doc-b", "b.example.cn", reformatted);
        assertEquals("doc-a", copy.clusterId());
        assertTrue(copy.exact());
        assertEquals(2, copy.distinctHosts());
    }

    @Test
    void clustersSurviveARestartAndReassigningChangesNothing() {
        index.assign("doc-a", "a.example.cn", STORY);
        NearDuplicateIndex restarted = new NearDuplicateIndex(db.dataSource(), clock);
        assertEquals("doc-a", restarted.assign("doc-b", "b.example.cn", REPOST).clusterId());
        Cluster twice = restarted.assign("doc-b", "b.example.cn", REPOST);
        assertEquals(new Cluster("doc-a", 2, 2, false), twice);
        assertEquals(twice, restarted.clusterOf("doc-b").orElseThrow());
        assertTrue(restarted.clusterOf("doc-z").isEmpty());
    }

    @Test
    void shortAndEmptyTextsOnlyMatchExactCopies() {
        Cluster a = index.assign("doc-a", "a.example.cn", "企业欠薪");
        Cluster b = index.assign("doc-b", "b.example.cn", "企业欠款");
        assertNotEquals(a.clusterId(), b.clusterId());
        assertEquals("doc-a", index.assign("doc-c", "c.example.cn", "企业欠薪！").clusterId());
        Cluster empty1 = index.assign("doc-e", "a.example.cn", "");
        Cluster empty2 = index.assign("doc-f", "a.example.cn", "  ");
        assertEquals("doc-e", empty1.clusterId());
        assertEquals("doc-f", empty2.clusterId());
        assertFalse(empty2.exact());
    }

    @Test
    void retentionForgetsOldDocumentsAndTheClusterLivesOnInItsLaterMembers() {
        index.assign("doc-a", "www.qingzhou-news.cn", STORY);
        clock.advance(Duration.ofDays(100));
        assertEquals(new Cluster("doc-a", 2, 2, false), index.assign("doc-b", "news.other-portal.com", REPOST));
        index.assign("doc-c", "www.qingzhou-news.cn", UNRELATED);

        clock.advance(Duration.ofDays(81));
        Instant cutoff = clock.instant().minus(Duration.ofDays(180));
        assertEquals(1, index.expireAssignedBefore(cutoff), "only the first report is older than 180 days");
        assertTrue(index.clusterOf("doc-a").isEmpty(), "the first report is forgotten");
        assertEquals(0, rows("SELECT COUNT(*) FROM crawl_fingerprint_sentence WHERE doc_id = 'doc-a'"), "with its sentences");
        assertEquals(new Cluster("doc-a", 1, 1, false), index.clusterOf("doc-b").orElseThrow(),
                "the repost keeps the cluster id alerts refer to; size and spread count what remains");
        assertEquals(0, rows("SELECT COUNT(*) FROM crawl_cluster_host WHERE cluster_id = 'doc-a' AND host = 'www.qingzhou-news.cn'"),
                "the expired member's host row goes (no member from that host is left)");
        assertEquals(1, rows("SELECT COUNT(*) FROM crawl_cluster_host WHERE cluster_id = 'doc-a'"));

        // The original story again on a third site: it joins through the remaining repost, under the old id.
        Cluster again = index.assign("doc-d", "wx.example.cn", STORY.replace("近日", "最近"));
        assertEquals(new Cluster("doc-a", 2, 2, false), again);
        assertEquals(new Cluster("doc-c", 1, 1, false), index.clusterOf("doc-c").orElseThrow(), "a kept story is untouched");
        assertEquals(0, index.expireAssignedBefore(cutoff), "expiring again removes nothing");
    }

    @Test
    void retentionRemovesLongHistoriesInBatchesAndKeepsDocumentsAssignedAtTheCutoff() {
        int old = NearDuplicateIndex.EXPIRY_BATCH * 2 + 3;
        for (int i = 0; i < old; i++) {
            index.assign("old-" + i, "h" + (i % 7) + ".example.cn", "短讯第" + i + "号");
        }
        clock.advance(Duration.ofMinutes(1));
        Instant cutoff = clock.instant();
        index.assign("kept", "h1.example.cn", STORY);
        index.assign("kept-copy", "h2.example.cn", STORY);

        assertEquals(old, index.expireAssignedBefore(cutoff), "every document assigned before the cutoff");
        assertEquals(2, rows("SELECT COUNT(*) FROM crawl_fingerprint"), "the two assigned at the cutoff stay");
        assertEquals(rows("SELECT COUNT(*) FROM crawl_fingerprint_sentence WHERE doc_id IN ('kept', 'kept-copy')"),
                rows("SELECT COUNT(*) FROM crawl_fingerprint_sentence"), "no sentence rows of expired documents are left");
        assertEquals(2, rows("SELECT COUNT(*) FROM crawl_cluster_host"), "only the kept cluster's two hosts");
        assertEquals(new Cluster("kept", 2, 2, true), index.clusterOf("kept-copy").orElseThrow());
    }

    private long rows(String sql) {
        try (var c = db.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Test
    void simHashDistancesSeparateCopiesFromOtherStories() {
        long story = SimHash.of(STORY);
        assertTrue(SimHash.distance(story, SimHash.of(STORY.replace("近日", "日前"))) <= NearDuplicateIndex.MAX_DISTANCE);
        assertTrue(SimHash.distance(story, SimHash.of(UNRELATED)) > 16);
        assertEquals(0, SimHash.distance(story, SimHash.of(STORY.replace("，", ","))), "punctuation is normalised away");
        for (int band = 0; band < 4; band++) {
            assertEquals((int) ((story >>> (16 * band)) & 0xffff), NearDuplicateIndex.band(story, band));
        }
    }
}
