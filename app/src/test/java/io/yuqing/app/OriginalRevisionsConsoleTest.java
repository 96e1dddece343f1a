package io.yuqing.app;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentRevision;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edits and deletions (删帖) of an alerted article's original are recorded once each and shown on the alert page next
 * to the stored copy, which stays as it was; the deletion also stands in the alert's timeline.
 */
class OriginalRevisionsConsoleTest {
    @TempDir
    Path dir;

    private static final String TEXT = "近日，多名员工反映青州恒达建设集团有限公司拖欠工资三个月，涉及农民工八十余人。"
            + "劳动监察部门已介入调查，责令公司限期支付。";

    @Test
    void theAlertPageShowsTheOriginalWasEditedThenDeletedAndKeepsTheStoredText() throws Exception {
        YuqingConfig config = ServiceFixture.publicityDeskWatching(dir.resolve("data"), "青州恒达建设集团有限公司", "恒达建设");
        // 2024-11-25 02:00 UTC is 10:00 in Asia/Shanghai, the time staff read.
        AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-25T02:00:00Z"));
        try (ServiceFixture app = ServiceFixture.on(config).clock(clock).viewer().start()) {
            YuqingService service = app.service();
            Instant fetched = clock.instant();
            Document doc = new Document(null, "https://news.example.cn/a/1.html", "news", "恒达建设拖欠农民工工资",
                    TEXT, "", "", fetched, fetched);
            service.pipeline().accept(doc);
            Alert alert = service.alerts().list(AlertFilter.all(), 0, 1).getFirst();
            ConsoleClient viewer = app.loggedIn("viewer");
            String before = viewer.get("/alerts/" + alert.id()).body();
            assertFalse(before.contains("原文已删除") || before.contains("原文已修改"), "nothing to say before a re-check");

            Instant editedAt = Instant.parse("2024-11-25T03:01:00Z");
            service.pipeline().revised(new DocumentRevision(doc.id(), doc.url(), "news", DocumentRevision.Kind.EDITED,
                    editedAt, "abc123", "删去 1 句，新增 1 句。 新增：「<script>alert(1)</script>公司称已补发」"));
            String edited = viewer.get("/alerts/" + alert.id()).body();
            assertTrue(edited.contains("原文已修改 (2024-11-25 11:01)"), edited);
            assertTrue(edited.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !edited.contains("<script>alert(1)"),
                    "what changed is crawled text: escaped");

            Instant deletedAt = Instant.parse("2024-11-26T02:12:00Z");
            DocumentRevision deletion = new DocumentRevision(doc.id(), doc.url(), "news", DocumentRevision.Kind.DELETED,
                    deletedAt, "", "HTTP 404 from https://news.example.cn/a/1.html");
            service.pipeline().revised(deletion);
            service.pipeline().revised(deletion);
            assertEquals(2, service.revisions().of(doc.id()).size(), "a revision reported twice is recorded once");

            String page = viewer.get("/alerts/" + alert.id()).body();
            assertTrue(page.contains("原文已删除 (2024-11-26 10:12)"), page);
            String stored = page.substring(page.indexOf("原文留存"));
            assertTrue(stored.indexOf("原文已删除") < stored.indexOf("doc-text"), "the notice stands above the stored copy");
            assertTrue(stored.contains("劳动监察部门已介入调查"), "the stored text is shown as it was");
            String timeline = page.substring(page.indexOf("处理记录"), page.indexOf("原文留存"));
            assertTrue(timeline.contains("原文已删除") && timeline.contains("原文已修改"), timeline);
            assertEquals(doc.text(), service.store().get(doc.id()).orElseThrow().document().text(), "the index keeps the text");
        }
    }

    @Test
    void revisionsAreKeptAcrossARestart() throws Exception {
        YuqingConfig config = new ConfigLoader().load("dataDir: " + dir.resolve("data2"), "test.yml");
        Instant at = Instant.parse("2024-11-25T02:00:00Z");
        DocumentRevision r = new DocumentRevision("doc1", "https://x.example.cn/1.html", "s", DocumentRevision.Kind.DELETED,
                at, "", "HTTP 410");
        try (YuqingService service = YuqingService.open(config, new AdjustableClock(at), ServiceRunner.newRegistry())) {
            service.pipeline().revised(r);
        }
        try (YuqingService service = YuqingService.open(config, new AdjustableClock(at.plus(Duration.ofHours(1))),
                ServiceRunner.newRegistry())) {
            assertEquals(List.of(r), service.revisions().of("doc1"));
        }
    }
}
