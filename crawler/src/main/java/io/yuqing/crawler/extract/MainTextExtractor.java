package io.yuqing.crawler.extract;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the article body by weighing prose against boilerplate. Text is cut into runs at block boundaries and line
 * breaks; a run with punctuation (or a long one) is prose, link text and short unpunctuated runs (menus, dates, labels)
 * are boilerplate. Every element scores its prose minus {@link #BOILERPLATE_WEIGHT} times its boilerplate; the
 * deepest element with the highest score is the body. Containers grow their score only by taking in more prose than
 * boilerplate, so the article's own container beats both a lone paragraph and the whole page. The body is then
 * rendered paragraph by paragraph without its link-list parts.
 */
final class MainTextExtractor {
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "li", "ul", "ol",
            "table", "tr", "td", "th", "tbody", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt",
            "dl", "figure", "figcaption", "center", "form", "fieldset", "address", "header", "hr");
    /** Inline elements: their text belongs to the surrounding run. */
    private static final Set<String> INLINE_TAGS = Set.of("span", "font", "b", "strong", "i", "em", "u", "sup", "sub",
            "small", "big", "abbr", "cite", "code", "label", "q", "s", "strike", "tt", "mark", "time", "ins", "del", "a");
    private static final double BOILERPLATE_WEIGHT = 1.5;
    /** A winner's ancestor replaces it when it holds this many times its prose ... */
    private static final int WIDEN_PROSE_FACTOR = 2;
    /** ... and prose is at least this share of its text. */
    private static final double WIDEN_MIN_DENSITY = 0.5;
    /** A run this long counts as prose even without punctuation. */
    private static final int LONG_RUN = 80;
    private static final int MIN_PUNCTUATED_RUN = 10;
    /** A leading line this long is article prose even without closing punctuation. */
    private static final int LEAD_PROSE_LENGTH = 40;
    /** Lines that are a control or a slot label, never text: "Advertisement", "Read More", "[打印]". */
    private static final Pattern UI_LABEL = Pattern.compile(
            "(?i)[\\[【(（]?\\s*(?:advertisement|advert|read more|continue reading|back to gallery|caption|close|"
                    + "打印|关闭|广告|展开全文|阅读全文|返回顶部|打印本页|关闭窗口)\\s*[\\]】)）]?");
    /** HTML shown as text (tracking pixels inside noscript, escaped embed codes): markup, never prose. */
    private static final Pattern MARKUP_LINE = Pattern.compile(
            "</?(?:img|a|div|span|iframe|script|style|p|br|link|meta|input|table|td|tr|font|embed|object|param|noscript|"
                    + "source|video|audio)(?:\\s+[a-z-]+\\s*=[^>]*)?\\s*/?>");
    /** A shorter leading line is prose when it has Chinese sentence marks inside and is at least this long. */
    private static final int WRAPPED_PROSE_LENGTH = 20;
    private static final Pattern INNER_SENTENCE_MARK = Pattern.compile("[。！？；]|\\p{IsHan}，\\p{IsHan}");

    /** Text counts of one element and everything under it. */
    private static final class Stats {
        int text;
        int linkText;
        int links;
        int prose;
        int boilerplate;
        /** Inline text not yet classified: it continues into the parent's run. */
        int pendingLength;
        int pendingPunctuation;

        void flush() {
            if (pendingLength > 0) {
                boolean isProse = pendingLength >= LONG_RUN || (pendingLength >= MIN_PUNCTUATED_RUN && pendingPunctuation > 0);
                if (isProse) {
                    prose += pendingLength;
                } else {
                    boilerplate += pendingLength;
                }
            }
            pendingLength = 0;
            pendingPunctuation = 0;
        }
    }

    private MainTextExtractor() {
    }

    /** The article body as paragraphs separated by "\n"; empty when the page has no text. */
    static String extract(Element body, String title) {
        List<Element> order = new ArrayList<>();
        Map<Element, Stats> stats = measure(body, order);
        Element article = choose(order, stats);
        return article == null ? "" : render(article, stats, title);
    }

    /** The element the article text is taken from, null when the page has no text; for tests and diagnosis. */
    static Element articleElement(Element body) {
        List<Element> order = new ArrayList<>();
        Map<Element, Stats> stats = measure(body, order);
        return choose(order, stats);
    }

    private static Element choose(List<Element> order, Map<Element, Stats> stats) {
        Element best = null;
        double bestScore = 0;
        // Post-order: children come first, so on a tie the deeper element (without extra wrapping) is kept.
        for (Element e : order) {
            double score = score(stats.get(e));
            if (score > bestScore) {
                bestScore = score;
                best = e;
            }
        }
        return best == null ? null : widenLoneParagraph(best, stats);
    }

    /**
     * When a single paragraph wins, the article around it usually lost only because its other paragraphs carry
     * boilerplate-looking parts (linked list items, short lines, inline labels). The parent is taken instead while it
     * holds much more prose than the winner and is still mostly prose.
     */
    private static Element widenLoneParagraph(Element best, Map<Element, Stats> stats) {
        Element chosen = best;
        Stats winner = stats.get(best);
        for (Element parent = best.parent(); parent != null && stats.containsKey(parent); parent = parent.parent()) {
            Stats p = stats.get(parent);
            if (p.prose < WIDEN_PROSE_FACTOR * winner.prose) {
                continue;
            }
            if (p.prose >= WIDEN_MIN_DENSITY * p.text) {
                chosen = parent;
            }
            break;
        }
        return chosen;
    }

    private static double score(Stats s) {
        return s.prose - BOILERPLATE_WEIGHT * s.boilerplate;
    }

    private static Map<Element, Stats> measure(Element root, List<Element> order) {
        Map<Element, Stats> stats = new IdentityHashMap<>();
        // Iterative traversal: hostile pages nest deeply enough to overflow a recursive walk.
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
            }

            @Override
            public void tail(Node node, int depth) {
                if (!(node instanceof Element e)) {
                    return;
                }
                Stats s = new Stats();
                String tag = e.tagName();
                boolean block = !INLINE_TAGS.contains(tag);
                for (Node child : e.childNodes()) {
                    if (child instanceof TextNode t) {
                        String text = t.text();
                        int length = TextStats.visibleLength(text);
                        s.text += length;
                        s.pendingLength += length;
                        text.codePoints().forEach(c -> {
                            if (TextStats.isPunctuation(c)) {
                                s.pendingPunctuation++;
                            }
                        });
                    } else if (child instanceof Element ce) {
                        if (ce.tagName().equals("br")) {
                            s.flush();
                            continue;
                        }
                        Stats c = stats.get(ce);
                        if (c == null) {
                            continue;
                        }
                        if (!INLINE_TAGS.contains(ce.tagName())) {
                            s.flush();
                        }
                        s.text += c.text;
                        s.linkText += c.linkText;
                        s.links += c.links;
                        s.prose += c.prose;
                        s.boilerplate += c.boilerplate;
                        s.pendingLength += c.pendingLength;
                        s.pendingPunctuation += c.pendingPunctuation;
                    }
                }
                if (tag.equals("a")) {
                    // Link text is boilerplate wherever it stands.
                    s.links += 1;
                    s.linkText = s.text;
                    s.boilerplate += s.prose + s.pendingLength;
                    s.prose = 0;
                    s.pendingLength = 0;
                    s.pendingPunctuation = 0;
                }
                if (block) {
                    s.flush();
                }
                if (tag.equals("table") && s.boilerplate > 0 && DataTables.isDataTable(e)) {
                    // Figures in a grid are content even though each cell reads like a label.
                    s.prose += s.boilerplate;
                    s.boilerplate = 0;
                }
                stats.put(e, s);
                order.add(e);
            }
        }, root);
        return stats;
    }

    private static String render(Element best, Map<Element, Stats> stats, String title) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.getWholeText().replace('\n', ' ').replace('\r', ' '));
                } else if (node instanceof Element e && (BLOCK_TAGS.contains(e.tagName()) || e.tagName().equals("br"))) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCK_TAGS.contains(e.tagName())) {
                    out.append('\n');
                }
            }
        }, withoutLinkLists(best, stats));
        List<String> all = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            String l = TextStats.normalizeSpace(line);
            if (!l.isEmpty()) {
                all.add(l);
            }
        }
        String normalizedTitle = TextStats.normalizeSpace(title);
        List<String> lines = new ArrayList<>();
        for (String l : fromHeadline(all, normalizedTitle)) {
            if (!l.equals(normalizedTitle) && !UI_LABEL.matcher(l).matches() && !MARKUP_LINE.matcher(l).lookingAt()) {
                lines.add(l);
            }
        }
        // The container often opens with byline, dateline and kicker lines; the article starts at its first prose.
        int from = 0;
        while (from < lines.size() && !isSentence(lines.get(from))) {
            from++;
        }
        List<String> body = from == lines.size() ? lines : lines.subList(from, lines.size());
        return String.join("\n", ArticleEnd.trim(body));
    }

    /**
     * The lines from the headline on, when the container holds the headline above most of its text: what stands above
     * a headline is the page's furniture (breaking-news tickers, teaser lists, breadcrumbs), never the article.
     */
    private static List<String> fromHeadline(List<String> lines, String title) {
        if (title.isEmpty()) {
            return lines;
        }
        int total = lines.stream().mapToInt(TextStats::visibleLength).sum();
        int before = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(title)) {
                return (total - before) * 3 >= total ? lines.subList(i, lines.size()) : lines;
            }
            before += TextStats.visibleLength(lines.get(i));
        }
        return lines;
    }

    /**
     * Whether a line reads as article prose: long, or closed like a sentence. Bylines, datelines, kickers and labels
     * ("Key Points", "By … | Staff", "Updated 11:21 pm") are neither, nor are time stamps however long.
     */
    static boolean isSentence(String line) {
        if (StampLines.isStamp(line)) {
            return false;
        }
        if (TextStats.visibleLength(line) >= LEAD_PROSE_LENGTH) {
            return true;
        }
        // Old pages hard-wrap prose at a fixed width: a wrapped line ends anywhere but holds sentence marks inside.
        if (TextStats.visibleLength(line) >= WRAPPED_PROSE_LENGTH && INNER_SENTENCE_MARK.matcher(line).find()) {
            return true;
        }
        return switch (line.codePointBefore(line.length())) {
            case '.', '。', '!', '?', '！', '？', '”', '"', '…', ')', '）' -> true;
            default -> false;
        };
    }

    /** A copy of the element without the blocks inside it that are mostly links ("相关阅读", tag clouds). */
    private static Element withoutLinkLists(Element best, Map<Element, Stats> stats) {
        List<Element> drop = new ArrayList<>();
        for (Element e : best.getAllElements()) {
            if (e == best || !BLOCK_TAGS.contains(e.tagName())) {
                continue;
            }
            Stats s = stats.get(e);
            if (s != null && s.text > 0 && s.linkText * 2 > s.text && s.links > 0) {
                drop.add(e);
            }
        }
        drop.addAll(TeaserCards.find(best));
        if (drop.isEmpty()) {
            return best;
        }
        Element copy = best.clone();
        List<Element> originals = best.getAllElements();
        List<Element> copies = copy.getAllElements();
        Set<Element> dropSet = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        dropSet.addAll(drop);
        for (int i = copies.size() - 1; i >= 0; i--) {
            if (dropSet.contains(originals.get(i)) && copies.get(i).parent() != null) {
                copies.get(i).remove();
            }
        }
        return copy;
    }
}
