package io.yuqing.alerting.webhook;

import io.yuqing.core.text.Html;

import java.util.Optional;

/**
 * Makes crawled text inert in chat-robot markdown. DingTalk and WeCom honour backslash escapes inconsistently, so
 * markdown punctuation is replaced by its full-width look-alike (natural in Chinese text) and line breaks by spaces:
 * a title can then never open a link, a heading, emphasis, a quote or an HTML/font tag. Crawled text is always
 * placed after a label on its line, so list markers cannot take effect.
 */
final class Markdown {
    private Markdown() {
    }

    static String text(String crawled) {
        if (crawled == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(crawled.length());
        boolean lastSpace = false;
        for (int i = 0; i < crawled.length(); i++) {
            char ch = crawled.charAt(i);
            if (Character.isISOControl(ch) || Character.isWhitespace(ch) || ch == '\u2028' || ch == '\u2029'
                    || ch == '\u0085') {
                if (!lastSpace) {
                    out.append(' ');
                }
                lastSpace = true;
                continue;
            }
            lastSpace = false;
            out.append(switch (ch) {
                case '[' -> '［';
                case ']' -> '］';
                case '(' -> '（';
                case ')' -> '）';
                case '<' -> '＜';
                case '>' -> '＞';
                case '#' -> '＃';
                case '*' -> '＊';
                case '_' -> '＿';
                case '`' -> '｀';
                case '|' -> '｜';
                case '!' -> '！';
                case '~' -> '～';
                case '\\' -> '＼';
                default -> ch;
            });
        }
        return out.toString().strip();
    }

    /**
     * A crawled URL fit for a markdown link target: absolute http(s) only, with the characters that could close the
     * target or start another one percent-encoded.
     */
    static Optional<String> linkTarget(String crawledUrl) {
        return Html.safeHref(crawledUrl).map(u -> {
            StringBuilder out = new StringBuilder(u.length());
            for (int i = 0; i < u.length(); i++) {
                char ch = u.charAt(i);
                switch (ch) {
                    case '(' -> out.append("%28");
                    case ')' -> out.append("%29");
                    case '[' -> out.append("%5B");
                    case ']' -> out.append("%5D");
                    case '<' -> out.append("%3C");
                    case '>' -> out.append("%3E");
                    case '"' -> out.append("%22");
                    case '\'' -> out.append("%27");
                    case '`' -> out.append("%60");
                    case ' ' -> out.append("%20");
                    default -> out.append(ch);
                }
            }
            return out.toString();
        });
    }
}
