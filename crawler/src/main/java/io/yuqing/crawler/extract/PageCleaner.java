package io.yuqing.crawler.extract;

import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what is never article text: scripts, styles, hidden parts, forms, captions, and navigation, share, comment,
 * newsletter and cookie boxes.
 */
final class PageCleaner {
    private static final String NEVER_CONTENT = "script, style, noscript, iframe, object, embed, svg, canvas, template, "
            + "input, button, select, textarea, nav, aside, footer, [hidden], [aria-hidden=true], "
            + "[style~=(?i)display\\s*:\\s*none], [style~=(?i)visibility\\s*:\\s*hidden]";
    /** Elements that hold page furniture rather than prose: headers, captions, forms (unless they wrap the page). */
    private static final Set<String> STRUCTURAL_NOISE = Set.of("header", "figcaption", "form", "label");
    /** Class or id words that mark boilerplate containers. */
    private static final Pattern NOISE = Pattern.compile(
            "(?:^|[-_\\s])(?:share|sharing|bdshare|comments?|reply|replies|footer|nav|navbar|menu|sidebar|related|"
                    + "recommends?|breadcrumbs?|crumbs?|copyright|advert|ads?|adv|banner|login|toolbar|social|"
                    + "pagination|pager|topbar|statement|disclaimer|qrcode|gotop|backtop|newsletters?|subscribe|subscription|"
                    + "signup|cookies?|consent|promo|popular|trending|mostread|most-read|caption|credits?)(?:[-_\\s\\d]|$)");
    /** Words that only sometimes mark boilerplate ("foot", "hot", "fontsize" wrap article text on some sites). */
    private static final Pattern WEAK_NOISE = Pattern.compile(
            "(?:^|[-_\\s])(?:foot|side|hot|hotnews|rank|ranking|head|feedback|print|fontsize|ewm|links?)(?:[-_\\s\\d]|$)");

    private static final Set<String> INLINE = Set.of("a", "span", "b", "strong", "i", "em", "font", "small", "u", "abbr", "cite");

    /** The blockquotes that platforms' embed codes produce. */
    private static final String EMBEDDED_POST = "blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed";

    private PageCleaner() {
    }

    static void clean(Document doc) {
        removeComments(doc);
        doc.select(NEVER_CONTENT).remove();
        Element body = doc.body();
        int total = Math.max(1, TextStats.visibleLength(body.text()));
        List<Element> noisy = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e == body) {
                continue;
            }
            String marker = (e.id() + " " + e.className()).toLowerCase(Locale.ROOT);
            boolean strong = STRUCTURAL_NOISE.contains(e.tagName()) || (!marker.isBlank() && NOISE.matcher(marker).find());
            // Weak words remove link-heavy containers; on an inline element inside prose ("c-link", "side-link") they
            // would cut words out of sentences.
            boolean weak = !strong && !marker.isBlank() && !INLINE.contains(e.tagName()) && WEAK_NOISE.matcher(marker).find();
            // A post embedded with the platform's own embed code (a tweet, an Instagram or TikTok post) is the article
            // quoting it, even when the wrapper is named "social-media-embed".
            boolean quotesPost = e.selectFirst(EMBEDDED_POST) != null;
            if ((strong || (weak && mostlyLinks(e))) && !quotesPost) {
                noisy.add(e);
            }
        }
        for (Element e : noisy) {
            // A container named like noise but holding most of the page is a layout wrapper, not noise.
            if (e.parent() != null && TextStats.visibleLength(e.text()) * 10 < total * 4) {
                e.remove();
            }
        }
    }

    private static boolean mostlyLinks(Element e) {
        int text = TextStats.visibleLength(e.text());
        int links = 0;
        for (Element a : e.select("a")) {
            links += TextStats.visibleLength(a.text());
        }
        return text == 0 || links * 2 >= text;
    }

    private static void removeComments(Document doc) {
        List<Node> comments = new ArrayList<>();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Comment) {
                    comments.add(node);
                }
            }
        }, doc);
        comments.forEach(Node::remove);
    }

}
