package io.yuqing.crawler.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.crawler.extract.ArticleExtractor;
import io.yuqing.crawler.extract.DateTexts;
import io.yuqing.crawler.extract.Extraction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Measures article extraction against a labelled dataset laid out as {@code DIR/ground-truth.json}
 * ({@code {id: {"articleBody": ..., "author"?: ..., "date"?: ..., "url"?: ...}}}) and {@code DIR/html/ID.html} or
 * {@code ID.html.gz}.
 *
 * <p>Text measures: per page precision and recall of the extracted tokens against the truth's, averaged over pages,
 * F1 from the averaged precision and recall. <em>word</em> is the Zyte article-extraction-benchmark's measure exactly
 * (4-word shingles over {@code \w+} tokens; a page with nothing extracted is left out of the precision average).
 * <em>char</em> counts each Han character and each other {@code \w+} run as one token, and averages over every page
 * (nothing extracted is precision 0), the convention the CWCE baseline figure was computed with.
 */
public final class ExtractionEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExtractionEvaluation() {
    }

    /** How one page scored, which part of the {@link EvalSplit} it is in, and its lost and extra lines. */
    public record PageResult(String id, EvalSplit split, double wordPrecision, double wordRecall, double wordF1,
                             double charF1, boolean authorLabelled,
                             boolean authorRight, boolean dateLabelled, boolean dateRight, String extractedAuthor,
                             OffsetDateTime extractedDate, double millis, TextLosses losses) {
    }

    /**
     * The figures for one dataset.
     *
     * @param source      what was measured: "yuqing ArticleExtractor" or the predictions file name
     * @param missing     labelled pages without an HTML file or without a prediction (scored as empty)
     * @param medianMillis median extraction time per page, NaN when scoring a predictions file
     * @param p99Millis   99th percentile extraction time per page, NaN when scoring a predictions file
     * @param parts       the same figures for the tuning and the held-out part ({@link EvalSplit}); empty in a part
     */
    public record Report(String dataset, String source, int pages, int missing,
                         double wordPrecision, double wordRecall, double wordF1,
                         double charPrecision, double charRecall, double charF1,
                         int authorLabelled, int authorRight, int dateLabelled, int dateRight,
                         double medianMillis, double p99Millis, List<PageResult> perPage, List<Report> parts) {
        public Report {
            perPage = List.copyOf(perPage);
            parts = List.copyOf(parts);
        }

        public double authorAccuracy() {
            return authorLabelled == 0 ? Double.NaN : (double) authorRight / authorLabelled;
        }

        public double dateAccuracy() {
            return dateLabelled == 0 ? Double.NaN : (double) dateRight / dateLabelled;
        }

        /** One readable block. */
        public String format() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%s — %s: %d pages%s%n", dataset, source, pages,
                    missing > 0 ? " (" + missing + " without HTML or prediction, scored empty)" : ""));
            b.append(String.format(Locale.ROOT, "  word  P %.3f  R %.3f  F1 %.3f%n", wordPrecision, wordRecall, wordF1));
            b.append(String.format(Locale.ROOT, "  char  P %.3f  R %.3f  F1 %.3f%n", charPrecision, charRecall, charF1));
            b.append(String.format(Locale.ROOT, "  author right %s%n", fraction(authorRight, authorLabelled)));
            b.append(String.format(Locale.ROOT, "  date   right %s%n", fraction(dateRight, dateLabelled)));
            if (!Double.isNaN(medianMillis)) {
                b.append(String.format(Locale.ROOT, "  time per page  median %.1f ms  p99 %.1f ms%n", medianMillis, p99Millis));
            }
            for (Report part : parts) {
                b.append(String.format(Locale.ROOT, "  %s (%d pages): word F1 %.3f (P %.3f R %.3f)  char F1 %.3f  author %s  date %s%n",
                        part.source(), part.pages(), part.wordF1(), part.wordPrecision(), part.wordRecall(), part.charF1(),
                        fraction(part.authorRight(), part.authorLabelled()), fraction(part.dateRight(), part.dateLabelled())));
            }
            return b.toString();
        }

        private static String fraction(int right, int labelled) {
            return labelled == 0 ? "n/a (no labels)"
                    : String.format(Locale.ROOT, "%d/%d = %.3f", right, labelled, (double) right / labelled);
        }
    }

    /** Runs {@link ArticleExtractor} on every labelled page of the dataset and scores it. */
    public static Report evaluate(Path dir) {
        List<LabelledPage> truth = loadTruth(dir);
        ArticleExtractor extractor = new ArticleExtractor();
        List<Scored> scored = new ArrayList<>();
        int missing = 0;
        for (LabelledPage page : truth) {
            Path html = htmlFile(dir, page.id());
            if (html == null) {
                missing++;
                scored.add(score(page, "", "", null, Double.NaN));
                continue;
            }
            byte[] body = readHtml(html);
            String url = page.url().isEmpty() ? "http://example.com/" + page.id() + ".html" : page.url();
            // Wall time of one extraction: a measurement for the report, not business time.
            long start = System.nanoTime();
            Extraction x = extractor.extract(body, "text/html", url);
            double millis = (System.nanoTime() - start) / 1e6;
            scored.add(score(page, x.text(), x.author(), x.publishedAt(), millis));
        }
        return withParts(report(dir, "yuqing ArticleExtractor", scored, missing), scored, dir);
    }

    /**
     * Scores a published predictions file: {@code {id: {"articleBody": ..., "author"?: ..., "date"?: ...}}}, or the
     * same map under an {@code "output"} key as the Zyte benchmark's output-sample files have it.
     */
    public static Report evaluatePredictions(Path dir, Path predictionsJson) {
        List<LabelledPage> truth = loadTruth(dir);
        JsonNode predictions = readJson(predictionsJson);
        if (!predictions.has(truth.isEmpty() ? "" : truth.getFirst().id()) && predictions.path("output").isObject()) {
            predictions = predictions.get("output");
        }
        List<Scored> scored = new ArrayList<>();
        int missing = 0;
        for (LabelledPage page : truth) {
            JsonNode p = predictions.path(page.id());
            if (!p.isObject()) {
                missing++;
            }
            OffsetDateTime date = DateTexts.parseFirst(text(p, "date")).orElse(null);
            scored.add(score(page, text(p, "articleBody"), text(p, "author"), date, Double.NaN));
        }
        return withParts(report(dir, predictionsJson.getFileName().toString(), scored, missing), scored, dir);
    }

    /**
     * {@code eval DIR [PREDICTIONS.json] [--pages] [--losses N] [--tuning]}: prints the report; with --pages every
     * page, worst first; with --losses the lost and extra lines of the N worst pages; with --tuning those lists keep to
     * the tuning part, so the held-out pages stay unread.
     */
    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean pages = rest.remove("--pages");
        boolean tuningOnly = rest.remove("--tuning");
        int losses = 0;
        int at = rest.indexOf("--losses");
        if (at >= 0 && at + 1 < rest.size() && rest.get(at + 1).matches("\\d{1,4}")) {
            losses = Integer.parseInt(rest.get(at + 1));
            rest.remove(at + 1);
            rest.remove(at);
        }
        if (rest.isEmpty() || rest.size() > 2 || rest.contains("--losses")) {
            System.err.println("usage: ExtractionEvaluation DIR [PREDICTIONS.json] [--pages] [--losses N] [--tuning]");
            System.err.println("  DIR holds ground-truth.json and html/ID.html(.gz)");
            System.exit(2);
            return;
        }
        try {
            Path dir = Path.of(rest.getFirst());
            Report report = rest.size() == 2 ? evaluatePredictions(dir, Path.of(rest.get(1))) : evaluate(dir);
            System.out.print(report.format());
            List<PageResult> worstFirst = report.perPage().stream()
                    .filter(r -> !tuningOnly || r.split() == EvalSplit.TUNING)
                    .sorted(Comparator.comparingDouble(r -> Math.min(r.wordF1(), r.charF1()))).toList();
            if (pages) {
                worstFirst.forEach(r -> System.out.printf(Locale.ROOT, "  %-20.20s %-8s word %.3f (P %.3f R %.3f) char %.3f  author %s%s  date %s%s  %.1f ms%n",
                        r.id(), r.split() == EvalSplit.HELD_OUT ? "held-out" : "tuning", r.wordF1(), r.wordPrecision(),
                        r.wordRecall(), r.charF1(),
                        r.authorLabelled() ? (r.authorRight() ? "ok " : "NO ") : "-  ",
                        r.extractedAuthor(), r.dateLabelled() ? (r.dateRight() ? "ok " : "NO ") : "-  ",
                        r.extractedDate(), r.millis()));
            }
            for (PageResult r : worstFirst.subList(0, Math.min(losses, worstFirst.size()))) {
                System.out.printf(Locale.ROOT, "%n== %s  word %.3f char %.3f%n", r.id(), r.wordF1(), r.charF1());
                r.losses().missing().forEach(l -> System.out.println("  - " + l));
                r.losses().extra().forEach(l -> System.out.println("  + " + l));
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("cannot evaluate: " + e.getMessage());
            System.exit(1);
        }
    }

    private record Scored(LabelledPage page, TokenMatch words, TokenMatch chars, PageResult result) {
    }

    private static Scored score(LabelledPage page, String text, String author, OffsetDateTime date, double millis) {
        TokenMatch words = TokenMatch.of(TextTokens.wordShingles(page.body()), TextTokens.wordShingles(text));
        TokenMatch chars = TokenMatch.of(TextTokens.charTokens(page.body()), TextTokens.charTokens(text));
        boolean authorRight = page.authorMatches(author);
        boolean dateRight = page.date().map(d -> d.matches(date)).orElse(false);
        return new Scored(page, words, chars, new PageResult(page.id(), EvalSplit.of(page.id()), words.precision(),
                words.recall(), words.f1(), chars.f1(), page.hasAuthor(), authorRight, page.date().isPresent(), dateRight, author == null ? "" : author, date,
                millis, TextLosses.of(page.body(), text)));
    }

    private static Report report(Path dir, String source, List<Scored> scored, int missing) {
        // Word: the Zyte script averages precision over pages that predicted something, recall over labelled text.
        double wordP = mean(scored.stream().filter(s -> s.words().predictedAnything()).mapToDouble(s -> s.words().precision()).toArray());
        double wordR = mean(scored.stream().filter(s -> s.words().truthHasAnything()).mapToDouble(s -> s.words().recall()).toArray());
        double charP = mean(scored.stream().mapToDouble(s -> s.chars().precision()).toArray());
        double charR = mean(scored.stream().mapToDouble(s -> s.chars().recall()).toArray());
        int authorLabelled = (int) scored.stream().filter(s -> s.result().authorLabelled()).count();
        int authorRight = (int) scored.stream().filter(s -> s.result().authorRight()).count();
        int dateLabelled = (int) scored.stream().filter(s -> s.result().dateLabelled()).count();
        int dateRight = (int) scored.stream().filter(s -> s.result().dateRight()).count();
        double[] times = scored.stream().mapToDouble(s -> s.result().millis()).filter(t -> !Double.isNaN(t)).sorted().toArray();
        return new Report(dir.toAbsolutePath().normalize().getFileName().toString(), source, scored.size(), missing,
                wordP, wordR, f1(wordP, wordR), charP, charR, f1(charP, charR),
                authorLabelled, authorRight, dateLabelled, dateRight,
                percentile(times, 0.5), percentile(times, 0.99), scored.stream().map(Scored::result).toList(), List.of());
    }

    private static Report withParts(Report all, List<Scored> scored, Path dir) {
        List<Report> parts = new ArrayList<>();
        for (EvalSplit split : EvalSplit.values()) {
            // A part's line prints its scores only; what is missing is said once, for the whole dataset.
            parts.add(report(dir, split.label(), scored.stream().filter(s -> s.result().split() == split).toList(), 0));
        }
        return new Report(all.dataset(), all.source(), all.pages(), all.missing(), all.wordPrecision(), all.wordRecall(),
                all.wordF1(), all.charPrecision(), all.charRecall(), all.charF1(), all.authorLabelled(), all.authorRight(),
                all.dateLabelled(), all.dateRight(), all.medianMillis(), all.p99Millis(), all.perPage(), parts);
    }

    static List<LabelledPage> loadTruth(Path dir) {
        Path file = dir.resolve("ground-truth.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " has no ground-truth.json");
        }
        JsonNode root = readJson(file);
        List<LabelledPage> pages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            pages.add(LabelledPage.of(e.getKey(), text(v, "articleBody"), text(v, "author"), text(v, "date"), text(v, "url")));
        }
        pages.sort(Comparator.comparing(LabelledPage::id));
        return pages;
    }

    private static Path htmlFile(Path dir, String id) {
        for (String name : List.of(id + ".html", id + ".html.gz", id + ".htm")) {
            Path p = dir.resolve("html").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static byte[] readHtml(Path file) {
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(file + " is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : "";
    }

    private static double mean(double[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).sum() / values.length;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
