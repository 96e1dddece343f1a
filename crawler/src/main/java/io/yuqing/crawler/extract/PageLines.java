package io.yuqing.crawler.extract;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.List;

/** A page's text as the reader sees it laid out: one entry per block or line break, spaces normalized, no blanks. */
final class PageLines {
    private PageLines() {
    }

    static List<String> of(Element root) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.getWholeText().replace('\n', ' ').replace('\r', ' '));
                } else if (node instanceof Element e && (e.isBlock() || e.tagName().equals("br"))) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    out.append('\n');
                }
            }
        }, root);
        List<String> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            String l = TextStats.normalizeSpace(line);
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }
}
