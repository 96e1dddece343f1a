package io.yuqing.crawler.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The copy of a crawled page that reviewers see when the original is edited or deleted (删帖): the page's text and
 * structure with nothing that runs or loads — no scripts, styles, frames, forms, images, media or event attributes;
 * links kept only as absolute http(s) links marked nofollow. Crawled pages are hostile: the console serves this copy
 * under a sandboxing Content-Security-Policy as well, so a sanitiser bug alone does not open a hole.
 */
public final class PageSanitizer {
    /** A copy larger than this is cut: news pages sanitise to 10–100 KB; the cap keeps a hostile page from filling the database. */
    public static final int MAX_CHARS = 512 * 1024;

    private static final Safelist SAFE = new Safelist()
            .addTags("a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
                    "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
                    "h5", "h6", "header", "hr", "i", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s",
                    "section", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
                    "thead", "time", "tr", "u", "ul")
            .addAttributes("a", "href", "title")
            .addAttributes("td", "colspan", "rowspan")
            .addAttributes("th", "colspan", "rowspan", "scope")
            .addAttributes("time", "datetime")
            .addProtocols("a", "href", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    private PageSanitizer() {
    }

    /** The body of a parsed page, sanitised, as HTML; the parsed document is not changed. */
    public static String sanitize(Document page) {
        Document clean = new Cleaner(SAFE).clean(page);
        clean.outputSettings().prettyPrint(false).charset(java.nio.charset.StandardCharsets.UTF_8)
                .escapeMode(Entities.EscapeMode.base);
        String html = clean.body().html();
        if (html.length() <= MAX_CHARS) {
            return html;
        }
        // Cut before a tag, never inside one: the browser closes what is left open.
        int cut = html.lastIndexOf('<', MAX_CHARS);
        return html.substring(0, cut > 0 ? cut : MAX_CHARS);
    }
}
