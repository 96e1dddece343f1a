package io.yuqing.crawler.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExtractionEvaluationTest {
    private static final Path SHARED = Path.of(System.getProperty("yuqing.shared", "../../shared"));

    @Test
    void trafilaturaCalibrationOnZyte() {
        Path dir = SHARED.resolve("data/extraction/zyte");
        Path predictions = dir.resolve("output-sample/trafilatura.json");
        assumeTrue(Files.isRegularFile(predictions), "shared zyte data not present");
        ExtractionEvaluation.Report r = ExtractionEvaluation.evaluatePredictions(dir, predictions);
        System.out.print(r.format());
        assertEquals(181, r.pages());
        assertEquals(0.958, r.wordF1(), 0.002);
        assertEquals(0.938, r.wordPrecision(), 0.002);
        assertEquals(0.978, r.wordRecall(), 0.002);
    }

    @Test
    void trafilaturaCalibrationOnCwceDev() {
        Path dir = SHARED.resolve("data/extraction/cwce-dev");
        Path predictions = dir.resolve("baseline-trafilatura.json");
        assumeTrue(Files.isRegularFile(predictions), "shared cwce-dev data not present");
        ExtractionEvaluation.Report r = ExtractionEvaluation.evaluatePredictions(dir, predictions);
        System.out.print(r.format());
        assertEquals(46, r.pages());
        assertEquals(0.896, r.charF1(), 0.002);
    }

    @Test
    void wordShinglesFollowTheBenchmark() {
        assertEquals(Map.of(), TextTokens.wordShingles(""));
        assertEquals(Map.of("a\u0001b", 1), TextTokens.wordShingles("a, b!"));
        Map<String, Integer> s = TextTokens.wordShingles("one two three four one two three four");
        assertEquals(2, s.get("one\u0001two\u0001three\u0001four"));
        assertEquals(5, s.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of("Café", "x_1", "中文", "２"), TextTokens.words("Café-x_1 中文，２"));
    }

    @Test
    void charTokensSplitHanButKeepOtherRuns() {
        Map<String, Integer> t = TextTokens.charTokens("青州GDP增长5.2%，青州");
        assertEquals(2, t.get("青"));
        assertEquals(1, t.get("GDP"));
        assertEquals(1, t.get("5"));
        assertEquals(1, t.get("2"));
        assertFalse(t.containsKey("，"));
    }

    @Test
    void tokenMatchCountsMultisets() {
        TokenMatch m = TokenMatch.of(Map.of("a", 2, "b", 1), Map.of("a", 1, "c", 1));
        assertEquals(0.5, m.precision(), 1e-9);
        assertEquals(1.0 / 3, m.recall(), 1e-9);
        TokenMatch nothing = TokenMatch.of(Map.of("a", 1), Map.of());
        assertFalse(nothing.predictedAnything());
        assertEquals(0, nothing.precision());
        assertEquals(1, TokenMatch.of(Map.of(), Map.of()).precision());
    }

    @Test
    void dateLabelsComparePartsTheyState() {
        DateLabel full = DateLabel.parse("2005-5-7 21:23:57").orElseThrow();
        assertTrue(full.matches(OffsetDateTime.of(2005, 5, 7, 21, 23, 57, 0, ZoneOffset.ofHours(8))));
        assertTrue(full.matches(OffsetDateTime.of(2005, 5, 7, 13, 23, 57, 0, ZoneOffset.UTC)), "same instant in UTC");
        assertFalse(full.matches(OffsetDateTime.of(2005, 5, 7, 21, 24, 0, 0, ZoneOffset.ofHours(8))));
        DateLabel day = DateLabel.parse("2022-02-13").orElseThrow();
        assertTrue(day.matches(OffsetDateTime.of(2022, 2, 13, 9, 0, 0, 0, ZoneOffset.ofHours(8))));
        assertTrue(DateLabel.parse("1998-3").orElseThrow().matches(OffsetDateTime.of(1998, 3, 30, 0, 0, 0, 0, ZoneOffset.ofHours(8))));
        assertFalse(full.matches(null));
        assertTrue(DateLabel.parse("UNKNOWN").isEmpty());
        assertTrue(DateLabel.parse("刘涛").isEmpty());
        assertTrue(DateLabel.parse("").isEmpty());
    }

    @Test
    void evaluatesOurExtractorOnASmallDataset(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("html"));
        String body = "青州市某食品公司被曝拖欠工人工资三个月，当地人社部门已介入调查，要求企业限期整改。";
        String html = "<html><head><meta charset=\"gbk\"><title>某公司欠薪_青州日报</title></head><body>"
                + "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">本地</a></div>"
                + "<h1>某公司欠薪</h1><div class=\"info\">2024-11-24 14:52 来源：青州日报 作者：王晓明</div>"
                + "<div class=\"content\"><p>" + body + "</p><p>" + body + "</p></div></body></html>";
        Files.write(dir.resolve("html/p1.html"), html.getBytes(java.nio.charset.Charset.forName("GBK")));
        Files.writeString(dir.resolve("ground-truth.json"), """
                {"p1": {"articleBody": "%s\\n%s", "author": "王晓明", "date": "2024-11-24 14:52"},
                 "p2": {"articleBody": "没有页面的条目", "author": "UNKNOWN", "date": "UNKNOWN"}}
                """.formatted(body, body), StandardCharsets.UTF_8);
        ExtractionEvaluation.Report r = ExtractionEvaluation.evaluate(dir);
        assertEquals(2, r.pages());
        assertEquals(1, r.missing());
        assertEquals(1, r.authorRight());
        assertEquals(1, r.authorLabelled());
        assertEquals(1, r.dateRight());
        assertEquals(1, r.dateLabelled());
        // The same page alone: the missing page (an empty extraction) must halve char precision, which averages
        // over every page, and leave word precision alone, which the Zyte script averages over non-empty predictions.
        Path alone = dir.resolve("alone");
        Files.createDirectories(alone.resolve("html"));
        Files.copy(dir.resolve("html/p1.html"), alone.resolve("html/p1.html"));
        Files.writeString(alone.resolve("ground-truth.json"), """
                {"p1": {"articleBody": "%s\\n%s"}}
                """.formatted(body, body), StandardCharsets.UTF_8);
        ExtractionEvaluation.Report single = ExtractionEvaluation.evaluate(alone);
        assertTrue(single.charPrecision() > 0, "p1 must extract something");
        assertEquals(single.charPrecision() / 2, r.charPrecision(), 1e-9);
        assertEquals(single.charRecall() / 2, r.charRecall(), 1e-9);
        assertEquals(single.wordPrecision(), r.wordPrecision(), 1e-9);
        assertEquals(single.wordRecall() / 2, r.wordRecall(), 1e-9);
        assertTrue(r.format().contains("author right 1/1"), r.format());
        assertEquals(2, r.parts().size(), "tuning and held-out figures");
        assertEquals(r.pages(), r.parts().stream().mapToInt(ExtractionEvaluation.Report::pages).sum());
        assertTrue(r.format().contains("held-out third"), r.format());
    }

    @Test
    void theSplitHoldsOutAStableThirdByTheFileName() {
        // CRC-32 of the id: fixed values, so a figure "on the held-out third" means the same pages in every session.
        assertEquals(EvalSplit.HELD_OUT, EvalSplit.of("page-2"));
        assertEquals(EvalSplit.TUNING, EvalSplit.of("page-1"));
        assertEquals(EvalSplit.TUNING, EvalSplit.of("page-3"));
        int heldOut = 0;
        for (int i = 0; i < 3000; i++) {
            EvalSplit split = EvalSplit.of("page-" + i);
            assertEquals(split, EvalSplit.of("page-" + i), "the same id always falls in the same part");
            heldOut += split == EvalSplit.HELD_OUT ? 1 : 0;
        }
        assertTrue(heldOut > 900 && heldOut < 1100, "about a third held out: " + heldOut);
    }

    @Test
    void lossesNameTheLinesLostAndTheLinesAdded() {
        TextLosses losses = TextLosses.of(
                "The city fined the plant for dumping waste into the river.\nWorkers said they had not been paid since May this year.",
                "The city fined the plant for dumping waste into the river.\nSign up for our newsletter to get the news every day.");
        assertEquals(List.of("Workers said they had not been paid since May this year."), losses.missing());
        assertEquals(List.of("Sign up for our newsletter to get the news every day."), losses.extra());
        TextLosses chinese = TextLosses.of("青州某公司拖欠工资。\n工人已经报警。", "青州某公司拖欠工资。\n欢迎订阅本报电子版");
        assertEquals(List.of("工人已经报警。"), chinese.missing());
        assertEquals(List.of("欢迎订阅本报电子版"), chinese.extra());
    }

    @Test
    void missingGroundTruthIsAClearError(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExtractionEvaluation.evaluate(dir));
        assertTrue(e.getMessage().contains("ground-truth.json"));
    }
}
