package io.yuqing.app.demo;

import io.yuqing.core.text.Html;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;

import static io.yuqing.core.text.Html.escape;

/** The frame every HTML page of the demo portal shares: head, top bar, header with navigation, footer. */
final class PortalLayout {
    static final String SITE_NAME = "青州新闻网";
    static final String LIST_1 = "/news/list-1.html";
    static final String LIST_2 = "/news/list-2.html";
    static final Map<Integer, String> LIST_NAMES = Map.of(1, "本地要闻", 2, "经济民生");

    private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    private static final String STYLE = """
            body{margin:0;font-family:"Microsoft YaHei","PingFang SC",sans-serif;color:#222;background:#f4f4f4}
            a{color:#1a3d7c;text-decoration:none}a:hover{text-decoration:underline}
            .top-bar{background:#1a3d7c;color:#fff;font-size:12px;padding:4px 24px}
            .site-header{background:#fff;padding:12px 24px;border-bottom:3px solid #c00}
            .logo{font-size:28px;font-weight:bold;color:#c00}
            .main-nav ul{list-style:none;margin:8px 0 0;padding:0}.main-nav li{display:inline-block;margin-right:20px}
            .wrap{display:flex;gap:24px;padding:16px 24px}.content{flex:3;background:#fff;padding:16px}
            .sidebar{flex:1;background:#fff;padding:16px}
            .news-list li{line-height:2}.news-list .date{color:#888;margin-left:12px;font-size:12px}
            .article-meta{color:#666;font-size:13px;margin:8px 0 16px}.article-content p{text-indent:2em;line-height:1.9}
            .breadcrumb{font-size:12px;color:#666;padding:8px 24px}
            .related,.comment-box{margin-top:24px;border-top:1px solid #ddd;padding-top:12px}
            .site-footer{background:#333;color:#bbb;font-size:12px;text-align:center;padding:16px}
            .site-footer a{color:#ddd}
            """;

    private final String dateLine;

    /** {@code today} is the site's notion of now in the city's time zone, shown in the top bar. */
    PortalLayout(ZonedDateTime today) {
        DayOfWeek day = today.getDayOfWeek();
        this.dateLine = String.format(Locale.ROOT, "%d年%d月%d日 %s", today.getYear(), today.getMonthValue(),
                today.getDayOfMonth(), WEEKDAYS[day.getValue() - 1]);
    }

    /**
     * A whole page. {@code charsetLabel} goes into the meta charset; {@code extraHead} and {@code body} are
     * HTML that the caller has already escaped; {@code title} is plain text.
     */
    String page(String charsetLabel, String title, String extraHead, String body) {
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"" + charsetLabel + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n" + extraHead
                + "<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + header() + body + footer()
                + "</body>\n</html>\n";
    }

    private String header() {
        return "<div class=\"top-bar\">" + dateLine + " | 欢迎访问" + SITE_NAME + "</div>\n"
                + "<header class=\"site-header\">\n<a class=\"logo\" href=\"/\">" + SITE_NAME + "</a>\n"
                + "<nav class=\"main-nav\"><ul>"
                + "<li><a href=\"/\">首页</a></li>"
                + "<li><a href=\"" + LIST_1 + "\">" + LIST_NAMES.get(1) + "</a></li>"
                + "<li><a href=\"" + LIST_2 + "\">" + LIST_NAMES.get(2) + "</a></li>"
                + "<li><a href=\"/rss.xml\">RSS订阅</a></li>"
                + "</ul></nav>\n</header>\n";
    }

    private static String footer() {
        return "<footer class=\"site-footer\">\n"
                + "<p><a href=\"/#about\">关于我们</a> | <a href=\"/#copyright\">版权声明</a> | <a href=\"/rss.xml\">RSS订阅</a></p>\n"
                + "<p>版权所有 " + SITE_NAME + " 未经书面授权不得转载 | "
                + "<a href=\"https://beian.miit.gov.cn/\" rel=\"nofollow\" target=\"_blank\">青ICP备20261125号-1</a></p>\n"
                + "<p>本站为演示站点，供舆情监测系统演示使用。</p>\n"
                + "</footer>\n";
    }
}
