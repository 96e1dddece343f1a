package io.yuqing.crawler.recheck;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content hash of an article (title and text, whitespace normalised, so re-wrapped lines are no edit) and, when two
 * versions differ, what changed: the title, and the sentences taken out and put in.
 */
public final class TextChange {
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？!?；;])|\\n");
    /** Sentences quoted in a change summary, each side. */
    static final int QUOTED = 2;
    static final int MAX_QUOTE = 60;

    private TextChange() {
    }

    public static String hash(String title, String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((normalize(title) + "\n" + normalize(text)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String normalize(String s) {
        return s == null ? "" : SPACE.matcher(s).replaceAll(" ").strip();
    }

    /** Sentences of a text in order, normalised, without repeats. */
    static Set<String> sentences(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : SENTENCE_END.split(text == null ? "" : text)) {
            String s = normalize(part);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * What an edit changed, in the words staff read: e.g. {@code 标题改为「…」；删去 2 句，新增 1 句。删去：「…」 新增：「…」}.
     * Empty when the two versions say the same thing sentence by sentence.
     */
    public static String describe(String oldTitle, String oldText, String newTitle, String newText) {
        List<String> parts = new ArrayList<>();
        if (!normalize(oldTitle).equals(normalize(newTitle))) {
            parts.add("标题改为「" + quote(normalize(newTitle)) + "」");
        }
        Set<String> before = sentences(oldText);
        Set<String> after = sentences(newText);
        List<String> removed = before.stream().filter(s -> !after.contains(s)).toList();
        List<String> added = after.stream().filter(s -> !before.contains(s)).toList();
        if (removed.isEmpty() && added.isEmpty()) {
            return String.join("；", parts);
        }
        parts.add(String.format(Locale.ROOT, "删去 %d 句，新增 %d 句", removed.size(), added.size()));
        StringBuilder b = new StringBuilder(String.join("；", parts)).append('。');
        if (!removed.isEmpty()) {
            b.append(" 删去：").append(quotes(removed));
        }
        if (!added.isEmpty()) {
            b.append(" 新增：").append(quotes(added));
        }
        return b.toString();
    }

    private static String quotes(List<String> sentences) {
        StringBuilder b = new StringBuilder();
        for (String s : sentences.subList(0, Math.min(QUOTED, sentences.size()))) {
            b.append("「").append(quote(s)).append("」");
        }
        if (sentences.size() > QUOTED) {
            b.append("等");
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.codePointCount(0, s.length()) <= MAX_QUOTE ? s
                : s.substring(0, s.offsetByCodePoints(0, MAX_QUOTE)) + "…";
    }
}
