package io.yuqing.alerting;

import io.yuqing.core.db.TestDatabases;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.outbox.DispatchReport;
import io.yuqing.alerting.outbox.OutboxDispatcher;
import io.yuqing.alerting.outbox.SmtpMailSender;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.time.AdjustableClock;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs on H2 and on a real PostgreSQL: the same migrations and SQL serve both. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class AlertServiceTest {
    @Parameter
    TestDatabases.Kind kind;
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final DeskConfig PUBLICITY = new DeskConfig("publicity", "宣传部", List.of("xc@example.gov.cn"),
            List.of(), RiskLevel.BLUE);
    static final DeskConfig UNITED_FRONT = new DeskConfig("united_front", "统战部", List.of("tz@example.gov.cn"),
            List.of(RiskCategory.WAGE_ARREARS, RiskCategory.FINANCIAL_DISTRESS), RiskLevel.YELLOW);
    static final DeskConfig MARKET = new DeskConfig("market", "市场监管联络", List.of("sc@example.gov.cn"),
            List.of(RiskCategory.FOOD_SAFETY), RiskLevel.ORANGE);

    Database db;
    AdjustableClock clock;
    SimpleMeterRegistry meters;
    AlertService service;
    OutboxDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        meters = new SimpleMeterRegistry();
        service = new AlertService(db.dataSource(), List.of(PUBLICITY, UNITED_FRONT, MARKET),
                "https://yq.example.gov.cn/", clock, meters);
        SmtpConfig smtp = new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(), "yuqing@example.gov.cn", "", "",
                SmtpConfig.Security.NONE, Duration.ofSeconds(5));
        dispatcher = new OutboxDispatcher(db.dataSource(), new SmtpMailSender(smtp, clock),
                new AlertingConfig(Duration.ofSeconds(30), 3), clock, meters);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void riskyDocumentRaisesOneAlertPerRiskEntityAndMailsEveryRoutedDesk() throws Exception {
        List<Alert> alerts = service.process(Docs.wageArrears("https://news.example.cn/a/1.html",
                "云帆科技<script>alert(1)</script>被曝拖欠工资"));

        assertEquals(2, alerts.size(), "云帆 and 禾欣 are risk entities; the bystander is not");
        assertEquals(List.of(Docs.YUNFAN_ID, Docs.HEXIN_ID), alerts.stream().map(Alert::enterpriseId).toList());
        Alert yunfan = alerts.getFirst();
        assertEquals(Docs.YUNFAN, yunfan.enterpriseName());
        assertEquals(RiskLevel.YELLOW, yunfan.level());
        assertEquals(List.of("publicity", "united_front"), yunfan.deskIds(), "market takes only food safety");
        assertEquals(AlertStatus.NEW, yunfan.status());
        assertEquals(Docs.T0, yunfan.createdAt());
        assertEquals(yunfan, new AlertQueries(db.dataSource()).get(yunfan.id()).orElseThrow(), "stored as returned");
        assertEquals(4, dispatcher.pendingCount(), "two alerts times two desks");
        assertEquals(4.0, meters.get("yuqing.outbox.pending").gauge().value());
        assertEquals(2.0, meters.get("yuqing.alerts.raised").tag("level", "yellow").counter().count());

        DispatchReport report = dispatcher.dispatchDue();

        assertEquals(new DispatchReport(4, 0, 0), report);
        assertTrue(greenMail.waitForIncomingEmail(5000, 4));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(4, received.length);
        MimeMessage toPublicity = Arrays.stream(received)
                .filter(m -> recipient(m).equals("xc@example.gov.cn"))
                .filter(m -> subject(m).contains(Docs.YUNFAN)).findFirst().orElseThrow();
        assertEquals("【黄色预警】青州云帆科技有限公司：云帆科技<script>alert(1)</script>被曝拖欠工资", toPublicity.getSubject());
        MimeMultipart parts = (MimeMultipart) toPublicity.getContent();
        assertTrue(toPublicity.getContentType().startsWith("multipart/alternative"), toPublicity.getContentType());
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(parts.getBodyPart(1).getContentType().contains("text/html"));
        assertTrue(parts.getBodyPart(1).getContentType().toUpperCase(java.util.Locale.ROOT).contains("UTF-8"));
        assertTrue(html.contains("云帆科技&lt;script&gt;alert(1)&lt;/script&gt;被曝拖欠工资"), html);
        assertFalse(html.contains("<script>"), "crawled markup must never reach the HTML part unescaped");
        assertTrue(html.contains("工人聚集<mark"), "evidence term highlighted");
        assertTrue(html.contains("&lt;b&gt;现场&lt;/b&gt;"), "evidence sentence escaped");
        assertTrue(html.contains("https://yq.example.gov.cn/alerts/" + yunfan.id()));
        assertTrue(html.contains("欠薪讨薪"), "Chinese category label");
        assertTrue(text.contains("风险分值：60"));
        assertTrue(text.contains("原文链接：https://news.example.cn/a/1.html"));
        assertTrue(toPublicity.getMessageID().startsWith("<alert." + yunfan.id() + ".desk.publicity."),
                toPublicity.getMessageID());
        assertEquals(0, dispatcher.pendingCount());
        assertEquals(4.0, meters.get("yuqing.mail.sent").tag("outcome", "sent").counter().count());
    }

    @Test
    void processingTheSameDocumentAgainCreatesAndSendsNothing() {
        var doc = Docs.wageArrears("https://news.example.cn/a/2.html", "云帆科技拖欠工资");
        assertEquals(2, service.process(doc).size());
        assertEquals(4, dispatcher.dispatchDue().sent());

        assertEquals(List.of(), service.process(doc));
        // A service over the same database after a restart remembers too.
        AlertService restarted = new AlertService(db.dataSource(), List.of(PUBLICITY, UNITED_FRONT, MARKET),
                "https://yq.example.gov.cn", clock, new SimpleMeterRegistry());
        assertEquals(List.of(), restarted.process(doc));

        assertEquals(0, dispatcher.pendingCount());
        assertEquals(0, dispatcher.dispatchDue().attempted());
        assertEquals(4, greenMail.getReceivedMessages().length);
        assertEquals(2, new AlertQueries(db.dataSource()).count(AlertFilter.all()));
    }

    @Test
    void concurrentProcessingOfOneDocumentRaisesEachAlertOnce() throws Exception {
        var doc = Docs.wageArrears("https://news.example.cn/a/race.html", "云帆科技拖欠工资");
        List<Callable<List<Alert>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> service.process(doc));
        }
        int created = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<List<Alert>> f : pool.invokeAll(calls)) {
                created += f.get().size();
            }
        }
        assertEquals(2, created);
        assertEquals(2, new AlertQueries(db.dataSource()).count(AlertFilter.all()));
        assertEquals(4, dispatcher.pendingCount());
    }

    @Test
    void routesByCategoryAndMinimumLevel() {
        List<Alert> food = service.process(Docs.scored("https://news.example.cn/f.html", "禾欣食品检出致病菌", 80,
                RiskLevel.ORANGE, List.of(RiskCategory.FOOD_SAFETY), List.of(Docs.HEXIN_ID)));
        List<Alert> wageBlue = service.process(Docs.scored("https://news.example.cn/w.html", "云帆员工讨薪", 45,
                RiskLevel.BLUE, List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID)));
        List<Alert> foodYellow = service.process(Docs.scored("https://news.example.cn/f2.html", "禾欣食品投诉", 58,
                RiskLevel.YELLOW, List.of(RiskCategory.FOOD_SAFETY), List.of(Docs.HEXIN_ID)));

        assertEquals(List.of("publicity", "market"), food.getFirst().deskIds());
        assertEquals(List.of("publicity"), wageBlue.getFirst().deskIds(), "united front starts at yellow");
        assertEquals(List.of("publicity"), foodYellow.getFirst().deskIds(), "market starts at orange");
        assertEquals(4, dispatcher.pendingCount());
        assertEquals(1.0, meters.get("yuqing.alerts.raised").tag("level", "orange").counter().count());
        assertEquals(1.0, meters.get("yuqing.alerts.raised").tag("level", "blue").counter().count());
    }

    @Test
    void alertRoutedToNoDeskIsStillRaisedWithoutMail() {
        AlertService onlyMarket = new AlertService(db.dataSource(), List.of(MARKET), "https://yq", clock, meters);
        List<Alert> alerts = onlyMarket.process(Docs.scored("https://news.example.cn/n.html", "云帆讨薪", 45,
                RiskLevel.BLUE, List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID)));
        assertEquals(1, alerts.size());
        assertEquals(List.of(), alerts.getFirst().deskIds());
        assertEquals(0, dispatcher.pendingCount());
    }

    @Test
    void documentBelowBlueOrWithoutRiskEntitiesCreatesNothing() {
        assertEquals(List.of(), service.process(Docs.scored("https://news.example.cn/low.html", "云帆年会", 30,
                RiskLevel.NONE, List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID))));
        assertEquals(List.of(), service.process(Docs.scored("https://news.example.cn/none.html", "行业欠薪综述", 70,
                RiskLevel.ORANGE, List.of(RiskCategory.WAGE_ARREARS), List.of())));
        assertEquals(List.of(), service.process(Docs.scored("https://news.example.cn/other.html", "他企欠薪", 70,
                RiskLevel.ORANGE, List.of(RiskCategory.WAGE_ARREARS), List.of("not-mentioned"))),
                "a risk entity the document does not mention raises nothing");
        assertEquals(0, new AlertQueries(db.dataSource()).count(AlertFilter.all()));
        assertEquals(0, dispatcher.pendingCount());
    }

    @Test
    void subjectCarriesNoLineBreaksFromCrawledTitle() throws Exception {
        service.process(Docs.scored("https://news.example.cn/crlf.html", "云帆讨薪\r\nBcc: victim@example.com\u2028尾", 60,
                RiskLevel.YELLOW, List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID)));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT subject FROM outbox")) {
            while (rs.next()) {
                String subject = rs.getString(1);
                assertFalse(subject.contains("\r") || subject.contains("\n") || subject.contains("\u2028"), subject);
                assertEquals("【黄色预警】青州云帆科技有限公司：云帆讨薪 Bcc: victim@example.com 尾", subject);
            }
        }
        dispatcher.dispatchDue();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            assertEquals(1, m.getAllRecipients().length);
            assertFalse(recipient(m).contains("victim"));
        }
    }

    @Test
    void auditTrailStartsWithTheRaise() {
        Alert alert = service.process(Docs.wageArrears("https://news.example.cn/h.html", "云帆讨薪")).getFirst();
        var history = new io.yuqing.alerting.review.ReviewService(db.dataSource(), clock).history(alert.id());
        assertEquals(1, history.size());
        assertEquals("raise", history.getFirst().action());
        assertEquals("system", history.getFirst().actor());
        assertEquals(AlertStatus.NEW, history.getFirst().toStatus());
        assertTrue(history.getFirst().note().contains("宣传部"), history.getFirst().note());
    }

    private static String recipient(MimeMessage m) {
        try {
            return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
