package io.yuqing.crawler.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the extractor cuts from inside the article container, and what it must keep there. */
class BoilerplatePruningTest {
    private static final String URL = "http://news.qingzhou.example.cn/economy/2024/1124/456.html";
    private static final String[] PARAGRAPHS = {
            "11月24日，青州市人力资源和社会保障局通报，某建筑公司拖欠农民工工资一案已进入调解程序，涉及工人八十余名。",
            "据了解，该公司承建的住宅项目自今年五月起停工，工人多次讨要工资未果，随后向劳动监察部门反映情况。",
            "劳动监察大队表示，将督促企业在春节前结清欠薪，并对相关责任人依法处理，同时提醒务工人员保留用工凭证。"
    };
    private final ArticleExtractor extractor = new ArticleExtractor();

    private Extraction read(String articleInner) {
        String html = "<html><head><meta charset=\"utf-8\"><title>建筑公司拖欠农民工工资进入调解</title></head><body>"
                + "<div class=\"menu\"><a href=\"/\">首页</a> <a href=\"/economy\">经济</a></div>"
                + "<div class=\"main\"><h1>建筑公司拖欠农民工工资进入调解</h1>" + articleInner + "</div></body></html>";
        return extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", URL);
    }

    private static String paragraphs() {
        StringBuilder b = new StringBuilder();
        for (String p : PARAGRAPHS) {
            b.append("<p>").append(p).append("</p>");
        }
        return b.toString();
    }

    @Test
    void captionsAndFormsInsideTheArticleAreDropped() {
        Extraction x = read("<figure><img src=\"a.jpg\"><figcaption>图为停工的住宅项目工地。记者 摄</figcaption></figure>"
                + paragraphs()
                + "<form action=\"/subscribe\"><label>电子邮箱：</label><p>订阅青州日报每日新闻简报，第一时间获取本地要闻。</p></form>");
        assertEquals(String.join("\n", PARAGRAPHS), x.text());
    }

    @Test
    void newsletterAndCookieBoxesAreDroppedByTheirNames() {
        Extraction x = read(paragraphs()
                + "<div class=\"newsletter-box\">每天早上七点，把青州要闻送到您的邮箱，欢迎订阅我们的电子报。</div>"
                + "<div id=\"cookie-notice\">本网站使用Cookie来改善您的浏览体验，继续浏览即表示您同意我们的隐私政策。</div>");
        assertEquals(String.join("\n", PARAGRAPHS), x.text());
    }

    @Test
    void teaserCardsBelowTheArticleAreDropped() {
        StringBuilder cards = new StringBuilder("<ul class=\"more\">");
        for (int i = 1; i <= 3; i++) {
            cards.append("<li class=\"card\"><h4><a href=\"/economy/").append(i).append(".html\">青州第").append(i)
                    .append("季度经济运行情况发布</a></h4><div class=\"date\">2024-11-2").append(i)
                    .append("</div><div class=\"blurb\">工业增加值同比增长。</div></li>");
        }
        cards.append("</ul>");
        // A story long enough to outweigh the cards' dates and headlines, as real ones are.
        Extraction x = read(paragraphs() + paragraphs() + cards);
        String story = String.join("\n", PARAGRAPHS);
        assertEquals(story + "\n" + story, x.text());
    }

    @Test
    void listsOfProseWithLinksInsideTheArticleStay() {
        String list = "<ul>"
                + "<li><p>第一，企业应当按月足额支付工资，详见<a href=\"/law/1.html\">《保障农民工工资支付条例》</a>第十五条的规定。</p><p>违反者将被责令限期改正。</p></li>"
                + "<li><p>第二，工程总承包单位对分包单位拖欠的工资先行清偿，再依法向分包单位追偿，见<a href=\"/law/2.html\">第三十条</a>。</p><p>这一规定已在全市执行。</p></li>"
                + "<li><p>第三，建设单位应当设立农民工工资专用账户，专项用于支付工资，见<a href=\"/law/3.html\">第二十六条</a>。</p><p>账户由银行监管。</p></li>"
                + "</ul>";
        Extraction x = read(paragraphs() + list);
        assertTrue(x.text().contains("第二，工程总承包单位"), x.text());
        assertTrue(x.text().contains("账户由银行监管。"), x.text());
    }

    @Test
    void bylineAndDatelineLinesBeforeTheFirstParagraphAreCut() {
        Extraction x = read("<div class=\"info\">记者 王晓明</div><div>2024-11-24 14:52</div><div>要点</div>" + paragraphs());
        assertTrue(x.text().startsWith(PARAGRAPHS[0]), x.text());
        assertFalse(x.text().contains("要点"), x.text());
    }

    @Test
    void aShortFirstParagraphClosedLikeASentenceIsKept() {
        Extraction x = read("<p>欠薪问题有了新进展。</p>" + paragraphs());
        assertTrue(x.text().startsWith("欠薪问题有了新进展。"), x.text());
    }

    @Test
    void headingsInsideTheArticleStay() {
        Extraction x = read("<p>" + PARAGRAPHS[0] + "</p><h2>工人讨薪经过</h2><p>" + PARAGRAPHS[1] + "</p><p>" + PARAGRAPHS[2] + "</p>");
        assertTrue(x.text().contains("\n工人讨薪经过\n"), x.text());
    }

    @Test
    void pageWrappedInAFormStillHasItsText() {
        String html = "<html><head><meta charset=\"utf-8\"><title>建筑公司拖欠农民工工资进入调解</title></head><body>"
                + "<form id=\"aspnetForm\" action=\"/page.aspx\"><div class=\"content\">" + paragraphs() + "</div></form></body></html>";
        Extraction x = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", URL);
        assertEquals(String.join("\n", PARAGRAPHS), x.text());
    }

    @Test
    void inlineLinksNamedLikeFurnitureStayInTheirSentences() {
        Extraction x = read("<p>据<a class=\"c-link\" href=\"/x\">劳动监察大队</a>通报，某建筑公司拖欠工资一案进入调解。</p>"
                + "<div class=\"side-links\"><a href=\"/a\">热点一</a> <a href=\"/b\">热点二</a></div>" + paragraphs());
        assertTrue(x.text().contains("据劳动监察大队通报"), x.text());
        assertFalse(x.text().contains("热点一"), x.text());
    }

    @Test
    void embeddedPostsQuotedInTheArticleStayThoughTheirWrapperIsNamedSocial() {
        Extraction x = read(paragraphs() + "<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>"
                + "欠薪的工人今天又来到工地门口，希望能拿回血汗钱。</p>— 青州网友 (@qz_user) 2024年11月24日</blockquote></div>"
                + "<div class=\"social-share\"><a href=\"/s\">分享到微博</a></div>");
        assertTrue(x.text().contains("希望能拿回血汗钱"), x.text());
        assertFalse(x.text().contains("分享到微博"), x.text());
    }
}
