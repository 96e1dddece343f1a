package io.yuqing.crawler.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The second round of author and date rules: unlabelled names, page-wide signatures, year-last and year-month dates. */
class BylineAndDateFallbacksTest {
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private final Document empty = Jsoup.parse("<html><head></head><body></body></html>");
    private final ArticleExtractor extractor = new ArticleExtractor();

    private static String prose(int sentences) {
        return "这座城市的民营企业在过去一年里经历了许多变化，工人们对工资发放的情况十分关注。".repeat(sentences);
    }

    private Extraction extract(String html) {
        return extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", "https://example.com/a/1.html");
    }

    @Test
    void aBareNameOnItsOwnLineAboveTheTextIsTheAuthor() {
        Extraction x = extract("<html><head><title>显示</title></head><body><p>论坛首页 | 帮助</p>"
                + "<p><strong>犬儒病(上)</strong></p><p>胡平</p><p>——当代中国的精神危机</p>"
                + "<p>" + prose(3) + "</p><p>" + prose(3) + "</p></body></html>");
        assertEquals("胡平", x.author());
    }

    @Test
    void menuWordsAndLongPhrasesOnTheirOwnLineAreNotNames() {
        assertTrue(NameLines.isBareName("赵延东、风笑天"));
        assertTrue(NameLines.isBareName("duscha"));
        assertEquals(false, NameLines.isBareName("订制模板"));
        assertEquals(false, NameLines.isBareName("首页"));
        assertEquals(false, NameLines.isBareName("English"));
        // The headline itself is never taken for the name under it.
        assertEquals("", NameLines.find(List.of("返回首页", "标题", prose(1)), "标题", prose(1)));
        assertEquals("胡平", NameLines.find(List.of("返回首页", "标题", "胡平", prose(1)), "标题", prose(1)));
    }

    @Test
    void anInterviewersQuestionIsNotAByline() {
        String region = "来源：新华网 记者 伊琳 李清芬 个人简介：李金泽同志现任董事长。 记者：首先欢迎你来到新华网接受我们的采访";
        assertEquals("伊琳 李清芬", BylineExtractor.author(empty, region));
        assertEquals("", BylineExtractor.author(empty, "记者：首先欢迎你来到新华网接受我们的采访，请问你怎样看？"));
    }

    @Test
    void blogAndJournalSignaturesAreReadAnywhereOnThePage() {
        assertEquals("海姑娘", BylineExtractor.author(empty, "", "", "[ 打印 ] 由海姑娘张贴 @ 2005-03-21 01:20:44 (359)"));
        assertEquals("赵培", BylineExtractor.author(empty, "", "", "文章引用： 赵培. 淘宝网物流配送存在的问题及对策研究[J]. 现代市场营销"));
        // A byline near the headline still comes first.
        assertEquals("张三", BylineExtractor.author(empty, "作者：张三", "", "由李四张贴"));
    }

    @Test
    void privateUseGlyphsBetweenBracketedNameAndSourceLabelAreSkipped() {
        assertEquals("黄宇", BylineExtractor.author(empty, "2004年7月16日08:19 [ 黄宇 ] \uE5C2 来源：[ 国际金融报 ]"));
    }

    @Test
    void yearLastDatesAfterALabelAreRead() {
        assertEquals(OffsetDateTime.of(2005, 5, 7, 21, 23, 57, 0, BEIJING),
                PublishTimeExtractor.fromText("作者： 来源： 发布日期： 7/5/2005 9:23:57 PM 正文", "无关"
                ).orElseThrow());
        // A number above 12 settles which one is the day.
        assertEquals(OffsetDateTime.of(2004, 9, 17, 5, 54, 13, 0, BEIJING),
                PublishTimeExtractor.fromText("发布日期： 9/17/2004 5:54:13 AM", "无关").orElseThrow());
        assertEquals(OffsetDateTime.of(2022, 2, 6, 13, 48, 0, 0, BEIJING),
                PublishTimeExtractor.fromText("发表时间： 06/02/2022 - 13:48 音频", "无关").orElseThrow());
        assertEquals(OffsetDateTime.of(2004, 9, 17, 0, 0, 0, 0, BEIJING),
                PublishTimeExtractor.fromText("发布日期： 9/17/2004", "无关").orElseThrow());
        // Unlabelled, a slash triple is as likely a score or a fraction.
        assertTrue(PublishTimeExtractor.fromText("比分 7/5/2005 之后", "无关").isEmpty());
        // Impossible dates and hours are no date.
        assertTrue(PublishTimeExtractor.fromText("发布日期： 31/31/2005", "无关").isEmpty());
        assertTrue(PublishTimeExtractor.fromText("发布日期： 7/5/2005 13:10 PM", "无关").isEmpty());
    }

    @Test
    void aDateJustAboveTheBodyDatesAPostWhoseTitleNamesTheBlog() {
        Extraction x = extract("<html><head><title>海姑娘 | blog.example.com</title></head><body>"
                + "<div>海姑娘 个人信息 照片管理</div>"
                + "<div><p>昨天去金矿玩 (图)</p><p>2005-03-21 01:20:44</p><p>" + prose(3) + "</p><p>" + prose(2)
                + "</p></div></body></html>");
        assertEquals(OffsetDateTime.of(2005, 3, 21, 1, 20, 44, 0, BEIJING), x.publishedAt());
    }

    @Test
    void aYearAndMonthClosingTheBodyDatesAReprint() {
        String body = prose(2) + "\n" + prose(2) + "□ ——《北京之春》1998年3月号";
        assertEquals(OffsetDateTime.of(1998, 3, 1, 0, 0, 0, 0, BEIJING), PublishTimeExtractor.closingBody(body).orElseThrow());
        // With a day it is a full date; far from the end nothing is read.
        assertEquals(OffsetDateTime.of(1998, 3, 5, 0, 0, 0, 0, BEIJING),
                PublishTimeExtractor.closingBody(prose(2) + "1998年3月5").orElseThrow());
        assertTrue(PublishTimeExtractor.closingBody("1998年3月号。" + prose(3)).isEmpty());
    }

    @Test
    void aTitleParsedIntoTheBodyIsStillTheTitleAndNotText() {
        Extraction x = extract("<text id=\"x\"><html><head><title>劳伦斯：一个无法定义的洛克菲勒</title></head><body>"
                + "<p>" + prose(3) + "</p></body></html></text>");
        assertEquals("劳伦斯：一个无法定义的洛克菲勒", x.title());
        assertTrue(!x.text().contains("劳伦斯"));
        assertNull(extract("<html><body><p>" + prose(3) + "</p></body></html>").publishedAt());
    }
}
