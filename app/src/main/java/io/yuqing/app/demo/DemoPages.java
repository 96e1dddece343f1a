package io.yuqing.app.demo;

import io.yuqing.core.text.Html;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.yuqing.core.text.Html.escape;

/**
 * Renders the HTML pages of the demo portal: home, the two list pages and one page per article. Everything taken
 * from the content is escaped, so a headline carrying {@code <script>} reaches a crawler as text.
 */
final class DemoPages {
    static final String HTML_UTF8 = "text/html; charset=utf-8";
    /** Like many Chinese sites: the charset is only in the page's meta tag, not in the header. */
    static final String HTML_NO_CHARSET = "text/html";

    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter META_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final int HOT_RANKING_SIZE = 6;
    private static final int RELATED_LINKS = 3;
    private static final String[] EDITORS = {"王琳", "李想", "陈思远", "杨帆"};

    private final List<DemoArticle> articles;
    private final PortalLayout layout;

    /** {@code articles} newest first; {@code now} is the site's start time. */
    DemoPages(List<DemoArticle> articles, Instant now) {
        this.articles = List.copyOf(articles);
        this.layout = new PortalLayout(now.atZone(DemoContent.CITY_ZONE));
    }

    /** Every HTML page by path. */
    Map<String, SitePage> render() {
        Map<String, SitePage> pages = new LinkedHashMap<>();
        pages.put("/", utf8(home()));
        pages.put(PortalLayout.LIST_1, utf8(listPage(1)));
        pages.put(PortalLayout.LIST_2, utf8(listPage(2)));
        for (int i = 0; i < articles.size(); i++) {
            DemoArticle a = articles.get(i);
            String html = articlePage(a, i);
            SitePage page = a.charset().equals(StandardCharsets.UTF_8) ? utf8(html)
                    : new SitePage(encodeStrictly(html, a.charset(), a.slug()), HTML_NO_CHARSET);
            pages.put(a.path(), page);
        }
        return pages;
    }

    /** Comments shown under an article: a stable made-up figure so pages look alive and do not change between runs. */
    static int commentCount(DemoArticle a) {
        return Math.floorMod(a.slug().hashCode(), 480) + 20;
    }

    private String home() {
        String body = "<div class=\"wrap\"><div class=\"content\">\n"
                + "<h2>栏目导航</h2>\n<ul class=\"channel-list\">\n"
                + "<li><a href=\"" + PortalLayout.LIST_1 + "\">" + PortalLayout.LIST_NAMES.get(1) + "</a> — 全市时政、社会、突发新闻</li>\n"
                + "<li><a href=\"" + PortalLayout.LIST_2 + "\">" + PortalLayout.LIST_NAMES.get(2) + "</a> — 企业、产业、消费与民生</li>\n"
                + "<li><a href=\"/rss.xml\">RSS订阅</a> — 全部新闻的RSS 2.0源</li>\n</ul>\n"
                + "<h2 id=\"about\">关于我们</h2>\n<p>" + PortalLayout.SITE_NAME
                + "是青州市本地综合新闻门户，汇集青州日报、青州晚报、临江时报等本地媒体的新闻报道。</p>\n"
                + "<h2 id=\"copyright\">版权声明</h2>\n<p>本站刊登的新闻稿件版权归原作者及来源媒体所有，转载请注明出处。</p>\n"
                + "</div></div>\n";
        return layout.page("utf-8", PortalLayout.SITE_NAME + "_青州本地新闻门户", "", body);
    }

    private String listPage(int n) {
        List<DemoArticle> onPage = articles.stream().filter(a -> a.listPage() == n).toList();
        StringBuilder list = new StringBuilder("<ul class=\"news-list\">\n");
        for (DemoArticle a : onPage) {
            list.append("<li><a href=\"").append(escape(a.path())).append("\" target=\"_blank\">").append(escape(a.title()))
                    .append("</a><span class=\"date\">").append(shownTime(a)).append("</span></li>\n");
        }
        list.append("</ul>\n");
        String other = n == 1 ? PortalLayout.LIST_2 : PortalLayout.LIST_1;
        String pagination = "<div class=\"pagination\">"
                + (n == 2 ? "<a href=\"" + other + "\">上一页</a> " : "")
                + "<span class=\"current\">第" + n + "页</span>"
                + (n == 1 ? " <a href=\"" + other + "\">下一页</a>" : "")
                + "</div>\n";
        String body = "<div class=\"breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; " + PortalLayout.LIST_NAMES.get(n) + "</div>\n"
                + "<div class=\"wrap\">\n<div class=\"content\">\n<h2 class=\"column-title\">" + PortalLayout.LIST_NAMES.get(n) + "</h2>\n"
                + list + pagination + "</div>\n" + hotRanking(onPage) + "</div>\n";
        return layout.page("utf-8", PortalLayout.LIST_NAMES.get(n) + "_" + PortalLayout.SITE_NAME, "", body);
    }

    /** The sidebar ranks only the page's own articles, so each article is linked from exactly one list page. */
    private static String hotRanking(List<DemoArticle> onPage) {
        StringBuilder out = new StringBuilder("<aside class=\"sidebar\">\n<h3>热点排行</h3>\n<ol class=\"hot-list\">\n");
        onPage.stream().sorted(Comparator.comparingInt(DemoPages::commentCount).reversed()).limit(HOT_RANKING_SIZE)
                .forEach(a -> out.append("<li><a href=\"").append(escape(a.path())).append("\">").append(escape(a.title()))
                        .append("</a></li>\n"));
        return out.append("</ol>\n</aside>\n").toString();
    }

    private String articlePage(DemoArticle a, int index) {
        String charsetLabel = a.charset().equals(StandardCharsets.UTF_8) ? "utf-8" : a.charset().name().toLowerCase(Locale.ROOT);
        String head = "<meta name=\"description\" content=\"" + escape(summary(a)) + "\">\n"
                + "<meta name=\"publishdate\" content=\"" + META_TIME.format(a.publishedAt().atZone(DemoContent.CITY_ZONE)) + "\">\n"
                + "<link rel=\"canonical\" href=\"" + escape(a.url()) + "\">\n";
        StringBuilder content = new StringBuilder("<div class=\"article-content\">\n");
        for (String p : a.paragraphs()) {
            content.append("<p>").append(escape(p)).append("</p>\n");
        }
        content.append("</div>\n");
        String body = "<div class=\"breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/news/list-" + a.listPage() + ".html\">"
                + PortalLayout.LIST_NAMES.get(a.listPage()) + "</a> &gt; 正文</div>\n"
                + "<div class=\"wrap\">\n<div class=\"content\">\n<article class=\"article\">\n"
                + "<h1 class=\"article-title\">" + escape(a.title()) + "</h1>\n"
                + "<div class=\"article-meta\"><span class=\"source\">来源：" + escape(a.outlet()) + "</span> "
                + "<span class=\"author\">作者：" + escape(a.author()) + "</span> "
                + "<span class=\"pubtime\">发布时间：" + shownTime(a) + "</span></div>\n"
                + content
                + "<div class=\"article-editor\">责任编辑：" + EDITORS[Math.floorMod(a.slug().hashCode(), EDITORS.length)] + "</div>\n"
                + "</article>\n"
                + relatedLinks(index)
                + "<div class=\"comment-box\" id=\"comments\"><span class=\"comment-count\">已有<em>" + commentCount(a)
                + "</em>人参与评论</span> <a href=\"#comments\">我要评论</a></div>\n"
                + "</div>\n</div>\n";
        return layout.page(charsetLabel, a.title() + "_" + PortalLayout.SITE_NAME, head, body);
    }

    /** The next few articles in list order, wrapping around. */
    private String relatedLinks(int index) {
        StringBuilder out = new StringBuilder("<div class=\"related\">\n<h3>相关阅读</h3>\n<ul>\n");
        for (int k = 1; k <= RELATED_LINKS && k < articles.size(); k++) {
            DemoArticle r = articles.get((index + k) % articles.size());
            out.append("<li><a href=\"").append(escape(r.path())).append("\">").append(escape(r.title())).append("</a></li>\n");
        }
        return out.append("</ul>\n</div>\n").toString();
    }

    static String shownTime(DemoArticle a) {
        return SHOWN_TIME.format(a.publishedAt().atZone(DemoContent.CITY_ZONE));
    }

    /** The lead paragraph, shortened the way portals shorten it for meta descriptions and feeds. */
    static String summary(DemoArticle a) {
        String lead = a.paragraphs().getFirst();
        return lead.length() <= 120 ? lead : lead.substring(0, 120) + "…";
    }

    private static SitePage utf8(String html) {
        return new SitePage(html.getBytes(StandardCharsets.UTF_8), HTML_UTF8);
    }

    /** Encodes, refusing to replace characters silently: a '?' in a served page would be a wrong demo. */
    private static byte[] encodeStrictly(String html, Charset charset, String slug) {
        try {
            ByteBuffer buffer = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(html));
            return Arrays.copyOf(buffer.array(), buffer.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("article '" + slug + "': page cannot be encoded in " + charset.name(), e);
        }
    }
}
