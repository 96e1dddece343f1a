package io.yuqing.crawler.extract;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds teaser cards inside an article container: "more stories" grids and related-article lists built as runs of
 * sibling elements cut from one template (same tag and class), each a small structure of its own (a linked headline
 * plus blurb, date or byline). Article paragraphs repeat a template too, but they are flat text, not linked
 * structures, so they never match.
 */
final class TeaserCards {
    /** A template repeated this often among siblings is a list, not chance. */
    private static final int MIN_CARDS = 3;
    private static final int LINK_SHARE_PERCENT = Integer.getInteger("lsp", 15);

    private TeaserCards() {
    }

    static List<Element> find(Element root) {
        int total = TextStats.visibleLength(root.text());
        List<Element> cards = new ArrayList<>();
        for (Element parent : root.getAllElements()) {
            Map<String, List<Element>> byTemplate = new HashMap<>();
            for (Element child : parent.children()) {
                byTemplate.computeIfAbsent(child.tagName() + "." + child.className(), k -> new ArrayList<>()).add(child);
            }
            for (List<Element> group : byTemplate.values()) {
                if (group.size() < MIN_CARDS) {
                    continue;
                }
                int structured = 0;
                for (Element e : group) {
                    if (isCard(e)) {
                        structured++;
                    }
                }
                int groupText = group.stream().mapToInt(e -> TextStats.visibleLength(e.text())).sum();
                // The article itself is never a teaser list: a run holding much of the text is layout.
                if (structured * 3 >= group.size() * 2 && groupText * 2 < total) {
                    group.stream().filter(TeaserCards::isCard).forEach(cards::add);
                    if (Boolean.getBoolean("dbg")) group.forEach(e -> System.out.println("CARD " + e.tagName() + "." + e.className() + " | " + e.text().substring(0, Math.min(100, e.text().length()))));
                }
            }
        }
        return cards;
    }

    /** A linked headline with something beside it (blurb, date, byline), in more than one block. */
    private static boolean isCard(Element e) {
        if (e.tagName().equals("p")) {
            return false;
        }
        int text = TextStats.visibleLength(e.text());
        int linkText = 0;
        for (Element a : e.select("a[href]")) {
            linkText += TextStats.visibleLength(a.text());
        }
        // Prose that cites a link is not a teaser: the headline is a good part of a card's text.
        if (linkText == 0 || linkText * 100 < text * LINK_SHARE_PERCENT || text > Integer.getInteger("maxc", 100000)) {
            return false;
        }
        int blocks = 0;
        for (Element d : e.getAllElements()) {
            if (d != e && (Boolean.getBoolean("oldb") ? (d.childrenSize() == 0 && !d.ownText().isBlank() || d.ownText().length() > 0 && !isInline(d)) : (!isInline(d) && d.hasText()))) {
                blocks++;
            }
        }
        return blocks >= 2;
    }

    private static boolean isInline(Element d) {
        return switch (d.tagName()) {
            case "a", "span", "b", "strong", "i", "em", "font", "small", "time" -> true;
            default -> false;
        };
    }
}
