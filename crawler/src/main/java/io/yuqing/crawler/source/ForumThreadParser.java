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
 * has one, else its position in the thread, so the same post has the same URL every cycle.
 */
public final class ForumThreadParser {
    private static final Pattern DIGITS = Pattern.compile("(\\d+)(?!.*\\d)");
    private static final List<String> ID_ATTRIBUTES = List.of("id", "data-pid", "data-post-id", "data-id");

    /** The posts of one thread page, or why there are none. */
    public sealed interface Result {
        /** @param skipped posts found without any text (images only, deleted) */
        record Posts(String threadTitle, List<ForumPost> posts, int skipped) implements Result {
            public Posts {
                posts = List.copyOf(posts);
            }
        }

        record Unreadable(String message) implements Result {
        }
    }

    /**
     * @param threadUrl canonical thread URL (no fragment)
     * @param now       the fetch time, for relative post times (3小时前)
     */
    public Result parse(byte[] body, String contentType, String threadUrl, ForumProfile forum, Instant now) {
        Document doc = Jsoup.parse(Charsets.decode(body == null ? new byte[0] : body, contentType).text(), threadUrl);
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
            String key = postKey(post, i + 1);
            if (!keys.add(key)) {
                key = String.valueOf(i + 1);
                keys.add(key);
            }
            String author = forum.author().isEmpty() ? "" : firstIn(post, forum.author()).map(ElementText::name).orElse("");
            OffsetDateTime time = forum.time().isEmpty() ? null : firstIn(post, forum.time()).map(ElementText::time)
                    .flatMap(t -> TimeTexts.parse(t, forum.timeFormat(), now)).orElse(null);
            boolean opening = i == 0;
            String title = threadTitle.isEmpty() ? Headlines.fromText(text) : opening ? threadTitle : "回复：" + threadTitle;
            out.add(new ForumPost(threadUrl + "#post-" + key, opening, title, author, time, text));
        }
        return new Result.Posts(threadTitle, out, skipped);
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

    private static String postKey(Element post, int position) {
        for (String attr : ID_ATTRIBUTES) {
            String value = post.attr(attr).strip();
            if (value.isEmpty()) {
                continue;
            }
            Matcher digits = DIGITS.matcher(value);
            if (digits.find()) {
                return digits.group(1);
            }
            String safe = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
            if (!safe.isEmpty()) {
                return safe;
            }
        }
        return String.valueOf(position);
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
