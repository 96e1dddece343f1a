package io.yuqing.indexer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads labelled items from either shape:
 * <ul>
 *   <li>a JSON array of FinNSP rows {@code [id, title, text, "a;b", "0"|"1", "a"]} (a header row is skipped);</li>
 *   <li>JSON Lines {@code {"id","title","text","entities":[..],"negative":bool,"riskEntities":[..]}}, the shape of
 *       staff review decisions.</li>
 * </ul>
 * A row or line that cannot be read is reported with its number and reason and the rest is still read.
 */
public final class LabelledItems {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The items read and one message per row or line skipped. */
    public record ReadResult(List<LabelledItem> items, List<String> problems) {
        public ReadResult {
            items = List.copyOf(items);
            problems = List.copyOf(problems);
        }
    }

    private LabelledItems() {
    }

    public static ReadResult read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String head = content.stripLeading();
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1).stripLeading();
        }
        return head.startsWith("[") ? readRows(head) : readLines(content);
    }

    private static ReadResult readRows(String content) throws IOException {
        JsonNode rows = JSON.readTree(content);
        List<LabelledItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (i == 0 && row.isArray() && row.size() > 4 && !isFlag(row.get(4).asText(""))) {
                continue;
            }
            if (!row.isArray() || row.size() < 6) {
                problems.add("row " + (i + 1) + ": expected [id, title, text, entities, negative, key_entity]");
                continue;
            }
            String flag = row.get(4).asText("").strip();
            if (!isFlag(flag)) {
                problems.add("row " + (i + 1) + ": negative must be 0 or 1, got '" + flag + "'");
                continue;
            }
            boolean negative = "1".equals(flag);
            items.add(new LabelledItem(row.get(0).asText(""), row.get(1).asText(""), row.get(2).asText(""),
                    split(row.get(3).asText("")), negative, negative ? split(row.get(5).asText("")) : List.of()));
        }
        return new ReadResult(items, problems);
    }

    private static ReadResult readLines(String content) throws IOException {
        List<LabelledItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(content))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode o = JSON.readTree(line);
                    if (!o.isObject() || !o.path("entities").isArray() || !o.path("negative").isBoolean()) {
                        problems.add("line " + lineNo + ": expected an object with \"entities\" (array) and \"negative\" (true/false)");
                        continue;
                    }
                    boolean negative = o.get("negative").asBoolean();
                    List<String> risk = strings(o.path("riskEntities"));
                    items.add(new LabelledItem(o.path("id").asText(""), o.path("title").asText(""),
                            o.path("text").asText(""), strings(o.get("entities")), negative, negative ? risk : List.of()));
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    problems.add("line " + lineNo + ": not JSON: " + e.getOriginalMessage());
                }
            }
        }
        return new ReadResult(items, problems);
    }

    private static boolean isFlag(String s) {
        return "0".equals(s.strip()) || "1".equals(s.strip());
    }

    private static List<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array.isArray()) {
            array.forEach(n -> {
                if (!n.asText("").isBlank()) {
                    out.add(n.asText().strip());
                }
            });
        }
        return List.copyOf(out);
    }

    static List<String> split(String joined) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(joined.split(";")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
        return List.copyOf(names);
    }
}
