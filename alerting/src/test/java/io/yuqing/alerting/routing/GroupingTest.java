package io.yuqing.alerting.routing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.OutboxRows;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.alerting.outbox.OutboxDispatcher;
import io.yuqing.alerting.outbox.SmtpMailSender;
import io.yuqing.alerting.review.ReviewService;
import io.yuqing.alerting.silence.SilenceMatchers;
import io.yuqing.alerting.silence.SilenceService;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.QuietHoursConfig;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.time.AdjustableClock;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Grouping like Alertmanager, driven by a test clock on H2 and a real PostgreSQL with mail into GreenMail: one mail per
 * group after group wait, additions after group interval, reminders after repeat interval, durable across a restart,
 * with silences, inhibition and quiet hours still applied.
 */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.EnumSource(TestDatabases.Kind.class)
class GroupingTest {
    @org.junit.jupiter.params.Parameter
    TestDatabases.Kind kind;
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    Database db;
    AdjustableClock clock;
    OutboxDispatcher dispatcher;
    YuqingConfig config;
    int urls;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        SmtpConfig smtp = new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(), "yuqing@example.gov.cn", "", "",
                SmtpConfig.Security.NONE, Duration.ofSeconds(5));
        dispatcher = new OutboxDispatcher(db.dataSource(), new SmtpMailSender(smtp, clock),
                new AlertingConfig(Duration.ofSeconds(30), 3), clock, new SimpleMeterRegistry());
        config = new ConfigLoader().load("""
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                    webhooks:
                      - kind: json
                        url: http://127.0.0.1:1/hook
                  - id: united
                    name: 统战部
                    recipients: [tz@example.gov.cn]
                routing:
                  groupBy: [enterprise]
                  groupWait: 2m
                  groupInterval: 10m
                  repeatInterval: 4h
                  routes:
                    - name: 红色立即
                      matchers: ["level=red"]
                      receivers: [united]
                      groupBy: [alert]
                      groupWait: 0s
                      repeatInterval: 0s
                      continue: true
                    - name: 宣传部汇总
                      receivers: [publicity]
                """, "g.yml");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    AlertService service(AlertingConfig alerting, java.util.function.Predicate<String> escalated) {
        return new AlertService(db.dataSource(), config.desks(), "https://yq.example.gov.cn", alerting, clock,
                new SimpleMeterRegistry(), escalated, config.rules(), config.routing(), id -> Optional.empty());
    }

    AlertService service() {
        return service(new AlertingConfig(Duration.ofSeconds(30), 3), id -> false);
    }

    List<Alert> raise(AlertService s, String title, RiskLevel level, String enterpriseId) {
        return s.process(Docs.scored("https://news.example.cn/g/" + (++urls) + ".html", title, 60, level,
                List.of(RiskCategory.WAGE_ARREARS), List.of(enterpriseId)));
    }

    List<String> mailKeys() throws Exception {
        return OutboxRows.keys(db).stream().filter(k -> !k.contains(":webhook:")).toList();
    }

    @Test
    void alertsWithinGroupWaitGoOutAsOneMailAndLaterOnesAfterGroupInterval() throws Exception {
        AlertService s = service();
        raise(s, "云帆拖欠工资<script>", RiskLevel.YELLOW, Docs.YUNFAN_ID);
        clock.advance(Duration.ofSeconds(40));
        raise(s, "云帆员工讨薪", RiskLevel.YELLOW, Docs.YUNFAN_ID);
        raise(s, "禾欣欠薪", RiskLevel.BLUE, Docs.HEXIN_ID);
        clock.advance(Duration.ofSeconds(50));
        raise(s, "云帆欠薪续报", RiskLevel.ORANGE, Docs.YUNFAN_ID);

        assertEquals(0, s.notifyGroups(), "the first group's wait has not passed");
        assertEquals(List.of(), mailKeys());
        clock.set(Docs.T0.plus(Duration.ofMinutes(2)));
        assertEquals(1, s.notifyGroups(), "云帆's group is due; 禾欣's joined 40 s later");
        clock.set(Docs.T0.plus(Duration.ofSeconds(160)));
        assertEquals(1, s.notifyGroups());
        assertEquals(0, s.notifyGroups(), "nothing twice");

        assertEquals(2, dispatcher.dispatchDue().sent(), "one mail per group (this dispatcher leaves webhook rows alone)");
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        MimeMessage yunfan = find("青州云帆");
        assertEquals("【橙色预警】3 条新预警：青州云帆科技有限公司", yunfan.getSubject());
        String html = (String) ((MimeMultipart) yunfan.getContent()).getBodyPart(1).getContent();
        assertTrue(html.contains("云帆拖欠工资&lt;script&gt;") && !html.contains("<script>"), "escaped: " + html);
        assertTrue(html.contains("云帆员工讨薪") && html.contains("云帆欠薪续报"), html);
        // The group by enterprise is named after the enterprise, not its id (the key stays the id).
        assertTrue(html.contains("分组：宣传部汇总；企业：青州云帆科技有限公司</p>"), html);
        assertFalse(html.contains(Docs.YUNFAN_ID), html);
        String text = (String) ((MimeMultipart) yunfan.getContent()).getBodyPart(0).getContent();
        assertTrue(text.contains("\n分组：宣传部汇总；企业：青州云帆科技有限公司\n"), text);
        assertEquals(3, html.split("<b>新增</b>", -1).length - 1, html);
        long webhookRows = OutboxRows.keys(db).stream().filter(k -> k.contains(":webhook:")).count();
        assertEquals(2, webhookRows, "one webhook post per group too");

        // A later addition waits for the group interval after the first notification (at 2m: next at 12m).
        clock.set(Docs.T0.plus(Duration.ofMinutes(5)));
        raise(s, "云帆又一报道", RiskLevel.BLUE, Docs.YUNFAN_ID);
        assertEquals(0, s.notifyGroups());
        clock.set(Docs.T0.plus(Duration.ofMinutes(12)));
        assertEquals(1, s.notifyGroups());
        dispatcher.dispatchDue();
        assertTrue(greenMail.waitForIncomingEmail(5000, 3));
        MimeMessage second = greenMail.getReceivedMessages()[2];
        assertEquals("【蓝色预警】1 条新预警：青州云帆科技有限公司", second.getSubject());
        String secondHtml = (String) ((MimeMultipart) second.getContent()).getBodyPart(1).getContent();
        assertEquals(1, secondHtml.split("<b>新增</b>", -1).length - 1, "lists all four, marks the one new");
        assertTrue(secondHtml.contains("云帆拖欠工资"), secondHtml);
    }

    @Test
    void openUnchangedGroupsAreRemindedAfterRepeatIntervalUntilClosed() throws Exception {
        AlertService s = service();
        List<Alert> a = raise(s, "云帆拖欠工资", RiskLevel.YELLOW, Docs.YUNFAN_ID);
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, s.notifyGroups());
        clock.advance(Duration.ofHours(3));
        assertEquals(0, s.notifyGroups());
        clock.advance(Duration.ofHours(1));
        assertEquals(1, s.notifyGroups(), "4 h after the notification");
        dispatcher.dispatchDue();
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        assertEquals("【提醒】【黄色预警】1 条预警未办结：青州云帆科技有限公司", greenMail.getReceivedMessages()[1].getSubject());

        ReviewService reviews = new ReviewService(db.dataSource(), clock, Duration.ofDays(30));
        reviews.acknowledge(a.getFirst().id(), "tester", "已确认");
        reviews.resolve(a.getFirst().id(), "tester", "已处置");
        clock.advance(Duration.ofHours(4));
        assertEquals(0, s.notifyGroups(), "closed: no reminder");
        assertEquals(2, mailKeys().size(), "two mails in all");
    }

    @Test
    void aRestartNeitherLosesNorRepeatsAGroupNotification() throws Exception {
        AlertService before = service();
        raise(before, "云帆拖欠工资", RiskLevel.YELLOW, Docs.YUNFAN_ID);
        raise(before, "云帆讨薪", RiskLevel.YELLOW, Docs.YUNFAN_ID);
        clock.advance(Duration.ofMinutes(3));

        AlertService after = service();
        assertEquals(1, after.notifyGroups(), "the group survived the restart");
        AlertService again = service();
        assertEquals(0, again.notifyGroups(), "and is not notified twice");
        assertEquals(1, mailKeys().size());
        assertTrue(mailKeys().getFirst().startsWith("group:"), mailKeys().toString());
    }

    @Test
    void redGoesOutAtOnceThroughItsOwnRouteAndContinuesIntoTheGroup() throws Exception {
        AlertService s = service();
        Alert red = raise(s, "云帆重大事故", RiskLevel.RED, Docs.YUNFAN_ID).getFirst();
        assertEquals(List.of("united", "publicity"), red.deskIds());
        assertEquals(List.of("alert:" + red.id() + ":desk:united"), mailKeys(), "per alert, no wait");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, s.notifyGroups());
        assertEquals(2, mailKeys().size());
    }

    @Test
    void silencesInhibitionAndQuietHoursStillApply() throws Exception {
        new SilenceService(db.dataSource(), clock).create(SilenceMatchers.enterprise(Docs.HEXIN_ID), "tester", "已核实",
                clock.instant(), clock.instant().plus(Duration.ofHours(1)));
        AlertService s = service();
        raise(s, "禾欣欠薪", RiskLevel.YELLOW, Docs.HEXIN_ID);
        AlertService escalated = service(new AlertingConfig(Duration.ofSeconds(30), 3), id -> id.equals(Docs.BYSTANDER_ID)
                || id.equals(Docs.YUNFAN_ID));
        raise(escalated, "云帆欠薪", RiskLevel.YELLOW, Docs.YUNFAN_ID);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(0, s.notifyGroups(), "the silenced and the inhibited alert joined no group");

        // 23:30 in Shanghai, quiet hours 22:00–07:00 below orange: the group's mail waits until 07:00.
        AlertingConfig night = new AlertingConfig(Duration.ofSeconds(30), 3, null, null, ZoneId.of("Asia/Shanghai"),
                new QuietHoursConfig(LocalTime.of(22, 0), LocalTime.of(7, 0), RiskLevel.ORANGE), null, null, null);
        Instant lateEvening = Instant.parse("2026-11-02T15:30:00Z");
        clock.set(lateEvening);
        AlertService quiet = service(night, id -> false);
        raise(quiet, "云帆深夜报道", RiskLevel.YELLOW, Docs.YUNFAN_ID);
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, quiet.notifyGroups());
        OutboxRows.Row row = OutboxRows.all(db).stream().filter(r -> r.key().startsWith("group:")
                && !r.key().contains(":webhook:")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-11-02T23:00:00Z"), row.due(), "07:00 Asia/Shanghai");
        assertFalse(dispatcher.dispatchDue().sent() > 0, "nothing due before morning");
    }

    AlertService renotifying() {
        return service(new AlertingConfig(Duration.ofSeconds(30), 3, null, null, null, null, Duration.ofMinutes(30),
                List.of("zhiban@example.gov.cn"), null), id -> false);
    }

    /**
     * The red re-notification follows the routing: united got the red alert on its own and gets the reminder mail (with
     * the second recipient); publicity has it in its 云帆 group and gets that group's next notification instead, the
     * red alert marked overdue and a member still waiting for the group interval listed as new. Numbered on from the
     * group's notifications, so neither a restart nor the group's own schedule sends it again.
     */
    @Test
    void aRedReminderGoesThroughTheGroupHoldingTheAlertAndToTheSecondRecipient() throws Exception {
        AlertService s = renotifying();
        Alert yellow = raise(s, "云帆拖欠工资", RiskLevel.YELLOW, Docs.YUNFAN_ID).getFirst();
        Alert red = raise(s, "云帆重大事故<b>", RiskLevel.RED, Docs.YUNFAN_ID).getFirst();
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, s.notifyGroups());
        String first = mailKeys().stream().filter(k -> k.startsWith("group:")).findFirst().orElseThrow();
        long groupId = Long.parseLong(first.split(":")[1]);
        assertEquals("group:" + groupId + ":1:desk:publicity", first);

        clock.set(Docs.T0.plus(Duration.ofMinutes(30)));
        Alert blue = raise(s, "云帆后续报道", RiskLevel.BLUE, Docs.YUNFAN_ID).getFirst();
        clock.set(Docs.T0.plus(Duration.ofMinutes(31)));
        assertEquals(List.of(red.id()), s.renotifyDue().stream().map(Alert::id).toList());

        List<OutboxRows.Row> rows = OutboxRows.all(db);
        OutboxRows.Row own = rows.stream().filter(r -> r.key().equals("alert:" + red.id() + ":renotify")).findFirst()
                .orElseThrow();
        assertEquals(List.of("tz@example.gov.cn", "zhiban@example.gov.cn"), own.recipients(),
                "the per-alert desk and the second recipient; publicity hears it through its group");
        String groupKey = "group:" + groupId + ":2:desk:publicity";
        OutboxRows.Row viaGroup = rows.stream().filter(r -> r.key().equals(groupKey)).findFirst().orElseThrow();
        assertEquals(List.of("xc@example.gov.cn"), viaGroup.recipients());
        assertEquals("【再次提醒】【红色预警】青州云帆科技有限公司：云帆重大事故<b>（本组 3 条未办结）", viaGroup.subject());
        assertTrue(viaGroup.textBody().contains("分组：宣传部汇总；企业：青州云帆科技有限公司"), viaGroup.textBody());
        assertTrue(viaGroup.textBody().contains("[超时未确认] 【红色预警】") && viaGroup.textBody().contains("[新增] 【蓝色预警】")
                && viaGroup.textBody().contains("已超过 31 分钟"), viaGroup.textBody());
        assertTrue(rows.stream().anyMatch(r -> r.key().equals(groupKey + ":webhook:0")), "the desk's chat group too");
        assertFalse(rows.stream().anyMatch(r -> r.key().startsWith("alert:" + red.id() + ":renotify:desk:publicity")),
                "no separate per-alert reminder for a grouped desk");

        ReviewService reviews = new ReviewService(db.dataSource(), clock, Duration.ofDays(30));
        assertTrue(reviews.history(red.id()).stream().anyMatch(a -> a.action().equals("renotify")
                && a.note().contains("分组提醒：宣传部（分组 #" + groupId + "）")));
        assertTrue(reviews.history(yellow.id()).stream().anyMatch(a -> a.action().equals("group_reminder")));
        assertTrue(reviews.history(blue.id()).stream().anyMatch(a -> a.action().equals("group_notified")));

        // What the alert page shows: the one group (united got it on its own), when it went out, the others.
        List<GroupMembership> groups = s.queries().groupsOf(red.id());
        assertEquals(1, groups.size(), groups.toString());
        GroupMembership g = groups.getFirst();
        assertEquals(List.of(groupId, "publicity", "宣传部汇总", "enterprise=" + Docs.YUNFAN_ID),
                List.of(g.groupId(), g.deskId(), g.routeName(), g.groupKey()));
        assertEquals(List.of(new GroupLabels.Label("enterprise", List.of(Docs.YUNFAN_ID), List.of("青州云帆科技有限公司"))),
                g.labels().labels(), "the stored id for programs, the name for people");
        assertEquals("宣传部汇总；企业：青州云帆科技有限公司", g.describe());
        assertEquals(1, g.notifiedIn());
        assertEquals(Docs.T0.plus(Duration.ofMinutes(2)), g.notifiedAt());
        assertEquals(2, g.notifications());
        assertEquals(Docs.T0.plus(Duration.ofMinutes(31)).plus(Duration.ofHours(4)), g.nextAt());
        assertEquals(List.of(blue.id(), yellow.id()), g.others().stream().map(GroupMembership.Member::alertId).toList(),
                "newest first");
        assertEquals(2, g.others().getFirst().notifiedIn(), "the blue alert went out in the reminder");
        assertEquals(2, g.otherCount());

        // A restart neither repeats the reminder nor lets the group re-announce the blue alert it listed.
        AlertService after = renotifying();
        assertEquals(List.of(), after.renotifyDue());
        assertEquals(0, after.notifyGroups(), "the blue alert was in the reminder");
        clock.set(Docs.T0.plus(Duration.ofMinutes(31)).plus(Duration.ofHours(4)));
        assertEquals(1, after.notifyGroups(), "the repeat interval runs from the reminder");
        assertTrue(OutboxRows.keys(db).contains("group:" + groupId + ":3:desk:publicity"), OutboxRows.keys(db).toString());

        dispatcher.dispatchDue();
        assertTrue(greenMail.waitForIncomingEmail(5000, 5));
        MimeMessage grouped = java.util.Arrays.stream(greenMail.getReceivedMessages())
                .filter(x -> {
                    try {
                        return x.getSubject().contains("本组 3 条未办结");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new AssertionError(e);
                    }
                }).findFirst().orElseThrow();
        String html = (String) ((MimeMultipart) grouped.getContent()).getBodyPart(1).getContent();
        assertTrue(html.contains("云帆重大事故&lt;b&gt;") && !html.contains("事故<b>"), "escaped: " + html);
        assertEquals(1, html.split("<b>超时未确认</b>", -1).length - 1, html);
    }

    @Test
    void aDeskThatSilencedTheEnterpriseSinceIsNotRemindedTheSecondRecipientIs() throws Exception {
        AlertService s = renotifying();
        Alert red = raise(s, "云帆重大事故", RiskLevel.RED, Docs.YUNFAN_ID).getFirst();
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, s.notifyGroups());
        new SilenceService(db.dataSource(), clock).create(SilenceMatchers.enterprise(Docs.YUNFAN_ID), "tester", "已核实",
                clock.instant(), clock.instant().plus(Duration.ofHours(1)));
        int before = OutboxRows.all(db).size();
        clock.advance(Duration.ofMinutes(30));

        assertEquals(List.of(red.id()), s.renotifyDue().stream().map(Alert::id).toList());

        List<OutboxRows.Row> added = OutboxRows.all(db).subList(before, OutboxRows.all(db).size());
        assertEquals(List.of("alert:" + red.id() + ":renotify"), added.stream().map(OutboxRows.Row::key).toList());
        assertEquals(List.of("zhiban@example.gov.cn"), added.getFirst().recipients());
        assertTrue(new ReviewService(db.dataSource(), clock, Duration.ofDays(30)).history(red.id()).stream()
                .anyMatch(a -> a.action().equals("renotify") && a.note().contains("未提醒（静默或已不在分组中）：宣传部、统战部")));
    }

    private static MimeMessage find(String subjectPart) throws Exception {
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (m.getSubject().contains(subjectPart)) {
                return m;
            }
        }
        throw new AssertionError("no mail about " + subjectPart);
    }
}
