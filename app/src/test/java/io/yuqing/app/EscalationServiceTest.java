package io.yuqing.app;

import io.yuqing.alerting.outbox.OutboxQueries;
import io.yuqing.app.escalation.EscalationMonitor;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of risky reports about one quiet enterprise escalates once, tells the desks through the outbox (mail and
 * the desk's webhook; delivery of escalation posts to real robots is FollowUpWebhooksTest's), survives a
 * restart without being announced again, and calms down after the quiet period. Time moves by the test clock.
 */
class EscalationServiceTest {
    @TempDir
    Path dir;

    @Test
    void aBurstEscalatesOnceAndCalmsDown() throws Exception {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-20T02:00:00Z"));
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                    webhooks:
                      - kind: json
                        url: http://127.0.0.1:9/hook
                watchlist:
                  enterprises:
                    - name: 青州瑞丰化工有限公司
                      shortNames: [瑞丰化工]
                """.formatted(dir.resolve("data")), "test.yml");
        try (YuqingService service = YuqingService.open(config, clock, ServiceRunner.newRegistry())) {
            for (int i = 0; i < 9; i++) {
                clock.advance(Duration.ofMinutes(3));
                service.pipeline().accept(new Document(null, "https://site" + (i % 3) + ".example.cn/a/" + i + ".html",
                        "src" + (i % 3), "瑞丰化工厂区发生爆炸事故 第" + i + "报",
                        "青州瑞丰化工有限公司厂区今日发生爆炸事故，造成多人受伤，现场浓烟滚滚。消息" + i + "。", "", "", clock.instant(), clock.instant()));
            }
            List<EscalationMonitor.Escalation> escalations = service.escalations().recent(10);
            // One story, one escalation: the safety-accident category is announced (it routes to its desks); the
            // enterprise overall fires silently, so it still counts as escalating (item alerts are held back).
            assertEquals(1, escalations.size(), escalations.toString());
            assertTrue(escalations.getFirst().open() && escalations.getFirst().category() != null, escalations.toString());
            assertTrue(service.escalations().isEscalated(escalations.getFirst().enterpriseId()));
            long firings = escalations.size();
            var mails = new OutboxQueries(service.database().dataSource()).recent(100).stream()
                    .filter(m -> m.idempotencyKey().startsWith("escalation:")).toList();
            assertEquals(firings, mails.stream().filter(m -> !m.idempotencyKey().contains(":webhook:")).count(),
                    "one mail per firing to the one desk");
            assertEquals(firings, mails.stream().filter(m -> m.idempotencyKey().endsWith(":webhook:0")).count(),
                    "and one post per firing to the desk's webhook");
            assertTrue(mails.stream().allMatch(m -> m.subject().startsWith("【事件升级】青州瑞丰化工有限公司")),
                    mails.toString());
        }
        long before;
        try (YuqingService service = YuqingService.open(config, clock, ServiceRunner.newRegistry())) {
            before = service.escalations().recent(10).size();
            clock.advance(Duration.ofMinutes(5));
            service.checkEscalations();
            assertEquals(before, service.escalations().recent(10).size(), "a restart announces nothing again");
            // Calm means every window (up to 12 h) is quiet, then 6 more quiet hours.
            for (int h = 0; h < 20; h++) {
                clock.advance(Duration.ofHours(1));
                service.checkEscalations();
            }
            assertTrue(service.escalations().recent(10).stream().noneMatch(EscalationMonitor.Escalation::open),
                    "calm for hours: resolved " + service.escalations().recent(10));
        }
    }
}
