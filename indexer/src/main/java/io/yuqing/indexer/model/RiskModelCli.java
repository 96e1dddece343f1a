package io.yuqing.indexer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.RiskLexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Entry points for {@code yuqing train} and {@code yuqing score}. Each returns a process exit code (0 done, 1 bad
 * input, 2 bad usage) and writes its messages to the given stream.
 */
public final class RiskModelCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RiskModelCli() {
    }

    /** {@code yuqing train --data FILE --out MODEL}: trains on FinNSP rows or review JSON Lines and saves the model. */
    public static int train(Path data, Path out, TrainOptions options, PrintStream log) throws IOException {
        return train(data, null, out, options, log);
    }

    /**
     * {@code yuqing train --data FILE [--categories FINESE] --out MODEL}: as above, plus a category classifier trained
     * on a FinESE file when {@code categories} is given.
     */
    public static int train(Path data, Path categories, Path out, TrainOptions options, PrintStream log) throws IOException {
        LabelledItems.ReadResult read = LabelledItems.read(data);
        read.problems().forEach(p -> log.println("skipped " + p));
        if (read.items().isEmpty()) {
            log.println(data + ": no readable labelled items");
            return 1;
        }
        RiskModel model = RiskModel.train(read.items(), options);
        if (categories != null) {
            List<FinEseRows.Row> rows;
            try {
                rows = FinEseRows.read(categories);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                log.println(categories + ": not a FinESE JSON array: " + e.getOriginalMessage());
                return 1;
            }
            if (rows.isEmpty()) {
                log.println(categories + ": no FinESE rows [id, text, event_type, subject]");
                return 1;
            }
            try {
                model = model.withCategories(FinEseRows.train(rows, CategoryModel.Options.defaults()));
            } catch (IllegalArgumentException e) {
                log.println(categories + ": " + e.getMessage());
                return 1;
            }
            log.println("category classifier trained on " + rows.size() + " FinESE rows");
        }
        model.save(out);
        log.println("trained on " + read.items().size() + " items, model written to " + out);
        return 0;
    }

    /**
     * {@code yuqing score --model MODEL}: reads JSON Lines {@code {"id","title","text","entities":[..]}} from
     * {@code in} and writes one JSON line per item: id, score, level, categories, riskEntities (names) and the
     * model's probability per entity. A line that cannot be read gets an {@code error} line and the rest goes on.
     */
    public static int score(Path modelFile, ScoringConfig.LevelThresholds levels, InputStream in, PrintStream out)
            throws IOException {
        RiskModel model = RiskModel.load(modelFile);
        RiskLexicon lexicon = RiskLexicon.loadDefault();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        int failures = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            ObjectNode result = JSON.createObjectNode();
            try {
                JsonNode item = JSON.readTree(line);
                if (!item.isObject()) {
                    throw new IllegalArgumentException("expected a JSON object");
                }
                result.put("id", item.path("id").asText(""));
                String title = item.path("title").asText("");
                String text = item.path("text").asText("");
                List<Enterprise> watchlist = new ArrayList<>();
                Map<String, String> nameById = new HashMap<>();
                int n = 0;
                LinkedHashSet<String> names = new LinkedHashSet<>();
                item.path("entities").forEach(e -> {
                    if (!e.asText("").isBlank()) {
                        names.add(e.asText().strip());
                    }
                });
                for (String name : names) {
                    String id = "e" + (n++);
                    watchlist.add(new Enterprise(id, name, List.of(), List.of(), "", "", ""));
                    nameById.put(id, name);
                }
                List<Mention> mentions = new WatchlistMatcher(watchlist).match(title, text);
                ModelRiskScorer scorer = new ModelRiskScorer(model, levels, watchlist, lexicon);
                RiskAssessment risk = scorer.score(title, text, mentions);
                result.put("score", risk.score());
                result.put("level", risk.level().code());
                risk.categories().stream().map(RiskCategory::code).forEach(result.putArray("categories")::add);
                risk.riskEntities().stream().map(nameById::get).forEach(result.putArray("riskEntities")::add);
                ObjectNode probabilities = result.putObject("probabilities");
                scorer.entityProbabilities(title, text, mentions)
                        .forEach((id, p) -> probabilities.put(nameById.get(id), Math.round(p * 1000) / 1000.0));
            } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
                failures++;
                result.removeAll();
                result.put("line", lineNo);
                result.put("error", e instanceof com.fasterxml.jackson.core.JacksonException je
                        ? "not JSON: " + je.getOriginalMessage() : e.getMessage());
            }
            out.println(JSON.writeValueAsString(result));
        }
        return failures == 0 ? 0 : 1;
    }

    /**
     * {@code java io.yuqing.indexer.model.RiskModelCli train --data FILE [--categories FINESE] --out MODEL [--epochs N]} or
     * {@code ... score --model MODEL < items.jsonl}.
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out));
    }

    static int run(String[] args, InputStream in, PrintStream out) throws IOException {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        String command = args.length == 0 ? "" : args[0];
        if (command.equals("train") && opts.containsKey("--data") && opts.containsKey("--out")) {
            TrainOptions options = TrainOptions.defaults();
            if (opts.containsKey("--epochs")) {
                try {
                    options = options.withEpochs(Integer.parseInt(opts.get("--epochs")));
                } catch (IllegalArgumentException e) {
                    out.println("--epochs: " + e.getMessage());
                    return 2;
                }
            }
            Path categories = opts.containsKey("--categories") ? Path.of(opts.get("--categories")) : null;
            return train(Path.of(opts.get("--data")), categories, Path.of(opts.get("--out")), options, out);
        }
        if (command.equals("score") && opts.containsKey("--model")) {
            return score(Path.of(opts.get("--model")), RiskModel.FEATURE_LEVELS, in, out);
        }
        out.println("usage: train --data FILE [--categories FINESE.json] --out MODEL [--epochs N] | score --model MODEL < items.jsonl");
        return 2;
    }
}
