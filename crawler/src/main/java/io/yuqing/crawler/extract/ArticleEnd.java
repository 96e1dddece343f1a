package io.yuqing.crawler.extract;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the article ends inside its container: reader comments, "more stories" teasers, the author's bio and the
 * site's registration footer often sit in the same element as the text, below it.
 */
final class ArticleEnd {
    /** A bare heading that opens a comment section. */
    private static final Pattern COMMENTS_HEADING = Pattern.compile(
            "(?i)(?:网友|读者|最新|热门|全部|相关)?评论(?:区|列表)?|发表评论|\\d+\\s*条评论|共\\s*\\d+\\s*[条篇]评论"
                    + "|(?:\\d+\\s+)?comments?|reader comments|leave a (?:comment|reply)");
    /** A heading over teasers for other articles. */
    private static final Pattern MORE_STORIES_HEADING = Pattern.compile(
            "(?i)(?:more (?:from|stories|news|on|in|to read)\\b.{0,40}|more \\p{Lu}[\\p{L} ]{0,30}"
                    + "|related(?: articles| stories| posts| news| content| reading)?|popular (?:now|stories)|other stories"
                    + "|相关阅读|相关新闻|相关文章|相关报道|更多精彩|更多新闻|更多阅读)[.…:：]*");
    /** A heading that only ever introduces suggestions for the reader's next article, never the article's own text. */
    private static final Pattern SUGGESTIONS_HEADING = Pattern.compile(
            "(?i)(?:you (?:may|might) (?:also )?(?:like|enjoy)|read (?:next|also)|recommended(?: for you| reading)?"
                    + "|you may have missed|want more (?:stories|news|articles)(?: like this)?\\??"
                    + "|(?:você|voce) (?:também )?pode gostar|leia também|veja também"
                    + "|推荐阅读|延伸阅读|热门推荐|猜你喜欢)[.…:：]*");
    /** An author's bio line: "Name Surname is a [freelance] writer/reporter …", or a Chinese 作者简介 label. */
    private static final Pattern AUTHOR_BIO = Pattern.compile(
            "\\p{Lu}[\\p{L}.'-]+(?: \\p{Lu}[\\p{L}.'-]+){1,3} (?:is|was) an? [^.]{0,80}?\\b(?:writer|journalist|reporter|"
                    + "editor|correspondent|contributor|columnist|author|freelancer)\\b|作者简介\\s*[:：]?");
    /**
     * A Chinese site's registration footer: ICP filing and public-security numbers, news licence, abuse hotline and the
     * site's 版权所有 line. Such lines only ever close a page, so the article ends above the first of them.
     */
    private static final Pattern SITE_FOOTER = Pattern.compile(
            "ICP[备证]|公网安备|互联网新闻信息服务许可|新闻信息服务许可证|不良信息举报|举报电话|举报邮箱|版权所有");
    /** A footer line is short; a longer line naming 版权所有 is a sentence about copyright. */
    private static final int MAX_FOOTER_LINE = 120;
    /** Tenths of the lines below a "more stories" heading that must be labels for it to end a shorter article. */
    private static final int TEASER_LABEL_SHARE_TENTHS = 4;
    /** A comment heading ends the body only below this much text; above it, it is a counter in the byline. */
    private static final int MIN_TEXT_BEFORE_COMMENTS = 200;

    private ArticleEnd() {
    }

    /** The body's lines up to the first comment section, teaser list or author bio below the text. */
    static List<String> trim(List<String> lines) {
        List<String> article = lines.subList(0, commentsStart(lines));
        article = article.subList(0, moreStoriesStart(article));
        return article.subList(0, siteFooterStart(article));
    }

    /** Where the site's registration footer starts below the article, or the end. */
    private static int siteFooterStart(List<String> lines) {
        int before = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (before >= MIN_TEXT_BEFORE_COMMENTS && TextStats.visibleLength(line) <= MAX_FOOTER_LINE
                    && SITE_FOOTER.matcher(line).find()) {
                return i;
            }
            before += TextStats.visibleLength(line);
        }
        return lines.size();
    }

    /**
     * Where a comment section starts below the article, or the end: old portals and blogs run reader comments on in
     * the article's own container under a bare heading ("评论", "网友评论", "Comments").
     */
    private static int commentsStart(List<String> lines) {
        int before = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (before >= MIN_TEXT_BEFORE_COMMENTS && COMMENTS_HEADING.matcher(lines.get(i)).matches()) {
                return i;
            }
            before += TextStats.visibleLength(lines.get(i));
        }
        return lines.size();
    }

    /**
     * Where a "more stories" section or the author's bio ("Meg James is a corporate media reporter for…",
     * "作者简介：…") starts below the article, or the end. Such a heading ("More Washington
     * Examiner", "You may also like", "相关阅读") can also stand in a header strip above the text, so it ends the body
     * only when the text above it outweighs what follows: teaser lists are shorter than the article they close.
     */
    private static int moreStoriesStart(List<String> lines) {
        int total = lines.stream().mapToInt(TextStats::visibleLength).sum();
        int before = 0;
        for (int i = 0; i < lines.size(); i++) {
            boolean heading = MORE_STORIES_HEADING.matcher(lines.get(i)).matches();
            boolean bio = AUTHOR_BIO.matcher(lines.get(i)).lookingAt();
            boolean suggestions = SUGGESTIONS_HEADING.matcher(lines.get(i)).matches();
            if (before >= MIN_TEXT_BEFORE_COMMENTS && (suggestions || ((heading || bio)
                    && (before * 2 >= total || (heading && mostlyTeaserLines(lines.subList(i + 1, lines.size()))))))) {
                return i;
            }
            before += TextStats.visibleLength(lines.get(i));
        }
        return lines.size();
    }

    /**
     * Whether lines read as a teaser list rather than article paragraphs: a good share of them are short labels (dates,
     * bylines, headlines) between the blurbs.
     */
    private static boolean mostlyTeaserLines(List<String> lines) {
        if (lines.isEmpty()) {
            return true;
        }
        long labels = lines.stream().filter(l -> !MainTextExtractor.isSentence(l)).count();
        return labels * 10 >= lines.size() * TEASER_LABEL_SHARE_TENTHS;
    }
}
