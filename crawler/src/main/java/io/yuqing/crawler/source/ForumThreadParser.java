package io.yuqing.crawler.source;

import io.yuqing.core.config.ForumProfile;
import io.yuqing.crawler.extract.ElementText;
import io.yuqing.crawler.extract.TimeTexts;
import io.yuqing.crawler.fetch.Charsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a forum thread page into its posts with the source's forum selectors (bytes in, no I/O). Each post's URL is
 * the thread URL with {@code #post-<id>}, the id taken from the post element's own id (post_12345 → 12345) when it
 * has one, so the same post has the same URL every cycle and on whichever page it is read; a post without an id is
 * numbered by its position on its page, under that page's URL.
 */
public final class ForumThreadParser {
    private static final Pattern DIGITS = Pattern.compile("(\\d+)(?!.*\\d)");
    private static final List<String> ID_ATTRIBUTES = List.of("id", "data-pid", "data-post-id", "data-id");

    /** The posts of one thread page, or why there are none. */
    public sealed interface Result {
        /**
         * @param skipped  posts found without any text (images only, deleted)
         * @param lastPage the thread's last page when forum.lastPage found a link to a page other than this one, else null
         */
        record Posts(String threadTitle, List<ForumPost> posts, int skipped, String lastPage) implements Result {
            public Posts {
                posts = List.copyOf(posts);
            }
        }

        record Unreadable(String message) implements Result {
        }
    }

    /**
     * Reads a thread's first page.
     *
     * @param threadUrl canonical thread URL (no fragment)
     * @param now       the fetch time, for relative post times (3小时前)
     */
    public Result parse(byte[] body, String contentType, String threadUrl, ForumProfile forum, Instant now) {
        return parse(body, contentType, threadUrl, threadUrl, forum, now);
    }

    /**
     * Reads one page of a thread.
     *
     * @param pageUrl   canonical URL of this page; the thread URL for its first page
     * @param threadUrl canonical URL of the thread's first page: posts with ids are named under it
     */
    public Result parse(byte[] body, String contentType, String pageUrl, String threadUrl, ForumProfile forum, Instant now) {
        boolean firstPage = pageUrl.equals(threadUrl);
        Document doc = Jsoup.parse(Charsets.decode(body == null ? new byte[0] : body, contentType).text(), pageUrl);
        Elements matched;
        try {
            matched = doc.select(forum.post());
        } catch (Selector.SelectorParseException e) {
            return new Result.Unreadable("forum.post '" + forum.post() + "' is not a valid CSS selector: " + e.getMessage());
        }
        List<Element> posts = outermost(matched);
        if (posts.isEmpty()) {
            return new Result.Unreadable("forum.post '" + forum.post() + "' matched nothing on the thread page "
                    + "(has the forum changed its layout?)");
        }
        String threadTitle = threadTitle(doc);
        List<ForumPost> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int skipped = 0;
        for (int i = 0; i < posts.size(); i++) {
            Element post = posts.get(i);
            String text = text(post, forum);
            if (text.isEmpty()) {
                skipped++;
                continue;
            }
            String key = postKey(post).filter(keys::add).orElse(null);
            String base = key == null ? pageUrl : threadUrl;
            if (key == null) {
                key = String.valueOf(i + 1);
            }
            String author = forum.author().isEmpty() ? "" : firstIn(post, forum.author()).map(ElementText::name).orElse("");
            OffsetDateTime time = forum.time().isEmpty() ? null : firstIn(post, forum.time()).map(ElementText::time)
                    .flatMap(t -> TimeTexts.parse(t, forum.timeFormat(), now)).orElse(null);
            boolean opening = firstPage && i == 0;
            String title = threadTitle.isEmpty() ? Headlines.fromText(text) : opening ? threadTitle : "回复：" + threadTitle;
            out.add(new ForumPost(base + "#post-" + key, opening, title, author, time, text));
        }
        return new Result.Posts(threadTitle, out, skipped, lastPage(doc, forum, pageUrl));
    }

    /** Matches inside another match (a quoted post styled like a post) are part of it, not posts of their own. */
    private static List<Element> outermost(Elements matched) {
        Set<Element> all = new HashSet<>(matched);
        List<Element> out = new ArrayList<>();
        for (Element e : matched) {
            boolean nested = false;
            for (Element p = e.parent(); p != null && !nested; p = p.parent()) {
                nested = all.contains(p);
            }
            if (!nested) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element post, ForumProfile forum) {
        Element copy = post.clone();
        copy.select("script, style, noscript, template, blockquote").remove();
        List<Element> parts = forum.body().isEmpty() ? List.of(copy) : selectIn(copy, forum.body());
        return ElementText.paragraphs(parts);
    }

    /** The last page's URL when the selector finds a link to another page, else null. */
    private static String lastPage(Document doc, ForumProfile forum, String pageUrl) {
        if (forum.lastPage().isEmpty()) {
            return null;
        }
        return selectIn(doc, forum.lastPage()).stream()
                .map(e -> e.hasAttr("href") ? e : e.selectFirst("a[href]"))
                .filter(java.util.Objects::nonNull)
                .map(a -> a.absUrl("href"))
                .filter(u -> u.startsWith("http://") || u.startsWith("https://"))
                .reduce((first, second) -> second)
                .flatMap(io.yuqing.crawler.url.UrlCanonicalizer::canonicalize)
                .filter(u -> !u.equals(pageUrl))
                .orElse(null);
    }

    private static java.util.Optional<String> postKey(Element post) {
        for (String attr : ID_ATTRIBUTES) {
            String value = post.attr(attr).strip();
            if (value.isEmpty()) {
                continue;
            }
            Matcher digits = DIGITS.matcher(value);
            if (digits.find()) {
                return java.util.Optional.of(digits.group(1));
            }
            String safe = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
            if (!safe.isEmpty()) {
                return java.util.Optional.of(safe);
            }
        }
        return java.util.Optional.empty();
    }

    private static String threadTitle(Document doc) {
        Element h1 = doc.selectFirst("h1");
        if (h1 != null && !ElementText.line(h1).isEmpty()) {
            return ElementText.line(h1);
        }
        String title = doc.title().strip();
        // "标题 - 版块 - 论坛名": the thread title comes first.
        int cut = title.indexOf(" - ");
        return cut > 0 ? title.substring(0, cut).strip() : title;
    }

    private static java.util.Optional<Element> firstIn(Element post, String selector) {
        return selectIn(post, selector).stream().findFirst();
    }

    private static List<Element> selectIn(Element root, String selector) {
        try {
            return root.select(selector);
        } catch (Selector.SelectorParseException e) {
            return List.of();
        }
    }
}
