package io.yuqing.alerting.rules;

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
import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.core.time.AdjustableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule kind on H2 and a real PostgreSQL, live through AlertService (and for source-silent, through mail). */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.EnumSource(TestDatabases.Kind.class)
class AlertRulesTest {
    @org.junit.jupiter.params.Parameter
    TestDatabases.Kind kind;
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    static final DeskConfig PUBLICITY = new DeskConfig("publicity", "宣传部", List.of("xc@example.gov.cn"),
            List.of(), RiskLevel.BLUE);

    Database db;
    AdjustableClock clock;
    OutboxDispatcher dispatcher;
    int urls;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        SmtpConfig smtp = new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(), "yuqing@example.gov.cn", "", "",
                SmtpConfig.Security.NONE, Duration.ofSeconds(5));
        dispatcher = new OutboxDispatcher(db.dataSource(), new SmtpMailSender(smtp, clock),
                new AlertingConfig(Duration.ofSeconds(30), 3), clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    AlertService service(AlertRuleConfig... rules) {
        return new AlertService(db.dataSource(), List.of(PUBLICITY), "https://yq.example.gov.cn",
                new AlertingConfig(Duration.ofSeconds(30), 3), clock, new SimpleMeterRegistry(), e -> false, List.of(rules));
    }

    /** A risky item about 云帆 on a site at the clock's time. */
    ScoredDocument item(String site, String title, int score, RiskLevel level, RiskCategory... categories) {
        return item(site, title, "正文。" + title, score, level, List.of(Docs.YUNFAN_ID), categories);
    }

    ScoredDocument item(String site, String title, String text, int score, RiskLevel level, List<String> riskEntities,
                        RiskCategory... categories) {
        Instant now = clock.instant();
        Document d = new Document(null, "https://" + site + "/a/" + (++urls) + ".html", "feed", title, text, "", "",
                now, now);
        List<Evidence> evidence = new ArrayList<>();
        for (RiskCategory c : categories) {
            evidence.add(new Evidence(c.label(), c, "句子提到" + c.label() + "。", false));
        }
        return new ScoredDocument(d, List.of(new Mention(Docs.YUNFAN_ID, Docs.YUNFAN, 1, true),
                new Mention(Docs.HEXIN_ID, Docs.HEXIN, 1, false)),
                new RiskAssessment(score, level, List.of(categories), evidence, riskEntities));
    }

    @Test
    void itemThresholdIsTodaysBehaviourAndHonoursMinScoreAndFixedLevel() {
        AlertService defaults = service(new AlertRuleConfig.ItemThreshold("item-threshold", null, null, null, null, null));
        Alert a = defaults.process(item("a.cn", "云帆讨薪", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS)).getFirst();
        assertEquals(RiskLevel.BLUE, a.level(), "the item's own level");

        AlertService strict = service(new AlertRuleConfig.ItemThreshold("high", true, null, 70, null, RiskLevel.RED));
        assertEquals(List.of(), strict.process(item("a.cn", "云帆讨薪", 65, RiskLevel.YELLOW, RiskCategory.WAGE_ARREARS)));
        Alert red = strict.process(item("a.cn", "云帆停工", 72, RiskLevel.ORANGE, RiskCategory.WAGE_ARREARS)).getFirst();
        assertEquals(RiskLevel.RED, red.level(), "fixed level of the rule");
        assertEquals("high", ruleIds(red.id()));
    }

    @Test
    void disabledRulesDoNotFire() {
        AlertService off = service(new AlertRuleConfig.ItemThreshold("item-threshold", false, null, null, null, null));
        assertEquals(List.of(), off.process(item("a.cn", "云帆讨薪", 90, RiskLevel.RED, RiskCategory.WAGE_ARREARS)));
    }

    @Test
    void newCategoryFiresOnTheFirstItemOfACategoryAfterTheQuietPeriodAcrossRestarts() {
        var rule = new AlertRuleConfig.NewCategory("first-food", true, Map.of("desk", "market"), Duration.ofDays(10),
                null, List.of(RiskCategory.FOOD_SAFETY), RiskLevel.ORANGE);
        AlertService service = service(rule);
        List<Alert> first = service.process(item("a.cn", "云帆食堂食物中毒", 50, RiskLevel.BLUE, RiskCategory.FOOD_SAFETY));
        assertEquals(1, first.size());
        assertEquals(RiskLevel.ORANGE, first.getFirst().level());
        assertEquals(List.of(), service.process(item("a.cn", "云帆欠薪", 60, RiskLevel.YELLOW, RiskCategory.WAGE_ARREARS)),
                "not a watched category");

        clock.advance(Duration.ofDays(3));
        AlertService restarted = service(rule);
        assertEquals(List.of(), restarted.process(item("b.cn", "云帆食堂再曝问题", 50, RiskLevel.BLUE,
                RiskCategory.FOOD_SAFETY)), "food safety was seen 3 days ago, also by the service before the restart");

        clock.advance(Duration.ofDays(11));
        assertEquals(1, restarted.process(item("c.cn", "云帆食品抽检不合格", 50, RiskLevel.BLUE, RiskCategory.FOOD_SAFETY))
                .size(), "quiet for 11 days: new again");
    }

    @Test
    void spreadFiresOncePerLevelCrossingOfDistinctSites() {
        var rule = new AlertRuleConfig.Spread("spreading", true, null, AlertRuleConfig.Spread.Measure.SOURCES,
                Duration.ofHours(24), Map.of(RiskLevel.YELLOW, 2, RiskLevel.RED, 3));
        AlertService service = service(rule);
        assertEquals(List.of(), service.process(item("a.cn", "云帆讨薪", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS)));
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), service.process(item("a.cn", "云帆讨薪续", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS)),
                "the same site again");
        clock.advance(Duration.ofHours(1));
        List<Alert> yellow = service.process(item("b.cn", "云帆讨薪转载", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS));
        assertEquals(RiskLevel.YELLOW, yellow.getFirst().level());
        List<Alert> red = service.process(item("c.cn", "云帆讨薪再转载", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS));
        assertEquals(RiskLevel.RED, red.getFirst().level());
        assertEquals(List.of(), service.process(item("d.cn", "云帆讨薪第四家", 45, RiskLevel.BLUE,
                RiskCategory.WAGE_ARREARS)), "no higher level to cross");

        clock.advance(Duration.ofDays(2));
        assertEquals(List.of(), service.process(item("a.cn", "云帆后续", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS)),
                "the window has passed: one site again");
    }

    @Test
    void spreadByClusterCountsRepostsOfOneStory() {
        var rule = new AlertRuleConfig.Spread("reposts", true, null, AlertRuleConfig.Spread.Measure.CLUSTER,
                Duration.ofHours(6), Map.of(RiskLevel.ORANGE, 3));
        AlertService service = service(rule);
        ScoredDocument original = item("a.cn", "云帆讨薪", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS);
        String cluster = original.document().id();
        assertEquals(List.of(), service.process(original, cluster, Set.of()));
        assertEquals(List.of(), service.process(item("b.cn", "转：云帆讨薪", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS),
                cluster, Set.of()));
        assertEquals(List.of(), service.process(item("c.cn", "云帆另一事", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS)),
                "another story");
        List<Alert> third = service.process(item("a.cn", "再转：云帆讨薪", 45, RiskLevel.BLUE, RiskCategory.WAGE_ARREARS),
                cluster, Set.of());
        assertEquals(RiskLevel.ORANGE, third.getFirst().level());
    }

    @Test
    void keywordWatchIsABooleanQueryScopedToEnterprisesAndNeedsNoRisk() {
        var rule = new AlertRuleConfig.KeywordWatch("closure", true, null, List.of("停产"), List.of("欠薪", "裁员"),
                List.of("演练"), List.of(Docs.YUNFAN), RiskLevel.YELLOW);
        AlertService service = service(rule);
        List<Alert> hit = service.process(item("a.cn", "云帆科技停产", "青州云帆科技有限公司宣布停产，员工称被欠薪。", 0,
                RiskLevel.NONE, List.of()));
        assertEquals(1, hit.size(), "only 云帆 is in scope, though 禾欣 is mentioned too");
        assertEquals(Docs.YUNFAN_ID, hit.getFirst().enterpriseId());
        assertEquals(RiskLevel.YELLOW, hit.getFirst().level());
        assertEquals(List.of(), service.process(item("a.cn", "云帆停产", "停产检修，计划中。", 0, RiskLevel.NONE, List.of())),
                "none of the anyOf terms");
        assertEquals(List.of(), service.process(item("a.cn", "云帆停产演练", "停产演练中模拟欠薪投诉。", 0, RiskLevel.NONE,
                List.of())), "an excluded term");
        assertEquals(List.of(), service.process(item("a.cn", "云帆裁员", "大规模裁员。", 0, RiskLevel.NONE, List.of())),
                "the required term is missing");
        assertEquals(1, service.process(item("a.cn", "云帆", "全面ＳＴＯＰ：停产，裁员", 0, RiskLevel.NONE, List.of()))
                .size());
    }

    @Test
    void severalRulesOnOneItemMakeOneAlertAtTheHighestLevel() {
        AlertService service = service(new AlertRuleConfig.ItemThreshold("item-threshold", true, null, null, null, null),
                new AlertRuleConfig.KeywordWatch("strike", true, null, List.of("罢工"), null, null, null, RiskLevel.RED));
        List<Alert> alerts = service.process(item("a.cn", "云帆工人罢工讨薪", 60, RiskLevel.YELLOW, RiskCategory.WAGE_ARREARS));
        assertEquals(1, alerts.stream().filter(a -> a.enterpriseId().equals(Docs.YUNFAN_ID)).count());
        Alert yunfan = alerts.getFirst();
        assertEquals(RiskLevel.RED, yunfan.level());
        assertEquals("item-threshold,strike", ruleIds(yunfan.id()));
    }

    @Test
    void silentSourceMailsTheOperatorsOnceAndAgainForTheNextSilence() throws Exception {
        var rule = new AlertRuleConfig.SourceSilent("feed-silent", true, null, List.of(), Duration.ofHours(2), 3.0,
                Duration.ofDays(7), List.of("ops@example.gov.cn"), null);
        List<Instant> times = new ArrayList<>();
        Instant start = clock.instant();
        for (int i = 0; i < 24; i++) {
            times.add(start.plus(Duration.ofHours(i)));
        }
        SourceActivity activity = (source, from, to) -> times.stream()
                .filter(t -> !t.isBefore(from) && !t.isAfter(to)).sorted().toList();
        SourceSilenceMonitor monitor = new SourceSilenceMonitor(db.dataSource(), List.of(rule), activity, clock,
                ZoneId.of("Asia/Shanghai"));

        clock.set(start.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(119)));
        assertEquals(List.of(), monitor.tick(List.of("feed")), "usual gap 1h × 3 = 3h, but at least minSilence 2h… not yet 3h");
        clock.set(start.plus(Duration.ofHours(26)));
        assertEquals(1, monitor.tick(List.of("feed")).size());
        assertEquals(List.of(), monitor.tick(List.of("feed")), "one silence, one mail");
        assertEquals(List.of(), new SourceSilenceMonitor(db.dataSource(), List.of(rule), activity, clock,
                ZoneId.of("Asia/Shanghai")).tick(List.of("feed")), "nor after a restart");

        assertEquals(1, dispatcher.dispatchDue().sent());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertEquals("ops@example.gov.cn", mail.getAllRecipients()[0].toString(), "operators, never desks");
        assertTrue(mail.getSubject().contains("feed") && mail.getSubject().contains("系统告警"), mail.getSubject());

        times.add(start.plus(Duration.ofHours(27)));
        clock.set(start.plus(Duration.ofHours(28)));
        assertEquals(List.of(), monitor.tick(List.of("feed")), "items again");
        clock.set(start.plus(Duration.ofHours(31)));
        assertEquals(1, monitor.tick(List.of("feed")).size(), "a new silence is a new mail");
        assertEquals(2, OutboxRows.keys(db).size());
    }

    @Test
    void sourceSilenceReplayFindsEachSilenceThatWouldHaveAlerted() {
        var rule = new AlertRuleConfig.SourceSilent("feed-silent", true, null, List.of(), Duration.ofHours(1), 3.0,
                Duration.ofDays(7), List.of("ops@example.gov.cn"), null);
        Instant t = Docs.T0;
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            times.add(t.plus(Duration.ofMinutes(30L * i)));          // every 30 min: usual gap 30m, threshold 1h30m
        }
        times.add(t.plus(Duration.ofHours(10)));                     // a 5h30m gap: one silence
        times.add(t.plus(Duration.ofHours(10)).plusSeconds(1800));
        var silences = SourceSilenceCheck.replay(rule, "feed", times, t, t.plus(Duration.ofHours(11)));
        assertEquals(1, silences.size(), silences.toString());
        assertEquals(t.plus(Duration.ofMinutes(270)), silences.getFirst().lastItemAt());
        assertEquals(Duration.ofMinutes(90), silences.getFirst().threshold());
    }

    private String ruleIds(long alertId) {
        try (var c = db.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT rule_ids FROM alerts WHERE id = ?")) {
            ps.setLong(1, alertId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
