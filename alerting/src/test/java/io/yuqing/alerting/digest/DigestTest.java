package io.yuqing.alerting.digest;

import io.yuqing.core.db.TestDatabases;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.alerting.review.ReviewService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs on H2 and on a real PostgreSQL: the same migrations and SQL serve both. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class DigestTest {
    @Parameter
    TestDatabases.Kind kind;
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final DeskConfig PUBLICITY = new DeskConfig("publicity", "宣传部", List.of("xc@example.gov.cn"), List.of(), RiskLevel.BLUE);
    static final DeskConfig MARKET = new DeskConfig("market", "市场监管联络", List.of("sc@example.gov.cn"),
            List.of(RiskCategory.FOOD_SAFETY), RiskLevel.ORANGE);

    Database db;
    AdjustableClock clock;
    AlertService alerts;
    ReviewService reviews;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Instant.parse("2026-11-05T02:00:00Z"));
        alerts = new AlertService(db.dataSource(), List.of(PUBLICITY, MARKET), "https://yq.example.gov.cn", clock, new SimpleMeterRegistry());
        reviews = new ReviewService(db.dataSource(), clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void digestOfADayCountsTrendsRisersOverdueAndHandling() throws Exception {
        // 11-05 (Shanghai): one alert for 禾欣, resolved a day later.
        Alert old = alerts.process(Docs.scored("https://n.cn/1", "禾欣旧闻", 60, RiskLevel.YELLOW,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.HEXIN_ID))).getFirst();
        clock.advance(Duration.ofDays(1));
        reviews.resolve(old.id(), "张三", "已核实处置");
        // 11-07: one for 云帆, never handled: overdue by the digest's day.
        clock.set(Instant.parse("2026-11-07T03:00:00Z"));
        alerts.process(Docs.scored("https://n.cn/2", "云帆旧闻", 50, RiskLevel.BLUE, List.of(RiskCategory.RUMOR), List.of(Docs.YUNFAN_ID)));
        // 11-10: three new alerts.
        clock.set(Instant.parse("2026-11-10T01:00:00Z"));
        alerts.process(Docs.wageArrears("https://n.cn/3", "云帆禾欣欠薪"));
        alerts.process(Docs.scored("https://n.cn/4", "<script>alert(1)</script>云帆食堂食物中毒", 90, RiskLevel.RED,
                List.of(RiskCategory.FOOD_SAFETY), List.of(Docs.YUNFAN_ID)));
        clock.set(Instant.parse("2026-11-10T15:00:00Z"));

        DigestBuilder builder = new DigestBuilder(db.dataSource(), clock, Duration.ofHours(48));
        DailyDigest d = builder.build(LocalDate.of(2026, 11, 10), SHANGHAI, null);

        assertEquals(3, d.newAlertCount());
        assertEquals(1L, d.newAlertsByLevel().get(RiskLevel.RED));
        assertEquals(2L, d.newAlertsByLevel().get(RiskLevel.YELLOW));
        assertEquals(RiskLevel.RED, d.newAlerts().getFirst().level(), "most severe first");
        assertEquals(14, d.trend().size());
        assertEquals(3, d.trend().getLast().total());
        assertEquals(1, d.trend().get(8).total(), "11-05");
        assertEquals(List.of(Docs.YUNFAN_ID, Docs.HEXIN_ID), d.risers().stream().map(DailyDigest.EnterpriseRise::enterpriseId).toList());
        assertEquals(150, d.risers().getFirst().scoreToday());
        assertEquals(60 / 7.0, d.risers().get(1).previousDailyScore(), 1e-9);
        assertEquals(4, d.openCases(), "the resolved one is not open");
        assertEquals(1, d.overdue().size());
        assertEquals("云帆旧闻", d.overdue().getFirst().title());
        assertEquals(5, d.handling().raised());
        assertEquals(1, d.handling().closed());
        assertEquals(Duration.ofDays(1), d.handling().medianTimeToClose());

        // An earlier day's digest sees the resolved alert as open on its own day.
        DailyDigest earlier = builder.build(LocalDate.of(2026, 11, 5), SHANGHAI, null);
        assertEquals(1, earlier.newAlertCount());
        assertEquals(1, earlier.openCases());

        DailyDigest market = builder.build(LocalDate.of(2026, 11, 10), SHANGHAI, MARKET);
        assertEquals(1, market.newAlertCount(), "the desk sees only what was routed to it");

        RenderedMail mail = new DigestRenderer("https://yq.example.gov.cn/").render(d);
        assertEquals("【舆情日报】2026年11月10日 全部部门：新增预警 3 条，待办 4 件（超期 1 件）", mail.subject());
        assertTrue(mail.htmlBody().contains("&lt;script&gt;alert(1)&lt;/script&gt;云帆食堂食物中毒"));
        assertFalse(mail.htmlBody().contains("<script>"));
        assertTrue(mail.htmlBody().contains("办结率 <b>20%</b>"), mail.htmlBody());
        assertTrue(mail.textBody().contains("超期 1 件"));
        String marker = "data:image/png;base64,";
        int at = mail.htmlBody().indexOf(marker);
        assertTrue(at > 0);
        String b64 = mail.htmlBody().substring(at + marker.length(), mail.htmlBody().indexOf('"', at));
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        assertEquals(TrendChart.WIDTH, chart.getWidth());
        // The last bar (today: 1 red on 2 yellow) is drawn in the level colours.
        assertTrue(hasColour(chart, TrendChart.colour(RiskLevel.RED).getRGB()));
        assertTrue(hasColour(chart, TrendChart.colour(RiskLevel.YELLOW).getRGB()));
    }

    @Test
    void digestMailsGoOncePerDeskAndDay() {
        alerts.process(Docs.wageArrears("https://n.cn/9", "云帆禾欣欠薪"));
        DigestMailer mailer = new DigestMailer(db.dataSource(), new DigestBuilder(db.dataSource(), clock, Duration.ofDays(2)),
                new DigestRenderer("https://yq.example.gov.cn"), clock);
        LocalDate day = LocalDate.of(2026, 11, 5);
        assertEquals(2, mailer.enqueue(day, SHANGHAI, List.of(PUBLICITY, MARKET)));
        assertEquals(0, mailer.enqueue(day, SHANGHAI, List.of(PUBLICITY, MARKET)), "a second run sends nothing twice");
        var outbox = new io.yuqing.alerting.outbox.OutboxQueries(db.dataSource()).recent(10);
        assertTrue(outbox.stream().anyMatch(m -> m.idempotencyKey().equals("digest:publicity:2026-11-05")
                && m.subject().startsWith("【舆情日报】2026年11月5日 宣传部")));
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }
}
