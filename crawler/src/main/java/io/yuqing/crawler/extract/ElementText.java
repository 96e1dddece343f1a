package io.yuqing.crawler.extract;

import org.jsoup.nodes.Element;

import java.util.List;
import java.util.regex.Pattern;

/** The text of elements picked by a source's selectors, laid out as the reader sees it. */
public final class ElementText {
    /** Labels in front of a name picked by an author selector: 作者：王晓明, 记者 王晓明, 楼主: abc. */
    private static final Pattern NAME_LABEL = Pattern.compile(
            "^(?:作者|记者|文|撰文|编辑|责任编辑|发帖人|发布人|发布者|楼主|用户|网友)\\s*[:：/|]?\\s*");

    private ElementText() {
    }

    /** Paragraphs (blocks and line breaks) separated by "\n", spaces normalised. */
    public static String paragraphs(List<Element> elements) {
        StringBuilder out = new StringBuilder();
        for (Element e : elements) {
            for (String line : PageLines.of(e)) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(line);
            }
        }
        return out.toString();
    }

    /** One line of text, spaces normalised. */
    public static String line(Element element) {
        return TextStats.normalizeSpace(element.text());
    }

    /** A name without the label in front of it. */
    public static String name(Element element) {
        return NAME_LABEL.matcher(line(element)).replaceFirst("").strip();
    }

    /** A time element's machine-readable value (datetime, content, title attribute), else its text. */
    public static String time(Element element) {
        for (String attr : List.of("datetime", "content", "data-time", "title")) {
            String v = element.attr(attr).strip();
            if (!v.isEmpty() && v.chars().anyMatch(Character::isDigit)) {
                return v;
            }
        }
        return line(element);
    }
}
