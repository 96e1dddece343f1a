package io.yuqing.alerting.webhook;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.alerting.outbox.DispatchReport;
import io.yuqing.alerting.outbox.MailSender;
import io.yuqing.alerting.outbox.OutboxDispatcher;
import io.yuqing.alerting.outbox.SmtpMailSender;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.RoutingConfig;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.config.WebhookConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A grouped notification reaches a desk's chat robot as one post naming the group's alerts (a loopback receiver). */
class GroupedWebhookTest {
    @Test
    void oneJsonPostPerGroupNotification() throws Exception {
        try (Database db = TestDatabase.create(TestDatabases.Kind.H2);
             RobotServer robot = new RobotServer(r -> new RobotServer.Reply(200, "{}"))) {
            AdjustableClock clock = new AdjustableClock(Docs.T0);
            DeskConfig desk = new DeskConfig("publicity", "宣传部", List.of(), List.of(), RiskLevel.BLUE,
                    List.of(new WebhookConfig(WebhookConfig.Kind.JSON, robot.uri("/hooks/yuqing").toString(), "")));
            AlertingConfig alerting = new AlertingConfig(Duration.ofSeconds(30), 3);
            AlertService service = new AlertService(db.dataSource(), List.of(desk), "https://yq.example.gov.cn", alerting,
                    clock, new SimpleMeterRegistry(), id -> false, List.of(YuqingConfig.defaultItemRule()),
                    new RoutingConfig(List.of("publicity"), List.of("enterprise"), Duration.ofMinutes(1), null, null, List.of()),
                    id -> Optional.empty());
            MailSender noMail = new SmtpMailSender(new SmtpConfig("", 25, "yuqing@example.gov.cn", "", "", SmtpConfig.Security.NONE,
                    Duration.ofSeconds(5)), clock);
            OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), noMail,
                    new ConfiguredWebhooks(List.of(desk), clock, Duration.ofSeconds(5)), alerting, clock, new SimpleMeterRegistry());
            for (String title : List.of("云帆拖欠工资", "云帆员工讨薪", "云帆停工")) {
                service.process(Docs.scored("https://news.example.cn/w/" + title.hashCode() + ".html", title, 60,
                        RiskLevel.YELLOW, List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID)));
            }
            assertEquals(0, service.notifyGroups());
            clock.advance(Duration.ofMinutes(1));
            assertEquals(1, service.notifyGroups());
            DispatchReport report = dispatcher.dispatchDue();
            assertEquals(1, report.sent(), report.toString());
            assertEquals(1, robot.received.size());
            String body = robot.received.getFirst().body();
            assertTrue(body.contains("云帆拖欠工资") && body.contains("云帆员工讨薪") && body.contains("云帆停工"), body);
            assertTrue(body.contains("3 条新预警"), body);
            // The group (by enterprise) as people read it: the enterprise's name, not the id it is keyed by.
            assertTrue(body.contains("\"label\":\"分组\",\"value\":\"宣传部；企业：青州云帆科技有限公司\""), body);
            assertFalse(body.contains(Docs.YUNFAN_ID), body);
        }
    }
}
