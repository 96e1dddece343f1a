package io.yuqing.crawler.extract;

import org.jsoup.nodes.Document;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Author and outlet from metadata or the byline Chinese articles print near the headline (来源：… 作者：…). */
final class BylineExtractor {
    /** One to four names: "张三", "张三、李四", "宋怡 杨志华" (a space-separated name must end the run), or a latin handle. */
    private static final String NAME = "([\\p{IsHan}·]{2,6}(?:、[\\p{IsHan}·]{2,4}|\\s+[\\p{IsHan}·]{2,3}(?=\\s|$)){0,3}"
            + "|[A-Za-z][A-Za-z0-9_.-]{1,30}+(?!\\s*=))";
    /** Byline conventions, surest first: an explicit 作者 label, then reporters, signatures, forum posters, editors. */
    private static final List<Signature> AUTHOR_PATTERNS = List.of(
            new Signature(Pattern.compile("(?:作者|作\\s+者|撰文|撰稿)\\s*[:：/]\\s*" + NAME), "作", "撰"),
            new Signature(Pattern.compile("(?<![\\p{IsHan}])文\\s*[:：/]\\s*" + NAME), "文"),
            // A bare 记者 needs a space or a 本报-style prefix before the name: "记者在现场看到" is prose.
            // "记者：首先欢迎你来到…" is an interviewer's question: a name ends before the next Han character.
            new Signature(Pattern.compile("(?:记者|通讯员|见习记者)\\s*[:：]\\s*" + NAME + "(?![\\p{IsHan}])"), "记者", "通讯员"),
            new Signature(Pattern.compile("(?:本报记者|本台记者|本网记者|报记者|社记者|(?<![\\p{IsHan}])记者|通讯员)\\s+" + NAME), "记者", "通讯员"),
            new Signature(Pattern.compile("(?:本报记者|本台记者|本网记者|报记者)" + NAME + "(?=\\s*/\\s*文|\\s|$)"), "记者"),
            // Signatures closing a report: "（记者 胡晓蓉）", "（姚峰 上海报道）", "[ 黄宇 ] 来源：".
            new Signature(Pattern.compile("[（(]\\s*(?:记者|通讯员)\\s*" + NAME + "(?:\\s*[\\p{IsHan}]{0,4}报道)?\\s*[)）]"), "记者", "通讯员"),
            new Signature(Pattern.compile("[（(]\\s*" + NAME + "\\s*[\\p{IsHan}]{0,4}报道\\s*[)）]"), "报道"),
            // Old GBK pages put private-use glyphs (decorative bullets) between the bracket and the label.
            new Signature(Pattern.compile("[\\[【]\\s*" + NAME + "\\s*[\\]】][\\s\\p{Co}]*来源"), "来源"),
            // Blog and forum posts: "作者:zboygirl", "ggjjzhzz 发表于 2005-9-15", "by duscha".
            new Signature(Pattern.compile(NAME + "\\s+发表于\\s*[:：]?\\s*(?:19|20)\\d\\d"), "发表于"),
            new Signature(Pattern.compile("(?:责任编辑|责编|编辑)\\s*[:：]\\s*" + NAME), "编"));
    /**
     * Signatures unambiguous enough to be read anywhere on the page, for pages that place them far from headline and
     * body: a blog post's "由海姑娘张贴 @ 2005-03-21", a journal page's citation line "文章引用： 赵培. 淘宝网…[J]".
     */
    private static final List<Signature> PAGE_WIDE_PATTERNS = List.of(
            new Signature(Pattern.compile("由\\s*" + NAME + "\\s*张贴"), "张贴"),
            new Signature(Pattern.compile("(?:文章引用|引用本文|引用格式)\\s*[:：]\\s*" + NAME + "\\s*[.．]"), "引用"));
    private static final Pattern OUTLET = Pattern.compile(
            "(?:来源|来自|稿源|出处|新闻来源|文章来源)\\s*[:：]\\s*([^\\s:：|｜,，。;；()（）\\[\\]【】<>]{2,30})");
    /** Words that are not names although they stand where names stand. */
    private static final Pattern NOT_A_NAME = Pattern.compile(".*(?:时间|日期|来源|发布|点击|阅读|浏览|字号|打印|关闭|评论|分享).*");
    /** Names end where the next byline label starts ("张三来源：..."). */
    private static final Pattern TRAILING_LABEL = Pattern.compile("(?:来源|时间|发布|日期|编辑|责编|记者|通讯员|摄影|报道)$");

    /** Words that make an author field an organisation. */
    private static final Pattern ORGANISATION = Pattern.compile(
            "(?:网|报|社|集团|出版|公司|中心|频道|门户|杂志|电视台|广播|Team|Inc\\.|Ltd|Publishers?|News|Media)$|Team\\b|Publishers?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORGANISATION_WORDS = Pattern.compile("网|报|集团|出版|公司");

    private BylineExtractor() {
    }

    static String author(Document doc, String bylineText) {
        return author(doc, bylineText, "");
    }

    /**
     * As {@link #author(Document, String)}, with {@code nameLine}, a bare name found on its own line near the
     * headline (see {@link NameLines}), used when no labelled byline names anyone.
     */
    static String author(Document doc, String bylineText, String nameLine) {
        return author(doc, bylineText, nameLine, "");
    }

    /** As {@link #author(Document, String, String)}, then signatures anywhere in {@code pageText}. */
    static String author(Document doc, String bylineText, String nameLine, String pageText) {
        String labelled = labelledAuthor(doc, bylineText);
        if (!labelled.isEmpty()) {
            return labelled;
        }
        if (!nameLine.isEmpty()) {
            return nameLine;
        }
        return firstName(PAGE_WIDE_PATTERNS, pageText);
    }

    private static String labelledAuthor(Document doc, String bylineText) {
        String meta = TitleExtractor.meta(doc, "meta[name=author]", "meta[property=article:author]", "meta[name=Author]");
        if (looksLikePersonName(meta)) {
            return meta;
        }
        return firstName(AUTHOR_PATTERNS, bylineText);
    }

    /**
     * A byline pattern and the words it cannot match without: most of these patterns start with a name, not a label,
     * so the regex engine tries them at every position of the text; checking for the label first is what keeps a
     * long byline or page cheap (this was the crawler's costliest step under load).
     */
    private record Signature(Pattern pattern, String... needs) {
        boolean mayMatch(String text) {
            for (String need : needs) {
                if (text.contains(need)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String firstName(List<Signature> signatures, String text) {
        for (Signature signature : signatures) {
            if (!signature.mayMatch(text)) {
                continue;
            }
            Matcher m = signature.pattern().matcher(text);
            while (m.find()) {
                String name = trimLabel(m.group(1).strip());
                // "宋怡 杨志华 打印": space-separated names may run into the page's tool links; drop them from the end.
                while (NOT_A_NAME.matcher(name).matches() && name.lastIndexOf(' ') > 0) {
                    name = name.substring(0, name.lastIndexOf(' ')).strip();
                }
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

    /**
     * Whether an author meta tag names people rather than the site: CMSs fill it with outlet names, keyword lists
     * ("云南网,云南日报报业集团"), account ids ("L_104485") and software credits.
     */
    static boolean looksLikePersonName(String meta) {
        if (meta.isEmpty() || meta.length() > 30 || meta.contains("http") || meta.contains("www.")
                || meta.chars().anyMatch(Character::isDigit) || meta.contains("_")) {
            return false;
        }
        return !ORGANISATION.matcher(meta).find() && meta.split("[,，]").length <= 3
                && !(meta.contains(",") && ORGANISATION_WORDS.matcher(meta).find());
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
