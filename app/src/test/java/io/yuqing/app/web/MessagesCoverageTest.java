package io.yuqing.app.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Chinese string literal in the console's sources is a key with an English entry, so a string added to a page
 * without one fails here, even on a page no other test renders; and every English entry is English, with the same
 * placeholders as its key. A class that pairs each Chinese string with its English inline (a helper
 * {@code t(Caller who, String zh, String en)}) needs no table and is left to EnglishConsoleTest, which renders the pages.
 */
class MessagesCoverageTest {
    private static final Path SOURCES = Path.of("src/main/java/io/yuqing/app/web");
    /** A string literal, or several joined by + across lines (one key written over several lines). */
    private static final Pattern LITERALS = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"(?:\\s*\\+\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\")*");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\w+}");

    @Test
    void everyChineseLiteralOfTheConsoleHasAnEnglishEntry() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("Messages.java")).sorted().toList()) {
                String code = code(file);
                if (code.contains("String zh, String en)")) {
                    continue;
                }
                for (String literal : chineseLiterals(code)) {
                    checked++;
                    if (!Messages.hasEnglish(literal)) {
                        missing.add(file.getFileName() + ": " + literal);
                    }
                }
            }
        }
        assertTrue(checked > 200, "the scan found the console's strings: " + checked);
        assertEquals(List.of(), missing, "Chinese strings without an English entry in Messages");
    }

    @Test
    void englishEntriesAreEnglishWithTheKeysPlaceholders() {
        for (Map.Entry<String, String> e : Messages.englishEntries().entrySet()) {
            assertFalse(HAN.matcher(e.getValue()).find() && !e.getKey().equals(e.getValue()), "not English: " + e);
            assertEquals(placeholders(e.getKey()), placeholders(e.getValue()), "placeholders of " + e.getKey());
        }
    }

    @Test
    void theScanFindsKeysWrittenOverSeveralLines() {
        assertEquals(List.of("甲乙", "丙"), chineseLiterals("""
                m.t("甲"
                        + "乙"); x("a"); y("丙", "b");
                """));
    }

    /** The source without comments, and without the sources page, which is being rewritten in a class of its own. */
    private static String code(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8)
                .replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("(?m)^\\s*//.*$", "");
        int sources = text.indexOf("    String sources(Caller who) {");
        if (sources >= 0) {
            int end = text.indexOf("\n    }\n", sources);
            text = text.substring(0, sources) + text.substring(end);
        }
        return text;
    }

    /** Chinese literals as keys: joined literals form one; markup marked lang="zh-CN" is Chinese on purpose. */
    static List<String> chineseLiterals(String code) {
        List<String> out = new ArrayList<>();
        Matcher joined = LITERALS.matcher(code);
        while (joined.find()) {
            StringBuilder key = new StringBuilder();
            Matcher part = LITERAL.matcher(joined.group());
            while (part.find()) {
                key.append(part.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            String k = key.toString();
            if (HAN.matcher(k).find() && !k.contains("lang=\"zh-CN\"")) {
                out.add(k);
            }
        }
        return out;
    }

    private static TreeSet<String> placeholders(String s) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(s);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
