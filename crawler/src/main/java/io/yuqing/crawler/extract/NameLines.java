package io.yuqing.crawler.extract;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Authors printed without a label: a name standing alone on its own line between the headline and the text
 * ("犬儒病(上) / 胡平 / ——当代中国的精神危机"), as essays, reprints and forum posts set them.
 */
final class NameLines {
    /** Chinese names (two or three characters, several joined by 、) or a lower-case forum handle. */
    private static final Pattern BARE_NAME = Pattern.compile(
            "[\\p{IsHan}·]{2,3}(?:、[\\p{IsHan}·]{2,3}){0,3}|[a-z][a-z0-9_.-]{2,20}");
    /** Short lines that stand where names stand but are page furniture. */
    private static final Pattern NOT_A_NAME = Pattern.compile(
            ".*(?:时间|日期|来源|发布|点击|阅读|浏览|字号|打印|关闭|评论|分享|首页|返回|正文|登录|注册|更多|导航|目录|"
                    + "新闻|专题|专栏|图片|视频|推荐|相关|上一|下一|链接|简介|网站|频道|栏目|查看|收藏|转载|原创|摘要|全文|"
                    + "显示|回复|搜索|编辑|作者|记者|报道|人物|社会|国际|国内|财经|体育|娱乐|科技|文化|教育|健康|"
                    + "军事|历史|论坛|博客|文章|留言|帮助|公告|广告|联系|关于|版权).*");
    private static final Set<String> NOT_A_HANDLE = Set.of("http", "https", "www", "home", "top", "more", "print", "email");
    /** Lines looked at above the body's first line and below the headline. */
    private static final int ABOVE_BODY_LINES = 3;
    private static final int BELOW_HEADLINE_LINES = 2;
    private static final int PROBE_CHARS = 15;
    private static final int MIN_PROSE_LINE = 20;
    private static final Pattern SENTENCE_MARK = Pattern.compile("[，。！？,.!?]");

    private NameLines() {
    }

    /** The bare-name line nearest above the body, else right below the headline; empty when there is none. */
    static String find(List<String> lines, String title, String mainText) {
        String headline = TextStats.normalizeSpace(title);
        int body = bodyStart(lines, mainText);
        for (int i = body - 1; i >= 0 && i >= body - ABOVE_BODY_LINES; i--) {
            // A short headline is itself a bare-name-shaped line; it names the story, not its author.
            if (isBareName(lines.get(i)) && !lines.get(i).equals(headline)) {
                return lines.get(i);
            }
        }
        int at = headline.isEmpty() ? -1 : lines.indexOf(headline);
        for (int i = at + 1; at >= 0 && i < lines.size() && i <= at + BELOW_HEADLINE_LINES; i++) {
            if (isBareName(lines.get(i))) {
                return lines.get(i);
            }
        }
        return "";
    }

    static boolean isBareName(String line) {
        return BARE_NAME.matcher(line).matches() && !NOT_A_NAME.matcher(line).matches()
                && !NOT_A_HANDLE.contains(line);
    }

    /** Index of the page line holding the body's first prose line, or -1. */
    private static int bodyStart(List<String> lines, String mainText) {
        String first = "";
        for (String line : mainText.split("\n")) {
            // Containers keep headline and dateline lines above the prose; those are not where the text starts.
            if (TextStats.visibleLength(line) >= MIN_PROSE_LINE && SENTENCE_MARK.matcher(line).find()) {
                first = TextStats.normalizeSpace(line);
                break;
            }
        }
        String probe = first.substring(0, Math.min(first.length(), PROBE_CHARS));
        if (probe.length() < 4) {
            return -1;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(probe)) {
                return i;
            }
        }
        return -1;
    }
}
