package io.yuqing.core.config;

/**
 * How to read a forum thread page: each element matching {@code post} is one post (the opening post first, then the
 * replies); the other selectors are looked up inside it.
 *
 * @param post       selector of one post's container
 * @param body       selector of the post's text inside the container; empty: the container's whole text
 * @param author     selector of the poster's name inside the container
 * @param time       selector of the post time inside the container (datetime or content attribute, else text)
 * @param timeFormat java.time pattern of the time text; empty: read like any page date (also 3小时前 and the like)
 * @param lastPage   optional selector of the link to the thread's last page: new replies of a long thread appear
 *                   there, so that page is read too; empty: only the thread's first page
 */
public record ForumProfile(String post, String body, String author, String time, String timeFormat, String lastPage) {
    public ForumProfile {
        post = ExtractionProfile.strip(post);
        body = ExtractionProfile.strip(body);
        author = ExtractionProfile.strip(author);
        time = ExtractionProfile.strip(time);
        timeFormat = TimeFormats.normalize(timeFormat);
        lastPage = ExtractionProfile.strip(lastPage);
    }

    /** A profile that reads only each thread's first page. */
    public ForumProfile(String post, String body, String author, String time, String timeFormat) {
        this(post, body, author, time, timeFormat, "");
    }

    void check(String where) {
        if (post.isEmpty()) {
            throw new IllegalArgumentException(where + ".post is required: the CSS selector of one post (e.g. div.post)");
        }
        TimeFormats.check(where, timeFormat);
    }
}
