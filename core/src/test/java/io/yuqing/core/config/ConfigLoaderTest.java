package io.yuqing.core.config;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsLoadAndAreUsable() {
        YuqingConfig config = loader.defaults();
        assertEquals(Path.of("./data"), config.dataDir());
        assertEquals(8080, config.server().port());
        assertEquals(Duration.ofSeconds(1), config.crawler().politenessDelay());
        assertEquals(RiskLevel.RED, config.scoring().levels().levelFor(90));
        assertTrue(config.jdbcUrl().startsWith("jdbc:h2:file:"));
        assertTrue(config.sources().isEmpty());
        assertEquals(java.time.LocalTime.of(8, 0), config.alerting().digestTime());
        assertEquals(java.time.ZoneId.of("Asia/Shanghai"), config.alerting().zone());
        assertEquals(Duration.ofDays(2), config.alerting().overdueAfter());
        assertEquals(false, config.alerting().quietHours().enabled());
        assertEquals(Duration.ofMinutes(30), config.alerting().redRenotifyAfter());
        assertEquals(List.of(), config.alerting().escalationRecipients());
        assertEquals(Duration.ofDays(30), config.alerting().falsePositiveSuppression());
    }

    @Test
    void followUpSettingsLoad() throws ConfigException {
        YuqingConfig config = loader.load("""
                alerting:
                  quietHours:
                    from: "22:00"
                    to: "07:00"
                    levelsBelow: orange
                  redRenotifyAfter: 45m
                  escalationRecipients: [zhiban@example.gov.cn]
                  falsePositiveSuppression: 7d
                """, "follow-up.yml");
        AlertingConfig a = config.alerting();
        assertEquals(new QuietHoursConfig(java.time.LocalTime.of(22, 0), java.time.LocalTime.of(7, 0), RiskLevel.ORANGE),
                a.quietHours());
        assertTrue(a.quietHours().enabled());
        assertEquals(Duration.ofMinutes(45), a.redRenotifyAfter());
        assertEquals(List.of("zhiban@example.gov.cn"), a.escalationRecipients());
        assertEquals(Duration.ofDays(7), a.falsePositiveSuppression());
        assertEquals(Duration.ofSeconds(30), a.retryDelay(), "settings left out keep their defaults");

        ConfigException bad = assertThrows(ConfigException.class, () -> loader.load("""
                alerting:
                  escalationRecipients: [not-an-address]
                """, "bad.yml"));
        assertTrue(bad.getMessage().contains("not-an-address"), bad.getMessage());
    }

    @Test
    void userFileOverridesOnlyWhatItNames() throws ConfigException {
        YuqingConfig config = loader.load("""
                server:
                  port: 9090
                crawler:
                  politenessDelay: 250ms
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                    categories: [wage-arrears, food-safety]
                    minLevel: yellow
                watchlist:
                  enterprises:
                    - name: 青州云帆科技有限公司
                      shortNames: [云帆科技]
                sources:
                  - id: city-rss
                    kind: rss
                    url: https://news.example.cn/rss.xml
                    every: 5m
                """, "test.yml");
        assertEquals(9090, config.server().port());
        assertEquals("127.0.0.1", config.server().host());
        assertEquals(Duration.ofMillis(250), config.crawler().politenessDelay());
        assertEquals(Duration.ofSeconds(20), config.crawler().readTimeout());
        assertEquals(List.of(RiskCategory.WAGE_ARREARS, RiskCategory.FOOD_SAFETY), config.desks().getFirst().categories());
        assertEquals(RiskLevel.YELLOW, config.desks().getFirst().minLevel());
        Enterprise e = config.watchlist().enterprises().getFirst();
        assertEquals(List.of("青州云帆科技有限公司", "云帆科技"), e.allNames());
        assertEquals(SourceConfig.Kind.RSS, config.sources().getFirst().kind());
        assertEquals(Duration.ofMinutes(5), config.sources().getFirst().every());
    }

    @Test
    void typoNamesFileLineAndSuggestion() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load("""
                server:
                  port: 9090
                crawler:
                  politenesDelay: 2s
                """, "yuqing.yml"));
        assertTrue(e.getMessage().startsWith("yuqing.yml:4:3: crawler.politenesDelay: unknown setting 'politenesDelay'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean politenessDelay?"), e.getMessage());
    }

    @Test
    void invalidValueInAListNamesItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load("""
                sources:
                  - id: ok-source
                    kind: rss
                    url: https://a.example.cn/rss
                  - id: broken
                    kind: rss
                    url: ftp://b.example.cn/feed
                """, "y.yml"));
        assertTrue(e.getMessage().startsWith("y.yml:5:5: sources[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("url must be an absolute http(s) URL"), e.getMessage());
    }

    @Test
    void badDurationAndBadKindAndBadYaml() {
        ConfigException d = assertThrows(ConfigException.class,
                () -> loader.load("crawler:\n  readTimeout: soon\n", "a.yml"));
        assertTrue(d.getMessage().startsWith("a.yml:2:3: crawler.readTimeout:"), d.getMessage());
        assertTrue(d.getMessage().contains("is not a duration"), d.getMessage());

        ConfigException k = assertThrows(ConfigException.class, () -> loader.load("""
                sources:
                  - id: x
                    kind: telegram
                    url: https://x.example.cn/
                """, "b.yml"));
        assertTrue(k.getMessage().contains("unknown source kind 'telegram'"), k.getMessage());

        ConfigException y = assertThrows(ConfigException.class, () -> loader.load("server:\n  port: [1\n", "c.yml"));
        assertTrue(y.getMessage().startsWith("c.yml:"), y.getMessage());
        assertTrue(y.getMessage().contains("not valid YAML"), y.getMessage());

        ConfigException l = assertThrows(ConfigException.class,
                () -> loader.load("scoring:\n  levels:\n    blue: 80\n", "d.yml"));
        assertTrue(l.getMessage().contains("levels must rise strictly"), l.getMessage());
    }

    @Test
    void smtpSecurityIsOneSettingAndTheOldStartTlsStillLoads() throws Exception {
        assertEquals(SmtpConfig.Security.NONE, loader.defaults().smtp().security());
        assertEquals("", loader.defaults().smtp().trustedCertificates());
        assertEquals(SmtpConfig.Security.SSL, loader.load("smtp:\n  port: 465\n  security: ssl\n", "a.yml").smtp().security());
        assertEquals(SmtpConfig.Security.STARTTLS,
                loader.load("smtp:\n  port: 587\n  security: STARTTLS\n", "a.yml").smtp().security());

        // Before smtp.security there was startTls: a file not yet edited keeps sending the same way (with a warning).
        assertEquals(SmtpConfig.Security.STARTTLS, loader.load("smtp:\n  startTls: true\n", "old.yml").smtp().security());
        assertEquals(SmtpConfig.Security.NONE, loader.load("smtp:\n  startTls: false\n", "old.yml").smtp().security());
        ConfigException both = assertThrows(ConfigException.class,
                () -> loader.load("smtp:\n  security: ssl\n  startTls: true\n", "both.yml"));
        assertTrue(both.getMessage().startsWith("both.yml:3:3: smtp.startTls: replaced by smtp.security"), both.getMessage());
        ConfigException notBool = assertThrows(ConfigException.class,
                () -> loader.load("smtp:\n  startTls: maybe\n", "b.yml"));
        assertTrue(notBool.getMessage().startsWith("b.yml:2:3: smtp.startTls: 'maybe' is not true or false"),
                notBool.getMessage());

        ConfigException unknown = assertThrows(ConfigException.class,
                () -> loader.load("smtp:\n  host: mail.example.cn\n  security: tls1.0\n", "c.yml"));
        assertTrue(unknown.getMessage().startsWith("c.yml:3:3: smtp.security:"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("expected none, starttls or ssl"), unknown.getMessage());
    }

    @Test
    void trustedCertificatesMustBeAReadablePemFileAndNeedTls(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path missing = dir.resolve("city-ca.pem");
        ConfigException absent = assertThrows(ConfigException.class, () -> loader.load(
                "smtp:\n  security: ssl\n  trustedCertificates: " + missing + "\n", "d.yml"));
        assertTrue(absent.getMessage().startsWith("d.yml:1:1: smtp: "), absent.getMessage());
        assertTrue(absent.getMessage().contains("certificate file " + missing + " does not exist"), absent.getMessage());

        java.nio.file.Files.writeString(missing, "not a certificate\n");
        ConfigException notPem = assertThrows(ConfigException.class, () -> loader.load(
                "smtp:\n  security: ssl\n  trustedCertificates: " + missing + "\n", "e.yml"));
        assertTrue(notPem.getMessage().contains("expected -----BEGIN CERTIFICATE-----")
                || notPem.getMessage().contains("holds no certificate"), notPem.getMessage());

        ConfigException plain = assertThrows(ConfigException.class, () -> loader.load(
                "smtp:\n  trustedCertificates: " + missing + "\n", "f.yml"));
        assertTrue(plain.getMessage().contains("trustedCertificates is set but security is none"), plain.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(Path.of("/nonexistent/yuqing.yml")));
        assertEquals("/nonexistent/yuqing.yml: no such file", e.getMessage());
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
        assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 parsecs"));
    }
}
