package io.yuqing.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line contract: extract, score, watchlist import/export, exit codes. */
class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static synchronized Result run(String stdin, String... args) {
        InputStream previous = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(previous);
        }
    }

    @Test
    void extractPrintsOneJsonObjectForAGbkFile() throws Exception {
        Path page = dir.resolve("page.html");
        Files.write(page, ("<html><head><meta charset=\"gbk\"><title>青州恒达建设工地发生安全事故_青州新闻网</title></head><body>"
                + "<div class=\"nav\"><a href=\"/\">首页</a></div><h1>青州恒达建设工地发生安全事故</h1>"
                + "<div class=\"info\">来源：青州日报 作者：李明 发布时间：2026-11-24 14:52</div><div class=\"content\">"
                + "<p>11月24日上午，位于临江区的青州恒达建设集团有限公司一处在建工地发生脚手架坍塌事故，造成两名工人受伤。</p>"
                + "<p>事故发生后，应急管理部门第一时间赶赴现场处置，伤者已送医救治，事故原因正在调查中。</p></div></body></html>")
                .getBytes(Charset.forName("GBK")));
        Result r = run("", "extract", "--url", "https://news.example.cn/a/1.html", page.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("https://news.example.cn/a/1.html", json.get("url").asText());
        assertEquals("青州恒达建设工地发生安全事故", json.get("title").asText());
        assertTrue(json.get("text").asText().contains("脚手架坍塌事故"), json.toString());
        assertEquals("2026-11-24T14:52+08:00", json.get("publishedAt").asText());
        assertTrue(json.get("charset").asText().toUpperCase(java.util.Locale.ROOT).startsWith("GB"), json.toString());
        assertTrue(json.has("author"));
    }

    @Test
    void extractOfAMissingFileIsExitTwo() {
        Result r = run("", "extract", dir.resolve("nope.html").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void scoreReadsJsonLinesWithEntitiesAndReportsBadLines() throws Exception {
        String input = """
                {"id":"a","title":"青州鑫源食品有限公司致多名学生食物中毒","text":"西山区多名学生食用青州鑫源食品有限公司供应的午餐后出现食物中毒症状。","entities":["青州鑫源食品有限公司","青州云帆科技有限公司"]}
                {"id":"b","title":"云帆科技否认拖欠工资","text":"青州云帆科技有限公司否认拖欠员工工资，称不存在欠薪。","entities":["青州云帆科技有限公司"]}
                not json
                """;
        Result r = run(input, "score");
        assertEquals(2, r.code(), "a bad line makes the exit code 2 but the good lines are scored");
        assertTrue(r.err().contains("line 3: not valid JSON"), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(lines[0]);
        assertEquals("a", a.get("id").asText());
        assertTrue(a.get("negative").asBoolean());
        assertTrue(a.get("score").asInt() >= 40);
        assertEquals("青州鑫源食品有限公司", a.get("riskEntities").get(0).asText());
        assertEquals(1, a.get("riskEntities").size(), "the other company is not blamed");
        assertTrue(a.get("categories").toString().contains("food-safety"), a.toString());
        assertTrue(a.get("evidence").size() > 0);
        assertTrue(a.get("level").asText().matches("blue|yellow|orange|red"));
        JsonNode b = json.readTree(lines[1]);
        assertEquals(0, b.get("riskEntities").size(), "a denial is not arrears: " + b);
        assertEquals("none", b.get("level").asText());
    }

    @Test
    void watchlistImportThenExport() throws Exception {
        Path csv = dir.resolve("w.csv");
        Files.writeString(csv, "name,shortNames,district\n青州云帆科技有限公司,云帆科技;云帆,东湖区\n青州禾丰农业有限公司,禾丰农业,西山区\n",
                StandardCharsets.UTF_8);
        Result imported = run("", "watchlist", "import", csv.toString(), "--data", dir.resolve("data").toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("imported 2 enterprises"), imported.out());
        Result exported = run("", "watchlist", "export", "--data", dir.resolve("data").toString());
        assertEquals(0, exported.code(), exported.err());
        assertTrue(exported.out().contains("青州云帆科技有限公司,云帆科技;云帆"), exported.out());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "nmae,district\nx,y\n", StandardCharsets.UTF_8);
        Result refused = run("", "watchlist", "import", bad.toString(), "--data", dir.resolve("data").toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("unknown column 'nmae'"), refused.err());
    }

    @Test
    void userAddReadsOrGeneratesAPasswordAndTokenIsPrintedOnce() {
        String data = dir.resolve("data").toString();
        Result added = run("a long password\n", "user", "add", "li", "--role", "viewer", "--data", data);
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().contains("added user li (viewer)"), added.out());
        assertTrue(!added.out().contains("a long password"), "a password read from stdin is not echoed");
        Result generated = run("", "user", "add", "boss", "--role", "admin", "--generate", "--data", data);
        assertEquals(0, generated.code(), generated.err());
        assertTrue(generated.out().matches("(?s).*password: [A-Za-z0-9]{16}\\R.*"), generated.out());
        assertEquals(2, run("", "user", "add", "nopw", "--role", "viewer", "--data", data).code(), "never a default password");
        assertEquals(2, run("a long password\n", "user", "add", "li", "--role", "viewer", "--data", data).code(), "exists");
        assertEquals(2, run("a long password\n", "user", "add", "x", "--role", "root", "--data", data).code());
        Result token = run("", "user", "token", "li", "--data", data);
        assertEquals(0, token.code(), token.err());
        assertTrue(token.out().strip().startsWith("yq_"), token.out());
        assertEquals(2, run("", "user", "token", "ghost", "--data", data).code());
    }

    @Test
    void sourceTestFetchesOncePrintsExtractionAndStoresNothing() throws Exception {
        try (io.yuqing.app.demo.DemoSite site = io.yuqing.app.demo.DemoSite.start(java.time.Clock.systemUTC())) {
            Path config = dir.resolve("sources.yml");
            Files.writeString(config, """
                    dataDir: %s
                    crawler:
                      politenessDelay: 0ms
                    watchlist:
                      enterprises:
                        - name: 青州恒达建设集团有限公司
                          shortNames: [恒达建设]
                    sources:
                      - id: demo-list
                        kind: html-list
                        url: %s/news/list-1.html
                        linkPattern: '/news/\\d{8}/[a-z0-9-]+\\.html$'
                        allowPrivateNetwork: true
                    """.formatted(dir.resolve("data"), site.baseUrl()), StandardCharsets.UTF_8);
            Result r = run("", "source", "test", "demo-list", "--config", config.toString(), "--limit", "3");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("articles read: 3"), r.out());
            assertTrue(r.out().contains("published: 20"), r.out());
            assertTrue(r.out().contains("risk:"), r.out());
            assertTrue(Files.notExists(dir.resolve("data")), "nothing stored");
            Result missing = run("", "source", "test", "nope", "--config", config.toString());
            assertEquals(2, missing.code());
            assertTrue(missing.err().contains("no source 'nope'"), missing.err());
        }
    }

    @Test
    void sourcesAreAddedPausedResumedAndRemovedFromTheCommandLine() throws Exception {
        String data = dir.resolve("data").toString();
        Path definition = dir.resolve("feed.yml");
        Files.writeString(definition, """
                id: city-feed
                name: 市新闻网 RSS
                kind: rss
                url: https://news.example.cn/rss.xml
                every: 15m
                """, StandardCharsets.UTF_8);
        Result added = run("", "source", "add", "--file", definition.toString(), "--data", data);
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().contains("city-feed"), added.out());
        assertEquals(2, run("", "source", "add", "--file", definition.toString(), "--data", data).code(), "an id is added once");

        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, "id: x\nkind: rss\nurl: https://a.cn/rss\nevery: soon\n", StandardCharsets.UTF_8);
        Result invalid = run("", "source", "add", "--file", broken.toString(), "--data", data);
        assertEquals(2, invalid.code());
        assertTrue(invalid.err().contains("every") && invalid.err().contains(":4:"), invalid.err());

        assertEquals(0, run("", "source", "pause", "city-feed", "--data", data).code());
        Result list = run("", "source", "list", "--data", data);
        assertTrue(list.out().contains("city-feed") && list.out().contains("paused") && list.out().contains("added")
                && list.out().contains("15m"), list.out());
        assertEquals(0, run("", "source", "resume", "city-feed", "--data", data).code());
        assertTrue(run("", "source", "list", "--data", data).out().contains("active"));
        assertEquals(2, run("", "source", "pause", "nope", "--data", data).code());
        assertEquals(0, run("", "source", "remove", "city-feed", "--data", data).code());
        assertFalse(run("", "source", "list", "--data", data).out().contains("city-feed"));
    }

    @Test
    void evalEscalationExplainPrintsTheBreakdownAfterTheThreeMethodLines() {
        Result r = run("", "eval", "escalation", "--enterprises", "40", "--days", "5", "--seed", "3", "--explain");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].startsWith("poisson_tail recall="), r.out());
        assertTrue(lines[2].startsWith("mean_3sigma recall="), r.out());
        assertTrue(r.out().contains("## poisson_tail: bursts by kind"), r.out());
        assertTrue(r.out().contains("mean_3sigma chance_covered="), r.out());
        assertFalse(run("", "eval", "escalation", "--enterprises", "40", "--days", "5", "--seed", "3").out()
                .contains("chance_covered"), "the breakdown only when asked");
    }

    @Test
    void evalEscalationFrontierPrintsEachBandAndTheBestAllocations() {
        Result r = run("", "eval", "escalation", "--enterprises", "40", "--days", "5", "--seed", "3", "--frontier");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("## frontier: firing thresholds"), r.out());
        assertEquals(7, r.out().lines().filter(l -> l.startsWith("band ")).count(), r.out());
        assertTrue(r.out().contains("frontier best_recall"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("frontier best_p90 at recall>")
                && l.contains("mean_3sigma itself: p90_delay_min=")), r.out());
    }

    @Test
    void unknownCommandIsUsageError() {
        assertEquals(2, run("", "frobnicate").code());
    }
}
