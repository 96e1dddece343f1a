package io.yuqing.crawler.recheck;

import io.yuqing.crawler.fetch.FetchResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeletionSignsTest {
    private static final String ARTICLE_URL = "https://news.example.cn/society/2024/11/24/123.html";
    private static final TrackedArticle BEFORE = new TrackedArticle("d", ARTICLE_URL, "s", Instant.EPOCH, 0, "h",
            "某公司拖欠工资", "多名员工反映公司三个月未发工资。劳动监察部门已立案调查。公司称正在筹措资金。", "");

    @Test
    void notFoundAndGoneAreDeletionsOtherFailuresAreNot() {
        assertTrue(DeletionSigns.ofFailure(new FetchResult.Failed(ARTICLE_URL, FetchResult.Reason.NOT_FOUND, "HTTP 410", false)).isPresent());
        assertEquals(Optional.empty(), DeletionSigns.ofFailure(new FetchResult.Failed(ARTICLE_URL, FetchResult.Reason.HTTP_ERROR, "HTTP 503", true)));
        assertEquals(Optional.empty(), DeletionSigns.ofFailure(new FetchResult.Failed(ARTICLE_URL, FetchResult.Reason.TIMEOUT, "timeout", true)));
        assertEquals(Optional.empty(), DeletionSigns.ofFailure(new FetchResult.Failed(ARTICLE_URL, FetchResult.Reason.ROBOTS_DISALLOWED, "robots", false)));
    }

    @Test
    void redirectsToTheHomeOrAListPageAboveTheArticle() {
        assertTrue(DeletionSigns.landingPage(ARTICLE_URL, "https://news.example.cn/").isPresent());
        assertTrue(DeletionSigns.landingPage(ARTICLE_URL, "https://news.example.cn/index.shtml").isPresent());
        assertTrue(DeletionSigns.landingPage(ARTICLE_URL, "https://news.example.cn/society/").isPresent());
        assertTrue(DeletionSigns.landingPage(ARTICLE_URL, "https://news.example.cn/society").isPresent());
        // Moved to another article address, or https: not a landing page.
        assertEquals(Optional.empty(), DeletionSigns.landingPage(ARTICLE_URL, "https://news.example.cn/society/2024/11/24/124.html"));
        assertEquals(Optional.empty(), DeletionSigns.landingPage(ARTICLE_URL, "http://news.example.cn/society/2024/11/24/123.html"));
        assertEquals(Optional.empty(), DeletionSigns.landingPage(ARTICLE_URL, ARTICLE_URL));
    }

    @Test
    void aPageStillCarryingTheArticleIsNeverDeletedWhateverItSays() {
        String live = "多名员工反映公司三个月未发工资。劳动监察部门已立案调查。公司称正在筹措资金。 网友评论：该评论已被删除";
        assertEquals(Optional.empty(), DeletionSigns.ofPage(ARTICLE_URL, "https://news.example.cn/", live, "该内容已被删除", BEFORE));
        String notice = "首页 时政 社会 抱歉，该文章已被删除 返回首页";
        assertTrue(DeletionSigns.ofPage(ARTICLE_URL, ARTICLE_URL, notice, "抱歉，该文章已被删除", BEFORE).isPresent());
        assertTrue(DeletionSigns.ofPage(ARTICLE_URL, ARTICLE_URL, "您访问的页面不存在", "您访问的页面不存在", BEFORE).isPresent());
        // A rewritten page without any notice is an edit, not a deletion.
        assertEquals(Optional.empty(), DeletionSigns.ofPage(ARTICLE_URL, ARTICLE_URL, "公司已补发全部工资。", "公司已补发全部工资。", BEFORE));
    }

    @Test
    void aNoticeTheArticleItselfQuotedDoesNotCount() {
        TrackedArticle aboutDeletions = new TrackedArticle("d", ARTICLE_URL, "s", Instant.EPOCH, 0, "h", "网帖被删",
                "网友发现相关帖子显示“该帖子已被删除”。平台称系违规内容。", "");
        assertEquals(Optional.empty(), DeletionSigns.ofPage(ARTICLE_URL, ARTICLE_URL, "该帖子已被删除", "该帖子已被删除", aboutDeletions));
    }

    @Test
    void editsAreDescribedInSentences() {
        String d = TextChange.describe("旧标题", "第一句。第二句。第三句。", "新标题", "第一句。第二句改了。第三句。");
        assertEquals("标题改为「新标题」；删去 1 句，新增 1 句。 删去：「第二句。」 新增：「第二句改了。」", d);
        assertEquals("", TextChange.describe("t", "第一句。\n第二句。", "t", "第一句。 第二句。"));
        assertEquals(TextChange.hash("t", "a  b\nc"), TextChange.hash("t", "a b c"));
    }
}
