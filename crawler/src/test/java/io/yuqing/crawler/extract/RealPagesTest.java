package io.yuqing.crawler.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the extractor over real pages from the shared data (skipped when absent). cwce-dev has hand-labelled bodies:
 * this prints the mean character-level F1 (each Han character one token, other tokens split on whitespace and
 * punctuation; multiset precision and recall), next to trafilatura's on the same pages.
 */
class RealPagesTest {
    private static final Path SHARED = Path.of(System.getProperty("yuqing.shared", "../../shared"));
    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void cwceDevBodyF1() throws IOException {
        Path dir = SHARED.resolve("data/extraction/cwce-dev");
        assumeTrue(Files.isDirectory(dir.resolve("html")), "shared cwce-dev data not present");
        ObjectMapper json = new ObjectMapper();
        JsonNode truth = json.readTree(dir.resolve("ground-truth.json").toFile());
        JsonNode baseline = json.readTree(dir.resolve("baseline-trafilatura.json").toFile());
        double sum = 0;
        double baselineSum = 0;
        int n = 0;
        int datesRight = 0;
        int datesLabelled = 0;
        int authorsRight = 0;
        int authorsLabelled = 0;
        StringBuilder rows = new StringBuilder();
        for (Iterator<String> ids = truth.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            Path page = dir.resolve("html/" + id + ".html");
            if (!Files.exists(page)) {
                continue;
            }
            Extraction x = extractor.extract(Files.readAllBytes(page), "text/html", "http://example.com/" + id + ".html");
            JsonNode expected = truth.get(id);
            double f1 = f1(expected.get("articleBody").asText(), x.text());
            double base = baseline.has(id) ? f1(expected.get("articleBody").asText(), baseline.get(id).get("articleBody").asText()) : 0;
            sum += f1;
            baselineSum += base;
            n++;
            String date = expected.path("date").asText("");
            if (date.matches("\\d{4}-\\d{1,2}-\\d{1,2}.*")) {
                datesLabelled++;
                String[] ymd = date.split("[- ]");
                if (x.publishedAt() != null && x.publishedAt().getYear() == Integer.parseInt(ymd[0])
                        && x.publishedAt().getMonthValue() == Integer.parseInt(ymd[1])
                        && x.publishedAt().getDayOfMonth() == Integer.parseInt(ymd[2])) {
                    datesRight++;
                }
            }
            String author = expected.path("author").asText("");
            if (!author.isEmpty() && !author.equals("UNKNOWN")) {
                authorsLabelled++;
                if (!x.author().isEmpty() && (author.contains(x.author()) || x.author().contains(author))) {
                    authorsRight++;
                }
            }
            rows.append(String.format(Locale.ROOT, "  %s  F1 %.3f  (trafilatura %.3f)  %s  %s%n", id.substring(0, 8), f1, base,
                    x.charset(), x.title().length() > 30 ? x.title().substring(0, 30) : x.title()));
        }
        assumeTrue(n > 0, "no cwce-dev pages");
        System.out.print(rows);
        System.out.printf(Locale.ROOT, "cwce-dev: %d pages, mean body F1 %.3f (trafilatura %.3f); date day right %d/%d; author right %d/%d%n",
                n, sum / n, baselineSum / n, datesRight, datesLabelled, authorsRight, authorsLabelled);
        // A floor far below any working extractor, so a broken one fails loudly; not a tuned threshold.
        assertTrue(sum / n > 0.5, "mean F1 collapsed: " + sum / n);
    }

    @Test
    void gneArticlePagesAllYieldTitleAndText() throws IOException {
        Path dir = SHARED.resolve("data/pages/gne/tests");
        assumeTrue(Files.isDirectory(dir), "shared gne pages not present");
        List<Path> pages;
        try (Stream<Path> files = Files.walk(dir)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        int withText = 0;
        for (Path page : pages) {
            Extraction x = extractor.extract(Files.readAllBytes(page), "text/html", "http://example.com/" + page.getFileName());
            if (x.text().length() >= 50) {
                withText++;
            }
            System.out.printf(Locale.ROOT, "  %-40s %5d chars  %s  %s  %s%n", dir.relativize(page),
                    x.text().length(), x.publishedAt(), x.author(), x.title().length() > 30 ? x.title().substring(0, 30) : x.title());
        }
        System.out.printf(Locale.ROOT, "gne: %d/%d pages with at least 50 characters of text%n", withText, pages.size());
        assertFalse(pages.isEmpty());
        assertTrue(withText * 10 >= pages.size() * 8, "most article pages must yield text");
    }

    /** Character-level F1 over token multisets: each Han character one token, other runs split on non-letters. */
    static double f1(String expected, String actual) {
        Map<String, Integer> e = tokens(expected);
        Map<String, Integer> a = tokens(actual);
        int totalE = e.values().stream().mapToInt(Integer::intValue).sum();
        int totalA = a.values().stream().mapToInt(Integer::intValue).sum();
        if (totalE == 0 && totalA == 0) {
            return 1;
        }
        if (totalE == 0 || totalA == 0) {
            return 0;
        }
        int common = 0;
        for (Map.Entry<String, Integer> entry : a.entrySet()) {
            common += Math.min(entry.getValue(), e.getOrDefault(entry.getKey(), 0));
        }
        double precision = (double) common / totalA;
        double recall = (double) common / totalE;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private static Map<String, Integer> tokens(String text) {
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (TextStats.isHan(c)) {
                flush(word, counts);
                counts.merge(new String(Character.toChars(c)), 1, Integer::sum);
            } else if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(Character.toLowerCase(c));
            } else {
                flush(word, counts);
            }
        });
        flush(word, counts);
        return counts;
    }

    private static void flush(StringBuilder word, Map<String, Integer> counts) {
        if (!word.isEmpty()) {
            counts.merge(word.toString(), 1, Integer::sum);
            word.setLength(0);
        }
    }
}
