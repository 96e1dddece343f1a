package io.yuqing.crawler.extract;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds teaser cards inside an article container: "more stories" grids and related-article lists built as runs of
 * sibling elements cut from one template (same tag and class), each a small structure of its own (a linked headline
 * plus blurb, date or byline). Article paragraphs repeat a template too, but they are flat text, not linked
 * structures, so they never match.
 */
final class TeaserCards {
    /** A template repeated this often among siblings is a list, not chance. */
    private static final int MIN_CARDS = 3;
    /** Teasers are a headline and a blurb; a longer item is an article section that happens to cite a link. */
    private static final int MAX_CARD_LENGTH = 400;

    private TeaserCards() {
    }

    static List<Element> find(Element root) {
        List<Element> cards = repeatedCards(root);
        cards.addAll(trailingCards(root));
        return cards;
    }

    /**
     * Cards below the article's last paragraph (a sentence in a p outside any card) whose headline is a linked heading: "next/previous article" boxes and
     * short related lists, which come in ones and twos and so escape the repeated-template rule.
     */
    private static List<Element> trailingCards(Element root) {
        // From each linked heading up to the largest card around it: cheaper than testing every element as a card.
        Set<Element> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Element h : root.select("h1, h2, h3, h4, h5, h6")) {
            if (!isAllLink(h)) {
                continue;
            }
            Element card = null;
            for (Element a = h.parent(); a != null && a != root; a = a.parent()) {
                if (TextStats.visibleLength(a.text()) > MAX_CARD_LENGTH) {
                    break;
                }
                if (isCard(a)) {
                    card = a;
                }
            }
            if (card != null) {
                candidates.add(card);
            }
        }
        if (candidates.isEmpty()) {
            return new ArrayList<>();
        }
        List<Element> all = root.getAllElements();
        int lastParagraph = -1;
        for (int i = 0; i < all.size(); i++) {
            Element e = all.get(i);
            String text = e.tagName().equals("p") ? TextStats.normalizeSpace(e.text()) : "";
            if (!text.isEmpty() && MainTextExtractor.isSentence(text) && !insideAny(e, candidates, root)) {
                lastParagraph = i;
            }
        }
        List<Element> trailing = new ArrayList<>();
        for (int i = lastParagraph + 1; i < all.size(); i++) {
            if (candidates.contains(all.get(i))) {
                trailing.add(all.get(i));
            }
        }
        return trailing;
    }

    private static boolean insideAny(Element e, Set<Element> cards, Element root) {
        for (Element a = e; a != null && a != root; a = a.parent()) {
            if (cards.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static List<Element> repeatedCards(Element root) {
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
                List<Element> structured = group.stream().filter(TeaserCards::isCard).toList();
                int groupText = group.stream().mapToInt(e -> TextStats.visibleLength(e.text())).sum();
                // Most of the run must be cards, and the article itself is never a teaser list: a run holding
                // much of the container's text is layout.
                if (structured.size() * 3 >= group.size() * 2 && groupText * 2 < total) {
                    cards.addAll(structured);
                }
            }
        }
        return cards;
    }

    /** A linked headline block with something beside it (blurb, date, byline) in another block. */
    private static boolean isCard(Element e) {
        if (e.tagName().equals("p")) {
            return false;
        }
        if (TextStats.visibleLength(e.text()) > MAX_CARD_LENGTH) {
            return false;
        }
        int blocks = 0;
        boolean linkedHeadline = false;
        for (Element d : e.getAllElements()) {
            if (d != e && !isInline(d) && d.hasText()) {
                blocks++;
                linkedHeadline |= isAllLink(d);
            }
        }
        return blocks >= 2 && linkedHeadline;
    }

    /** A block whose text is all link text: a headline pointing elsewhere, not a sentence citing a source. */
    private static boolean isAllLink(Element block) {
        int text = TextStats.visibleLength(block.text());
        if (text > 0 && block.closest("a[href]") != null) {
            // A block wrapped in a link (<a><h5>headline</h5></a>) is all link.
            return true;
        }
        int linkText = 0;
        for (Element a : block.select("a[href]")) {
            linkText += TextStats.visibleLength(a.text());
        }
        return text > 0 && linkText * 10 >= text * 9;
    }

    private static boolean isInline(Element d) {
        return switch (d.tagName()) {
            case "a", "span", "b", "strong", "i", "em", "font", "small", "time" -> true;
            default -> false;
        };
    }
}
