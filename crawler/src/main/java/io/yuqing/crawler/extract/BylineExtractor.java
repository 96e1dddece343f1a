package io.yuqing.crawler.extract;

import org.jsoup.nodes.Document;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Author and outlet from metadata or the byline Chinese articles print near the headline (来源：… 作者：…). */
final class BylineExtractor {
    /** One to four names: "张三", "张三、李四", "宋怡 杨志华" (a space-separated name must end the run), or a latin handle. */
    private static final String NAME = "([\\p{IsHan}·]{2,6}(?:、[\\p{IsHan}·]{2,4}|\\s+[\\p{IsHan}·]{2,4}(?=\\s|$)){0,3}"
            + "|[A-Za-z][A-Za-z0-9_.-]{1,30})";
    private static final List<Pattern> AUTHOR_PATTERNS = List.of(
            Pattern.compile("(?:作者|作\\s+者|文|撰文|撰稿)\\s*[:：/]\\s*" + NAME),
            Pattern.compile("(?:记者|通讯员|本报记者|本台记者|见习记者)\\s*[:：]?\\s*" + NAME),
            Pattern.compile("(?:责任编辑|责编|编辑)\\s*[:：]\\s*" + NAME));
    private static final Pattern OUTLET = Pattern.compile(
            "(?:来源|来自|稿源|出处|新闻来源|文章来源)\\s*[:：]\\s*([^\\s:：|｜,，。;；()（）\\[\\]【】<>]{2,30})");
    /** Words that are not names although they stand where names stand. */
    private static final Pattern NOT_A_NAME = Pattern.compile(".*(?:时间|日期|来源|发布|点击|阅读|浏览|字号|打印|关闭|评论|分享).*");
    /** Names end where the next byline label starts ("张三来源：..."). */
    private static final Pattern TRAILING_LABEL = Pattern.compile("(?:来源|时间|发布|日期|编辑|责编|记者|通讯员|摄影|报道)$");

    private BylineExtractor() {
    }

    static String author(Document doc, String bylineText) {
        String meta = TitleExtractor.meta(doc, "meta[name=author]", "meta[property=article:author]", "meta[name=Author]");
        if (!meta.isEmpty() && !meta.startsWith("http") && meta.length() <= 40) {
            return meta;
        }
        for (Pattern p : AUTHOR_PATTERNS) {
            Matcher m = p.matcher(bylineText);
            while (m.find()) {
                String name = trimLabel(m.group(1).strip());
                if (name.length() >= 2 && !NOT_A_NAME.matcher(name).matches()) {
                    return name;
                }
            }
        }
        return "";
    }

    static String outlet(Document doc, String bylineText) {
        Matcher m = OUTLET.matcher(bylineText);
        while (m.find()) {
            String outlet = trimLabel(m.group(1).strip());
            if (outlet.length() >= 2 && !NOT_A_NAME.matcher(outlet).matches()) {
                return outlet;
            }
        }
        return TitleExtractor.meta(doc, "meta[name=source]", "meta[name=Source]", "meta[property=og:site_name]");
    }

    private static String trimLabel(String name) {
        String n = name;
        Matcher m = TRAILING_LABEL.matcher(n);
        while (m.find() && m.start() > 0) {
            n = n.substring(0, m.start()).strip();
            m = TRAILING_LABEL.matcher(n);
        }
        return n;
    }
}
