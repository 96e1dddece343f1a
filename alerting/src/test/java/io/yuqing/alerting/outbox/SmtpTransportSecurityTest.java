package io.yuqing.alerting.outbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.config.SmtpConfig.Security;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.time.AdjustableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail over TLS with AUTH, as a city's mail server wants it: implicit TLS (SMTPS) against GreenMail's own SMTPS
 * server, STARTTLS through {@link StartTlsFront} in front of GreenMail (GreenMail 2.1 has no STARTTLS), both with a
 * certificate from a private CA generated for the run and trusted only through {@code smtp.trustedCertificates}.
 */
class SmtpTransportSecurityTest {
    static final String FROM = "yuqing@example.gov.cn";
    static final String LOGIN = "yuqing";
    static final String PASSWORD = "s3cret-pass";

    @TempDir
    static Path dir;
    static TestTls tls;
    static GreenMail greenMail;

    @BeforeAll
    static void startServers() throws Exception {
        tls = TestTls.generate(dir);
        // GreenMail's SMTPS reads its key from these once per JVM; no other test here uses SMTPS.
        System.setProperty("greenmail.tls.keystore.file", tls.serverKeyStore().toString());
        System.setProperty("greenmail.tls.keystore.password", tls.password());
        System.setProperty("greenmail.tls.key.password", tls.password());
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(3465, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort(),
                new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
        greenMail.setUser(FROM, LOGIN, PASSWORD);
    }

    @AfterAll
    static void stopServers() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    static int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }

    static SmtpConfig config(String host, int port, Security security, String password, boolean trustCityCa) {
        return new SmtpConfig(host, port, FROM, LOGIN, password, security,
                trustCityCa ? tls.caPem().toString() : "", Duration.ofSeconds(5));
    }

    static OutgoingMail mail(int n) {
        return new OutgoingMail("alert:" + n + ":desk:publicity", List.of("xc@example.gov.cn"),
                "【红色预警】青州云帆科技有限公司 " + n, "<p>正文 " + n + "</p>", "正文 " + n);
    }

    List<String> receivedSubjects() throws Exception {
        return Arrays.stream(greenMail.getReceivedMessages()).map(m -> {
            try {
                return ((MimeMessage) m).getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
    }

    @Test
    void implicitTlsWithAuthSendsSeveralMailsOverOneConnection() throws Exception {
        try (SmtpMailSender sender = new SmtpMailSender(config("127.0.0.1", smtpsPort(), Security.SSL, PASSWORD, true))) {
            for (int i = 1; i <= 5; i++) {
                assertInstanceOf(SendResult.Sent.class, sender.send(mail(i)), "mail " + i);
            }
            // Each send gave its connection back for the next: five in a row opened one.
            assertEquals(1, sender.idleConnections());
        }
        assertTrue(greenMail.waitForIncomingEmail(5000, 5));
        assertEquals(List.of(1, 2, 3, 4, 5).stream().map(i -> mail(i).subject()).sorted().toList(), receivedSubjects());
    }

    @Test
    void startTlsWithAuthUpgradesBeforeLoggingInAndKeepsTheConnection() throws Exception {
        try (StartTlsFront front = new StartTlsFront(tls.serverContext(), greenMail.getSmtp().getPort(), true);
             SmtpMailSender sender = new SmtpMailSender(config("127.0.0.1", front.port(), Security.STARTTLS, PASSWORD,
                     true))) {
            for (int i = 1; i <= 5; i++) {
                assertInstanceOf(SendResult.Sent.class, sender.send(mail(i)), "mail " + i);
            }
            assertEquals(1, front.connections(), "five mails, one connection");
            assertEquals(List.of("EHLO", "STARTTLS"), front.commandsInClear(), "nothing but the upgrade in clear");
            List<String> overTls = front.commandsOverTls();
            assertEquals(1, overTls.stream().filter("AUTH"::equals).count(), overTls.toString());
            assertTrue(overTls.indexOf("AUTH") < overTls.indexOf("MAIL"), "logged in before the first mail: " + overTls);
            assertEquals(5, overTls.stream().filter("MAIL"::equals).count(), overTls.toString());
        }
        assertTrue(greenMail.waitForIncomingEmail(5000, 5));
        assertEquals(5, receivedSubjects().size());
    }

    @Test
    void aWrongPasswordIsARetryableAuthenticationFailureOverEitherKindOfTls() throws Exception {
        try (SmtpMailSender ssl = new SmtpMailSender(config("127.0.0.1", smtpsPort(), Security.SSL, "wrong", true))) {
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, ssl.send(mail(1)));
            assertTrue(failed.reason().startsWith("SMTP authentication failed"), failed.reason());
            assertTrue(failed.reason().contains("535"), failed.reason());
            assertTrue(failed.retryable(), "kept until the operator fixes the password");
            assertEquals(0, ssl.idleConnections());
        }
        try (StartTlsFront front = new StartTlsFront(tls.serverContext(), greenMail.getSmtp().getPort(), true);
             SmtpMailSender startTls = new SmtpMailSender(config("127.0.0.1", front.port(), Security.STARTTLS,
                     "wrong", true))) {
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, startTls.send(mail(2)));
            assertTrue(failed.reason().startsWith("SMTP authentication failed"), failed.reason());
            assertTrue(failed.retryable());
            assertFalse(front.commandsOverTls().contains("MAIL"));
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aCertificateFromAnUnknownCaIsRefusedWithAReasonNotAStackTrace() throws Exception {
        // Without smtp.trustedCertificates only the JDK's CAs count, and none of them issued the city's certificate.
        try (SmtpMailSender ssl = new SmtpMailSender(config("127.0.0.1", smtpsPort(), Security.SSL, PASSWORD, false))) {
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, ssl.send(mail(1)));
            assertTrue(failed.reason().startsWith("the mail server's certificate is not trusted"), failed.reason());
            assertTrue(failed.reason().contains("smtp.trustedCertificates"), failed.reason());
            assertFalse(failed.reason().contains("\tat "), failed.reason());
            assertTrue(failed.retryable());
        }
        try (StartTlsFront front = new StartTlsFront(tls.serverContext(), greenMail.getSmtp().getPort(), true);
             SmtpMailSender startTls = new SmtpMailSender(config("127.0.0.1", front.port(), Security.STARTTLS,
                     PASSWORD, false))) {
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, startTls.send(mail(2)));
            assertTrue(failed.reason().startsWith("the mail server's certificate is not trusted"), failed.reason());
            assertFalse(front.commandsOverTls().contains("AUTH"), "no password to a server we do not trust");
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenFromATrustedCa() throws Exception {
        // The certificate is for 127.0.0.1; "localhost" reaches the same server under a name it does not list.
        try (SmtpMailSender ssl = new SmtpMailSender(config("localhost", smtpsPort(), Security.SSL, PASSWORD, true))) {
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, ssl.send(mail(1)));
            assertTrue(failed.reason().startsWith("the mail server's certificate does not name the host"),
                    failed.reason());
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aServerThatDoesNotOfferStartTlsNeverGetsThePassword() throws Exception {
        try (StartTlsFront front = new StartTlsFront(tls.serverContext(), greenMail.getSmtp().getPort(), false);
             SmtpMailSender sender = new SmtpMailSender(config("127.0.0.1", front.port(), Security.STARTTLS, PASSWORD,
                     true))) {
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, sender.send(mail(1)));
            assertTrue(failed.reason().startsWith("the mail server does not offer STARTTLS"), failed.reason());
            assertFalse(front.commandsInClear().contains("AUTH"), front.commandsInClear().toString());
        }
    }

    @Test
    void aWrongPasswordShowsInTheOutboxAndTheMailGoesOnceTheOperatorFixesIt() throws Exception {
        Database db = TestDatabase.create(TestDatabases.Kind.H2);
        try (db) {
            AdjustableClock clock = new AdjustableClock(Docs.T0);
            Duration retry = Duration.ofSeconds(30);
            Jdbc.inTransaction(db.dataSource(), "enqueue", c -> Outbox.enqueue(c, mail(9), clock.instant()));
            try (SmtpMailSender wrong = new SmtpMailSender(config("127.0.0.1", smtpsPort(), Security.SSL, "wrong", true),
                    clock)) {
                OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), wrong,
                        new AlertingConfig(retry, 8), clock, new SimpleMeterRegistry());
                assertEquals(new DispatchReport(0, 1, 0), dispatcher.dispatchDue());
            }
            OutboxQueries.OutboxEntry waiting = new OutboxQueries(db.dataSource()).recent(10).getFirst();
            assertEquals("pending", waiting.status());
            assertInstanceOf(OutboxQueries.Mail.class, waiting.channel());
            assertTrue(waiting.lastError().startsWith("SMTP authentication failed"), waiting.lastError());
            assertEquals(Docs.T0.plus(retry), waiting.nextAttemptAt());

            // The operator corrects smtp.password and restarts: the mail waiting for its retry goes out.
            clock.advance(retry);
            try (SmtpMailSender fixed = new SmtpMailSender(config("127.0.0.1", smtpsPort(), Security.SSL, PASSWORD, true),
                    clock)) {
                OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), fixed,
                        new AlertingConfig(retry, 8), clock, new SimpleMeterRegistry());
                assertEquals(new DispatchReport(1, 0, 0), dispatcher.dispatchDue());
            }
            assertEquals("sent", new OutboxQueries(db.dataSource()).recent(10).getFirst().status());
            assertTrue(greenMail.waitForIncomingEmail(5000, 1));
            assertEquals(List.of(mail(9).subject()), receivedSubjects());
        }
    }
}
