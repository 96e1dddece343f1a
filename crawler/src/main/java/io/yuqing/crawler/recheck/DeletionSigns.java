package io.yuqing.crawler.recheck;

import io.yuqing.crawler.fetch.FetchResult;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a re-fetched page says the article was taken down (删帖). Deliberately conservative, since a false "deleted"
 * would mislead the staff: a 404/410; or, only when the old article's sentences are essentially gone from the page, a
 * redirect to the site's home or to a list page above the article, or an explicit notice such as 该文章已被删除 that the
 * article itself did not contain. A live page that merely mentions a deletion (a comment "已被删除", a story about
 * deleted posts) keeps its article text and is never taken for a deletion.
 */
public final class DeletionSigns {
    private static final Pattern NOTICE = Pattern.compile(
            "(?:文章|内容|帖子|信息|新闻|页面|稿件|微博|网页|资讯)(?:已被|已经被|已|被)(?:作者|发布者|发帖人|楼主|管理员|网站|原作者)?"
                    + "(?:删除|下线|屏蔽|撤回|撤销|隐藏)"
                    + "|(?:文章|内容|帖子|信息|新闻|页面|网页|资讯)(?:不存在|已失效|已过期|无法查看|暂时无法查看)"
                    + "|访问的(?:页面|文章|内容|网页)(?:不存在|已删除|找不到)"
                    + "|has been (?:deleted|removed)|page not found|no longer available",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HOME_PATH = Pattern.compile("/?(?:(?:index|default|home|main)\\.[a-z]{2,5})?",
            Pattern.CASE_INSENSITIVE);
    /** At most this share of the old article's sentences may remain on a page taken for a deletion. */
    static final double MOSTLY_GONE = 0.2;

    private DeletionSigns() {
    }

    /** A failed fetch that means the page is gone: HTTP 404 or 410. */
    public static Optional<String> ofFailure(FetchResult.Failed failed) {
        return failed.reason() == FetchResult.Reason.NOT_FOUND ? Optional.of(failed.message()) : Optional.empty();
    }

    /**
     * A page that answered but no longer carries the article.
     *
     * @param requestedUrl the article's URL
     * @param finalUrl     where the request ended after redirects
     * @param pageText     all visible text of the page that answered
     * @param noticeText   the extracted title and text of that page, where a deletion notice would stand
     * @param before       the version last seen
     */
    public static Optional<String> ofPage(String requestedUrl, String finalUrl, String pageText, String noticeText,
                                          TrackedArticle before) {
        if (!articleGone(before, pageText)) {
            return Optional.empty();
        }
        Optional<String> landing = landingPage(requestedUrl, finalUrl);
        if (landing.isPresent()) {
            return landing;
        }
        Matcher notice = NOTICE.matcher(noticeText);
        while (notice.find()) {
            String phrase = notice.group();
            String old = (before.title() + "\n" + before.text()).toLowerCase(Locale.ROOT);
            if (!old.contains(phrase.toLowerCase(Locale.ROOT))) {
                return Optional.of("页面显示「" + phrase + "」");
            }
        }
        return Optional.empty();
    }

    /** Whether at most {@link #MOSTLY_GONE} of the old article's sentences are still on the page. */
    static boolean articleGone(TrackedArticle before, String pageText) {
        Set<String> sentences = TextChange.sentences(before.text());
        if (sentences.isEmpty()) {
            return false;
        }
        String page = TextChange.normalize(pageText);
        long kept = sentences.stream().filter(page::contains).count();
        return kept <= MOSTLY_GONE * sentences.size();
    }

    /** A redirect from the article to the site's home page or to a list page above it. */
    static Optional<String> landingPage(String requestedUrl, String finalUrl) {
        URI from;
        URI to;
        try {
            from = URI.create(requestedUrl);
            to = URI.create(finalUrl);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String fromPath = from.getPath() == null || from.getPath().isEmpty() ? "/" : from.getPath();
        String toPath = to.getPath() == null || to.getPath().isEmpty() ? "/" : to.getPath();
        boolean sameHost = from.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost());
        if (sameHost && fromPath.equals(toPath)) {
            return Optional.empty();
        }
        if (HOME_PATH.matcher(toPath).matches()) {
            return Optional.of("原文地址跳转到网站首页 " + finalUrl);
        }
        String directory = toPath.endsWith("/") ? toPath : toPath + "/";
        if (sameHost && fromPath.startsWith(directory) && fromPath.length() > directory.length()) {
            return Optional.of("原文地址跳转到栏目页 " + finalUrl);
        }
        return Optional.empty();
    }
}
