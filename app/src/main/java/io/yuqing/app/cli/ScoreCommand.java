package io.yuqing.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.core.pipeline.RiskScorer;
import io.yuqing.indexer.model.ModelRiskScorer;
import io.yuqing.indexer.model.RiskModel;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.score.RiskLexicon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Scores JSON Lines from stdin: {@code {"id","title","text","entities"?}} in, one JSON line out per input line. With
 * {@code entities}, those names are the item's watchlist; otherwise the configured watchlist is used.
 */
@Command(name = "score", description = "Score news items given as JSON Lines on stdin: {\"id\",\"title\",\"text\",\"entities\"?}.")
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "configuration with the watchlist and level thresholds")
    Path config;

    @Option(names = "--model", paramLabel = "MODEL", description = "a model from 'yuqing train': it decides which enterprises an item is negative about")
    Path model;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        YuqingConfig cfg = config == null ? new ConfigLoader().defaults() : new ConfigLoader().load(config);
        List<Enterprise> configured = new ArrayList<>(cfg.watchlist().enterprises());
        if (!cfg.watchlist().csv().isEmpty()) {
            configured.addAll(WatchlistCsv.read(Path.of(cfg.watchlist().csv())));
        }
        RiskLexicon lexicon = RiskLexicon.loadDefault();
        RiskModel riskModel = null;
        if (model != null) {
            try {
                riskModel = RiskModel.load(model);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new YuqingCommand.BadInputException(model + ": no such file");
            } catch (java.io.IOException e) {
                throw new YuqingCommand.BadInputException(model + ": not a Yuqing risk model: " + e.getMessage());
            }
        }
        WatchlistMatcher configuredMatcher = new WatchlistMatcher(configured);
        RiskScorer configuredScorer = scorer(riskModel, cfg.scoring().levels(), configured, lexicon);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        int lineNo = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode item;
            try {
                item = json.readTree(line);
            } catch (JsonProcessingException e) {
                err.println("yuqing score: line " + lineNo + ": not valid JSON: " + e.getOriginalMessage());
                bad++;
                continue;
            }
            if (!item.isObject()) {
                err.println("yuqing score: line " + lineNo + ": expected a JSON object");
                bad++;
                continue;
            }
            String title = item.path("title").asText("");
            String text = item.path("text").asText("");
            WatchlistMatcher matcher = configuredMatcher;
            RiskScorer scorer = configuredScorer;
            if (item.has("entities")) {
                List<Enterprise> own = entities(item.get("entities"));
                matcher = new WatchlistMatcher(own);
                scorer = scorer(riskModel, cfg.scoring().levels(), own, lexicon);
            }
            List<Mention> mentions = matcher.match(title, text);
            RiskAssessment risk = scorer.score(title, text, mentions);
            out.println(json.writeValueAsString(result(item.path("id"), mentions, risk)));
        }
        out.flush();
        return bad == 0 ? 0 : 2;
    }

    private static RiskScorer scorer(RiskModel riskModel, io.yuqing.core.config.ScoringConfig.LevelThresholds levels,
                                     List<Enterprise> watchlist, RiskLexicon lexicon) {
        return riskModel == null ? new LexiconRiskScorer(levels, watchlist, lexicon)
                : new ModelRiskScorer(riskModel, levels, watchlist, lexicon);
    }

    private static List<Enterprise> entities(JsonNode node) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText("").strip()));
        } else if (node.isTextual()) {
            // FinNSP style: names separated by ;
            for (String s : node.asText().split("[;；]")) {
                names.add(s.strip());
            }
        }
        names.remove("");
        return names.stream().map(n -> new Enterprise(n, n, List.of(), List.of(), "", "", "")).toList();
    }

    private ObjectNode result(JsonNode id, List<Mention> mentions, RiskAssessment risk) {
        Map<String, String> nameById = new LinkedHashMap<>();
        mentions.forEach(m -> nameById.put(m.enterpriseId(), m.name()));
        ObjectNode o = json.createObjectNode();
        o.set("id", id.isMissingNode() ? json.nullNode() : id);
        o.put("negative", !risk.riskEntities().isEmpty() || risk.level() != io.yuqing.core.model.RiskLevel.NONE);
        o.put("score", risk.score());
        o.put("level", risk.level().code());
        ArrayNode categories = o.putArray("categories");
        risk.categories().stream().map(RiskCategory::code).forEach(categories::add);
        ArrayNode riskEntities = o.putArray("riskEntities");
        risk.riskEntities().forEach(e -> riskEntities.add(nameById.getOrDefault(e, e)));
        ArrayNode ms = o.putArray("mentions");
        for (Mention m : mentions) {
            ms.addObject().put("name", m.name()).put("count", m.count());
        }
        ArrayNode evidence = o.putArray("evidence");
        for (Evidence e : risk.evidence()) {
            evidence.addObject().put("term", e.term()).put("category", e.category().code());
        }
        return o;
    }
}
