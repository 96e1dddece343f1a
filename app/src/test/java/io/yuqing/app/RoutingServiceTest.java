package io.yuqing.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.time.AdjustableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service wired with rules and a routing tree: the district label comes from the watchlist, a keyword watch's desk
 * label routes, grouped alerts go out as one mail from the delivery loop after group wait, and a restart sends nothing
 * twice.
 */
class RoutingServiceTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void groupedAlertsGoOutAsOneMailFromTheDeliveryLoop() throws Exception {
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                smtp:
                  host: 127.0.0.1
                  port: %d
                  from: yuqing@example.gov.cn
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                  - id: united
                    name: 统战部
                    recipients: [tz@example.gov.cn]
                watchlist:
                  enterprises:
                    - name: 青州牧歌乳业有限公司
                      shortNames: [牧歌乳业]
                      district: 东湖区
                    - name: 青州恒达建设集团有限公司
                      shortNames: [恒达建设]
                      district: 西山区
                rules:
                  - id: item-threshold
                    kind: item-threshold
                  - id: closure
                    kind: keyword-watch
                    required: [停产]
                    level: yellow
                    labels: {desk: united}
                routing:
                  groupBy: [enterprise]
                  groupWait: 2m
                  routes:
                    - name: 东湖区
                      matchers: ["district=东湖区"]
                      receivers: [publicity]
                    - name: 停产关注
                      matchers: ["desk=united"]
                      receivers: [united]
                      groupBy: [alert]
                      groupWait: 0s
                """.formatted(dir.resolve("data"), greenMail.getSmtp().getPort()), "test.yml");
        AdjustableClock clock = new AdjustableClock(Instant.now());
        try (ServiceFixture app = ServiceFixture.on(config).clock(clock).start()) {
            YuqingService service = app.service();
            app.accept("https://news.example.cn/a/1.html", "牧歌乳业被曝拖欠工资 工人聚集讨薪",
                    "多名员工反映青州牧歌乳业有限公司拖欠工资三个月，工人聚集讨薪。");
            app.accept("https://daily.example.cn/a/2.html", "牧歌乳业鲜奶抽检不合格",
                    "市场监管部门通报，青州牧歌乳业有限公司生产的鲜奶抽检不合格，菌落总数超标。");
            app.accept("https://news.example.cn/a/3.html", "恒达建设工地停产",
                    "青州恒达建设集团有限公司一处工地今日停产整顿。");
            List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 10);
            assertEquals(3, alerts.size(), alerts.toString());
            assertTrue(alerts.stream().filter(a -> a.enterpriseName().contains("牧歌")).allMatch(a -> a.deskIds().equals(List.of("publicity"))),
                    "district from the watchlist: " + alerts);
            assertTrue(alerts.stream().filter(a -> a.enterpriseName().contains("恒达")).allMatch(a -> a.deskIds().equals(List.of("united"))),
                    "the keyword watch's desk label: " + alerts);

            service.deliverDueMail();
            assertTrue(greenMail.waitForIncomingEmail(5000, 1));
            assertEquals(1, greenMail.getReceivedMessages().length, "恒达 at once; 牧歌's group waits");
            clock.advance(Duration.ofMinutes(2));
            service.deliverDueMail();
            assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        }
        try (YuqingService restarted = YuqingService.open(config, clock, ServiceRunner.newRegistry())) {
            clock.advance(Duration.ofMinutes(30));
            restarted.deliverDueMail();
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(2, received.length, "nothing again after the restart");
        MimeMessage group = received[1];
        assertEquals("xc@example.gov.cn", group.getAllRecipients()[0].toString());
        assertTrue(group.getSubject().contains("2 条新预警：青州牧歌乳业有限公司"), group.getSubject());
    }
}
