package io.yuqing.crawler.extract;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the body starts and ends: the container around a lone winning paragraph, wrapped leads, labels, comments. */
class BodyBoundariesTest {
    private static final String SENTENCE = "工人们说，这家企业已经连续三个月没有按时发放工资，许多家庭的生活受到了影响。";

    private static String body(String html) {
        return MainTextExtractor.extract(Jsoup.parse("<html><body>" + html + "</body></html>").body(), "");
    }

    @Test
    void aLoneParagraphWinnerGivesWayToTheArticleAroundIt() {
        // Each list item links its lead-in, so item by item they count as boilerplate and one paragraph wins alone.
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            items.append("<li><a href=\"/s").append(i).append("\">第").append(i).append("家企业欠薪情况的详细调查记录与各方回应汇总以及后续处理")
                    .append("</a> ").append(SENTENCE).append("</li>");
        }
        String text = body("<div id=nav><a href=/>首页</a> <a href=/a>新闻</a></div><div class=story><p>" + SENTENCE.repeat(4) + "</p><ul>" + items + "</ul></div>");
        assertTrue(text.contains("第3家企业"), text);
        assertFalse(text.contains("首页"), text);
    }

    @Test
    void aWinnerThatHoldsMostOfItsParentsProseStaysAlone() {
        String text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>热门 推荐 排行 专题 视频 图片 更多 登录</p></div>");
        assertFalse(text.contains("热门"), text);
    }

    @Test
    void hardWrappedLeadLinesAreProseNotKickers() {
        String text = body("<p>一、理解文革的一个重要内容<br>文化革命是一场有着极为广泛的群众参与的政治运动。因此，如何理解这种<br>"
                + "广泛的群众参与，就成为理解文革的关键之一。" + SENTENCE.repeat(4) + "</p>");
        assertTrue(text.startsWith("文化革命是一场"), text);
    }

    @Test
    void controlAndSlotLabelsAreDropped() {
        String text = body("<div><p>" + SENTENCE + "</p><p>Advertisement</p><p>" + SENTENCE + "</p><p>Read More</p>"
                + "<p>[打印]</p><p>【关闭】</p><p>" + SENTENCE + "</p></div>");
        assertEquals(3, text.split("\n").length, text);
        assertFalse(text.contains("Advertisement") || text.contains("Read More") || text.contains("打印") || text.contains("关闭"), text);
    }

    @Test
    void aCommentHeadingBelowTheArticleEndsIt() {
        String text = body("<div><p>" + SENTENCE.repeat(3) + "</p><p>" + SENTENCE.repeat(3) + "</p><p>评论</p>"
                + "<p># re: 很高兴入住 2004-12-27 12:46 flyingbirds</p><p>" + SENTENCE.repeat(2) + "又来了一位大哥啊。</p></div>");
        assertFalse(text.contains("评论") || text.contains("大哥"), text);
        assertTrue(text.contains(SENTENCE), text);
    }

    @Test
    void aCommentCounterAboveTheTextIsNotTheEnd() {
        String text = body("<div><p>评论</p><p>" + SENTENCE.repeat(3) + "</p><p>" + SENTENCE.repeat(3) + "结尾段落。</p></div>");
        assertTrue(text.contains("结尾段落"), text);
    }

    @Test
    void aMoreStoriesHeadingBelowTheArticleEndsIt() {
        String text = body("<div><p>" + SENTENCE.repeat(4) + "</p><p>" + SENTENCE.repeat(4) + "</p><p>More From the Daily Planet</p>"
                + "<p>Another story about something else entirely, told in one sentence.</p><p>相关阅读</p><p>第二条推荐</p></div>");
        assertFalse(text.contains("Daily Planet") || text.contains("Another story"), text);
        text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>相关阅读：</p><p>·某企业欠薪调查 (2005-04-27)</p></div>");
        assertFalse(text.contains("相关阅读") || text.contains("某企业欠薪调查"), text);
    }

    @Test
    void aMoreStoriesHeadingAboveMostOfTheTextIsAHeaderStrip() {
        String text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>More Daily Planet</p><p>" + SENTENCE.repeat(8)
                + "末段。</p></div>");
        assertTrue(text.contains("末段"), text);
    }

    @Test
    void aTeaserListLongerThanTheArticleIsCutWhenItReadsAsLabelsAndBlurbs() {
        StringBuilder teasers = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            teasers.append("<p>Tuesday November 19, 2019</p><p>").append("Another opinion piece about a different subject, ")
                    .append("long enough to be a paragraph of its own right here.</p>");
        }
        String text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>More Washington Examiner</p>" + teasers + "</div>");
        assertFalse(text.contains("Another opinion") || text.contains("Washington"), text);
    }

    @Test
    void anAuthorBioBelowTheArticleEndsIt() {
        String text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>Meg James is a corporate media reporter for the Daily "
                + "Planet, covering television.</p><p>Want more stories like this?</p></div>");
        assertFalse(text.contains("Meg James") || text.contains("Want more"), text);
        text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>作者简介：张三，资深记者。</p></div>");
        assertFalse(text.contains("作者简介"), text);
        // A sentence shaped like a bio but about a book stays.
        text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>The Dragon Waiting is an unfolding cabinet of wonders.</p></div>");
        assertTrue(text.contains("Dragon Waiting"), text);
    }

    @Test
    void markupShownAsTextIsDroppedButAngleBracketTitlesStay() {
        String text = body("<div><p>&lt;img height=\"1\" width=\"1\" style=\"display:none\" src=\"http://t.example/p?c=1\"&gt;</p><p>"
                + SENTENCE.repeat(3) + "</p><p>&lt;The Palace: Jang Noksu&gt;</p><p>" + SENTENCE + "</p></div>");
        assertFalse(text.contains("img height"), text);
        assertTrue(text.contains("<The Palace: Jang Noksu>"), text);
    }

    @Test
    void aSuggestionsHeadingEndsEvenAShortArticle() {
        StringBuilder blurbs = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            blurbs.append("<p>A vida requer da gente otimismo e coragem para esperar o melhor e fazer o melhor acontecer. ")
                    .append("O pessimismo só atrapalha.</p>");
        }
        String text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>Você pode gostar...</p>" + blurbs + "</div>");
        assertFalse(text.contains("pode gostar") || text.contains("otimismo"), text);
        // "More …" headings can stand in a header strip: above long paragraphs they do not end the text.
        text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>More Daily Planet</p>" + blurbs + "</div>");
        assertTrue(text.contains("otimismo"), text);
    }

    @Test
    void aChineseSiteFooterInTheContainerEndsTheArticle() {
        String text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>" + SENTENCE + "</p>"
                + "<p>青州日报网 鲁ICP备12345678号-1 ® qzdaily.example.cn All Rights Reserved</p>"
                + "<p>青州日报社 版权所有，未经许可不得转载</p><p>违法和不良信息举报电话：0536-1234567</p></div>");
        assertTrue(text.endsWith(SENTENCE), text);
        assertFalse(text.contains("ICP") || text.contains("版权所有") || text.contains("举报"), text);
        // A sentence about copyright inside the article is not a footer.
        String about = "记者了解到，该企业此前曾因商标侵权被起诉，法院判决其停止使用与原告版权所有的作品相近的包装设计，并赔偿经济损失。";
        text = body("<div><p>" + SENTENCE.repeat(6) + "</p><p>" + about.repeat(2) + "</p><p>" + SENTENCE + "</p></div>");
        assertTrue(text.endsWith(SENTENCE), text);
    }
}
