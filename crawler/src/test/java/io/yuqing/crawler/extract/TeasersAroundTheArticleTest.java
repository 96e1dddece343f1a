package io.yuqing.crawler.extract;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Teaser lists that share the article's container: a breaking-news ticker above the headline, lists below the text. */
class TeasersAroundTheArticleTest {
    private static final String TITLE = "青州一化工企业被责令停产整改";
    private static final String STORY = "<p>11月24日，青州市生态环境局通报，一家化工企业因违规排放废水被责令停产整改。</p>"
            + "<p>执法人员在现场检查时发现，该企业私设暗管，将未经处理的生产废水直接排入附近河道。</p>"
            + "<p>目前，相关责任人已被依法控制，案件正在进一步调查中。</p>";

    private static String body(String html) {
        return MainTextExtractor.extract(Jsoup.parse("<html><body>" + html + "</body></html>").body(), TITLE);
    }

    /** Headlines with their blurbs, the blurb inline beside the link, as tickers and "latest" strips are built. */
    private static String ticker(int items) {
        StringBuilder b = new StringBuilder("<div class=\"breaking\"><b>最新消息</b><ul>");
        for (int i = 0; i < items; i++) {
            b.append("<li><a href=\"/news/").append(i).append(".html\">青州第").append(i)
                    .append("家民营企业获评守合同重信用单位</a> <span>市场监管局今天公布了本年度守合同重信用企业名单，")
                    .append("全市共有八十余家企业入选，其中民营企业占七成以上……</span></li>");
        }
        return b.append("</ul></div>").toString();
    }

    @Test
    void aTeaserTickerAboveTheHeadlineIsNotTheArticle() {
        // The ticker is longer than the story (up to twice as long): the headline says where the article starts.
        String text = body("<div class=\"content\">" + ticker(3) + "<h2>" + TITLE + "</h2>" + STORY + "</div>");
        assertTrue(text.startsWith("11月24日，青州市生态环境局通报"), text);
        assertTrue(text.endsWith("案件正在进一步调查中。"), text);
        assertFalse(text.contains("守合同重信用"), text);
    }

    @Test
    void aHeadlineNearTheEndDoesNotCutTheArticle() {
        // The title again in a "previous article" line below a long story: the story stays whole.
        String text = body("<div class=\"content\">" + STORY + STORY + STORY + "<p>" + TITLE + "</p></div>");
        assertTrue(text.startsWith("11月24日，青州市生态环境局通报"), text);
        assertEquals(9, text.split("\n").length, text);
    }

    /** A "next article" box: the linked headline is a heading inside the link, with an excerpt and a date. */
    private static String nextBox(String label, String headline) {
        return "<div class=\"grid " + label + "\"><p class=\"btn\"><a href=\"/n.html\">" + label + "</a></p>"
                + "<div class=\"desc\"><a href=\"/n.html\"><h5>" + headline + "</h5></a>"
                + "<p class=\"excerpt\">市场监管部门公布了今年第三批食品安全抽检结果。</p><label>2024-11-20 14:35</label></div></div>";
    }

    @Test
    void nextAndPreviousArticleBoxesBelowTheTextAreNotTheArticle() {
        String text = body("<div class=\"content\"><h1>" + TITLE + "</h1>" + STORY + STORY
                + nextBox("下一篇", "青州食品安全抽检结果公布") + nextBox("上一篇", "青州启动冬季供暖安全检查") + "</div>");
        assertTrue(text.endsWith("案件正在进一步调查中。"), text);
        assertFalse(text.contains("抽检"), text);
    }

    @Test
    void linkedSectionHeadingsInsideTheArticleStay() {
        String section = "<div class=\"part\"><a href=\"/topic/water\"><h3>废水去向</h3></a>"
                + "<p>执法人员顺着暗管一路排查，发现废水最终流入了下游两公里处的灌溉水渠。</p></div>";
        String text = body("<div class=\"content\"><h1>" + TITLE + "</h1>" + STORY + section + STORY + "</div>");
        assertTrue(text.contains("废水去向"), text);
        assertTrue(text.contains("灌溉水渠"), text);
    }
}
