package io.yuqing.crawler.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables inside the article: a grid of figures is content, a grid of links is furniture. */
class ArticleTablesTest {
    private static final String URL = "http://news.qingzhou.example.cn/economy/2024/1124/789.html";
    private static final String INTRO = "<p>青州市统计局今天发布前三季度纳税百强民营企业名单。</p><p>榜单按纳税总额排列，单位为万元。</p>";
    /** Below the article: a long notice, the longest paragraph on the page, among lists of links. */
    private static final String NOTICE = "<div class=\"bottom\"><p>郑重声明：本网站所刊登的各种新闻、信息和各种专题专栏资料，"
            + "均为青州日报版权所有，未经协议授权，禁止下载使用，违者必究。</p><ul>"
            + "<li><a href=\"/a\">青州今年新增市场主体两万户</a></li><li><a href=\"/b\">青州开展冬季安全生产大检查</a></li>"
            + "<li><a href=\"/c\">青州民营企业座谈会召开</a></li><li><a href=\"/d\">青州发布重污染天气橙色预警</a></li>"
            + "<li><a href=\"/e\">青州食品企业抽检结果公布</a></li><li><a href=\"/f\">青州农民工工资专项行动启动</a></li>"
            + "</ul></div>";
    private final ArticleExtractor extractor = new ArticleExtractor();

    private Extraction read(String table) {
        String html = "<html><head><meta charset=\"utf-8\"><title>纳税百强民营企业名单发布</title></head><body>"
                + "<div class=\"menu\"><a href=\"/\">首页</a> <a href=\"/economy\">经济</a></div>"
                + "<div class=\"main\"><h1>纳税百强民营企业名单发布</h1>" + INTRO + table + "</div>" + NOTICE + "</body></html>";
        return extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", URL);
    }

    private static String figures(boolean linked) {
        StringBuilder b = new StringBuilder("<table><tr><th>名次</th><th>企业</th><th>纳税额</th><th>增长</th></tr>");
        String[] names = {"青州宏达机械", "青州华农食品", "青州恒信建材", "青州鲁中化工", "青州远航物流", "青州瑞丰纺织",
                "青州金鼎铸造", "青州顺通汽配"};
        for (int i = 0; i < names.length; i++) {
            String name = linked ? "<a href=\"/company/" + i + ".html\">" + names[i] + "</a>" : names[i];
            b.append("<tr><td>").append(i + 1).append("</td><td>").append(name).append("</td><td>")
                    .append(9800 - i * 700).append("</td><td>").append(12 - i).append("%</td></tr>");
        }
        return b.append("</table>").toString();
    }

    @Test
    void aTableOfFiguresInsideTheArticleIsKeptWithIt() {
        Extraction x = read(figures(false));
        assertTrue(x.text().contains("榜单按纳税总额排列"), x.text());
        assertTrue(x.text().contains("青州宏达机械"), x.text());
        assertTrue(x.text().contains("9800"), x.text());
        assertTrue(x.text().contains("青州顺通汽配"), x.text());
        assertFalse(x.text().contains("郑重声明"), x.text());
    }

    @Test
    void aStaffListWithCentredCellsIsData() {
        // Old pages centre cell text with a div: still a grid of short cells.
        StringBuilder b = new StringBuilder("<table>");
        String[][] rows = {{"研究方向", "导师", "名额"}, {"01 中国音乐史", "田　青", "2"}, {"02 中国古代音乐史", "秦　序", "1"},
                {"03 音乐美学", "韩钟恩", "1"}, {"04 戏曲美学", "贾志刚", "2"}};
        for (String[] row : rows) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td><div align=\"center\">").append(cell).append("</div></td>");
            }
            b.append("</tr>");
        }
        assertTrue(DataTables.isDataTable(org.jsoup.Jsoup.parse(b.append("</table>").toString()).selectFirst("table")));
    }

    @Test
    void aGridOfLinksIsNotData() {
        assertFalse(DataTables.isDataTable(org.jsoup.Jsoup.parse(figures(true)).selectFirst("table")),
                "half the table's text is links");
        String layout = "<table><tr><td><div><p>" + "正文".repeat(120) + "</p></div></td><td>侧栏</td></tr>"
                + "<tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>";
        assertFalse(DataTables.isDataTable(org.jsoup.Jsoup.parse(layout).selectFirst("table")), "a layout table holds long text");
    }
}
