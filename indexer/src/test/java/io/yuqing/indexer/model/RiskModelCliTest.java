package io.yuqing.indexer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskModelCliTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void trainsThenScoresJsonLines(@TempDir Path dir) throws IOException {
        StringBuilder data = new StringBuilder();
        for (LabelledItem i : SyntheticItems.generate(150, 3L)) {
            data.append(json.writeValueAsString(java.util.Map.of("id", i.id(), "title", i.title(), "text", i.text(),
                    "entities", i.entities(), "negative", i.negative(), "riskEntities", i.riskEntities()))).append('\n');
        }
        Path dataFile = Files.writeString(dir.resolve("reviews.jsonl"), data, StandardCharsets.UTF_8);
        Path modelFile = dir.resolve("risk.model");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = RiskModelCli.run(new String[]{"train", "--data", dataFile.toString(), "--out", modelFile.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, code, log.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(modelFile));

        String input = """
                {"id":"x","text":"据报道，云帆科技被曝资金链断裂，大批员工讨薪无果。同日，远山物流举办了产品发布会。","entities":["云帆科技","远山物流"]}
                {broken
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        code = RiskModelCli.run(new String[]{"score", "--model", modelFile.toString()},
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, code, "a bad line makes the exit code 1");
        assertEquals(2, lines.length);
        JsonNode first = json.readTree(lines[0]);
        assertEquals("x", first.get("id").asText());
        assertEquals("云帆科技", first.get("riskEntities").get(0).asText());
        assertEquals(1, first.get("riskEntities").size());
        assertTrue(json.readTree(lines[1]).get("error").asText().startsWith("not JSON"), lines[1]);
    }

    @Test
    void trainsTheCategoryClassifierFromAFinEseFileIntoTheSameModel(@TempDir Path dir) throws IOException {
        StringBuilder data = new StringBuilder();
        for (LabelledItem i : SyntheticItems.generate(60, 3L)) {
            data.append(json.writeValueAsString(java.util.Map.of("id", i.id(), "title", i.title(), "text", i.text(),
                    "entities", i.entities(), "negative", i.negative(), "riskEntities", i.riskEntities()))).append('\n');
        }
        Path dataFile = Files.writeString(dir.resolve("reviews.jsonl"), data, StandardCharsets.UTF_8);
        Path finese = Files.writeString(dir.resolve("finese.json"), """
                [["1","甲公司多个银行账户被冻结","资金账户风险","甲公司"],
                 ["2","乙公司因未及时披露关联交易收到警示函","信批违规","乙公司"],
                 ["3","丙公司评级上调","评级调整","丙公司"]]
                """, StandardCharsets.UTF_8);
        Path modelFile = dir.resolve("risk.model");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = RiskModelCli.run(new String[]{"train", "--data", dataFile.toString(), "--categories", finese.toString(),
                "--out", modelFile.toString()}, new ByteArrayInputStream(new byte[0]), new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, code, log.toString(StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("category classifier trained on 3 FinESE rows"));
        assertTrue(RiskModel.load(modelFile).categories().isPresent());

        Path unknownType = Files.writeString(dir.resolve("bad.json"), "[[\"1\",\"某公司停产\",\"停产整顿\",\"某公司\"]]",
                StandardCharsets.UTF_8);
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        code = RiskModelCli.run(new String[]{"train", "--data", dataFile.toString(), "--categories", unknownType.toString(),
                "--out", dir.resolve("bad.model").toString()}, new ByteArrayInputStream(new byte[0]), new PrintStream(bad, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(bad.toString(StandardCharsets.UTF_8).contains("停产整顿"), bad.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("bad.model")), "nothing written when the categories cannot be trained");
    }

    @Test
    void badUsageSaysHow() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, RiskModelCli.run(new String[]{"train"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage:"));
    }
}
