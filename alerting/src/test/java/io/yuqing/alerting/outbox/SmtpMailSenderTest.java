package io.yuqing.alerting.outbox;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.time.AdjustableClock;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmtpMailSenderTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final OutgoingMail MAIL = new OutgoingMail("alert:7:desk:publicity", List.of("xc@example.gov.cn", "b@example.gov.cn"),
            "【红色预警】青州云帆科技有限公司：安全事故", "<p>正文 <b>HTML</b></p>", "正文 text");

    static SmtpConfig smtp(int port) {
        return new SmtpConfig("127.0.0.1", port, "yuqing@example.gov.cn", "", "", SmtpConfig.Security.NONE, Duration.ofSeconds(5));
    }

    @Test
    void sendsMultipartAlternativeUtf8WithMessageIdFromTheKey() throws Exception {
        SendResult result = new SmtpMailSender(smtp(greenMail.getSmtp().getPort())).send(MAIL);

        SendResult.Sent sent = assertInstanceOf(SendResult.Sent.class, result);
        assertEquals(SmtpMailSender.messageId(MAIL.idempotencyKey(), "yuqing@example.gov.cn"), sent.messageId());
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertEquals(sent.messageId(), m.getMessageID());
        assertTrue(m.getMessageID().matches("<alert\\.7\\.desk\\.publicity\\.[0-9a-f]{8}@example\\.gov\\.cn>"));
        assertEquals(MAIL.subject(), m.getSubject());
        assertEquals("yuqing@example.gov.cn", m.getFrom()[0].toString());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertTrue(m.getContentType().startsWith("multipart/alternative"));
        assertEquals("正文 text", parts.getBodyPart(0).getContent());
        assertEquals("<p>正文 <b>HTML</b></p>", parts.getBodyPart(1).getContent());
    }

    @Test
    void messageIdIsStablePerKeyAndDistinctAcrossKeys() {
        String a = SmtpMailSender.messageId("alert:1:desk:a_b", "x@example.cn");
        assertEquals(a, SmtpMailSender.messageId("alert:1:desk:a_b", "x@example.cn"));
        assertFalse(a.equals(SmtpMailSender.messageId("alert:1:desk:a.b", "x@example.cn")));
    }

    @Test
    void connectionRefusedIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, new SmtpMailSender(smtp(port)).send(MAIL));
        assertTrue(failed.retryable(), failed.reason());
    }

    @Test
    void temporaryRefusalIsRetryable() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.3.0 try again later")) {
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class,
                    new SmtpMailSender(smtp(server.port())).send(MAIL));
            assertTrue(failed.retryable(), failed.reason());
            assertTrue(failed.reason().contains("451"), failed.reason());
            assertEquals(0, server.accepted());
        }
    }

    @Test
    void permanentRejectionIsNotRetryable() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 no such user")) {
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class,
                    new SmtpMailSender(smtp(server.port())).send(MAIL));
            assertFalse(failed.retryable(), failed.reason());
            assertTrue(failed.reason().contains("550"), failed.reason());
        }
    }

    static OutgoingMail mail(int n) {
        return new OutgoingMail("alert:" + n + ":desk:publicity", List.of("xc@example.gov.cn"),
                "【蓝色预警】第" + n + "条", "<p>正文 " + n + "</p>", "正文 " + n);
    }

    @Test
    void mailsOneAfterAnotherShareOneConnection() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK");
             SmtpMailSender sender = new SmtpMailSender(smtp(server.port()))) {
            for (int i = 0; i < 10; i++) {
                assertInstanceOf(SendResult.Sent.class, sender.send(mail(i)));
            }
            assertEquals(10, server.accepted());
            assertEquals(1, server.connections(), "one connection carried all ten");
            assertEquals(1, sender.idleConnections());
        }
    }

    @Test
    void mailsSentAtOnceUseNoMoreConnectionsThanSendersAndGreenMailGetsEachOnce() throws Exception {
        try (SmtpMailSender sender = new SmtpMailSender(smtp(greenMail.getSmtp().getPort()));
             java.util.concurrent.ExecutorService four = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<SendResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                OutgoingMail m = mail(i);
                results.add(four.submit(() -> sender.send(m)));
            }
            for (var r : results) {
                assertInstanceOf(SendResult.Sent.class, r.get());
            }
            assertTrue(sender.idleConnections() <= 4, "at most one connection per sender: " + sender.idleConnections());
        }
        assertTrue(greenMail.waitForIncomingEmail(5000, 40));
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            assertTrue(ids.add(m.getMessageID()), "sent twice: " + m.getMessageID());
        }
        assertEquals(40, ids.size());
    }

    @Test
    void aConnectionTheServerDroppedIsReopenedAndTheMailGoesOnce() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK");
             SmtpMailSender sender = new SmtpMailSender(smtp(server.port()))) {
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(1)));
            server.hangUp(); // the server's idle timeout, or a restart, while our connection waits in the pool

            assertInstanceOf(SendResult.Sent.class, sender.send(mail(2)));
            assertEquals(2, server.accepted(), "the second mail once, on a fresh connection");
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aPermanentRejectionOnAReusedConnectionStaysPermanentAndIsNotTriedAgain() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK");
             SmtpMailSender sender = new SmtpMailSender(smtp(server.port()))) {
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(1)));
            server.replyToRcpt("550 5.1.1 no such user");

            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, sender.send(mail(2)));
            assertFalse(failed.retryable(), failed.reason());
            assertTrue(failed.reason().contains("550"), failed.reason());
            assertEquals(1, server.connections(), "a live server's 5xx is not the connection's fault");
        }
    }

    @Test
    void aTemporaryRefusalOnAReusedConnectionIsTriedOnAFreshOneThenStaysRetryable() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK");
             SmtpMailSender sender = new SmtpMailSender(smtp(server.port()))) {
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(1)));
            server.replyToRcpt("451 4.3.0 try again later");

            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, sender.send(mail(2)));
            assertTrue(failed.retryable(), failed.reason());
            assertTrue(failed.reason().contains("451"), failed.reason());
            assertEquals(2, server.connections(), "one fresh connection tried, no more");
            assertEquals(1, server.accepted());
            assertEquals(0, sender.idleConnections(), "a connection that failed is not kept");

            server.replyToRcpt("250 OK");
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(2)));
            assertEquals(2, server.accepted());
        }
    }

    @Test
    void aServerThatWentAwayIsRetryableAfterTheReusedAndTheFreshConnectionFail() throws Exception {
        ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK");
        try (SmtpMailSender sender = new SmtpMailSender(smtp(server.port()))) {
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(1)));
            server.hangUp();
            server.close(); // nobody listens on the port any more

            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, sender.send(mail(2)));
            assertTrue(failed.retryable(), failed.reason());
            assertEquals(0, sender.idleConnections());
        }
    }

    @Test
    void connectionsIdleForTheLimitAreClosedAndANewOneIsOpenedWhenNeeded() throws Exception {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-26T04:00:00Z"));
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK");
             SmtpMailSender sender = new SmtpMailSender(smtp(server.port()), clock)) {
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(1)));
            clock.advance(SmtpMailSender.IDLE_LIMIT.minusSeconds(1));
            sender.closeIdle();
            assertEquals(1, sender.idleConnections(), "not idle long enough yet");
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(2)));
            assertEquals(1, server.connections(), "reused, and its idle time starts again");

            clock.advance(SmtpMailSender.IDLE_LIMIT);
            sender.closeIdle();
            assertEquals(0, sender.idleConnections());
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(3)));
            assertEquals(2, server.connections());

            clock.advance(SmtpMailSender.IDLE_LIMIT);
            assertInstanceOf(SendResult.Sent.class, sender.send(mail(4)));
            assertEquals(3, server.connections(), "a connection past the limit is not used even without closeIdle");
            assertEquals(4, server.accepted());
        }
    }

    @Test
    void aConnectionIsReplacedAfterItsMailLimit() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK");
             SmtpMailSender sender = new SmtpMailSender(smtp(server.port()))) {
            for (int i = 0; i < SmtpMailSender.MAX_MAILS_PER_CONNECTION + 1; i++) {
                assertInstanceOf(SendResult.Sent.class, sender.send(mail(i)));
            }
            assertEquals(2, server.connections());
        }
    }

    @Test
    void emptyHostIsDisabledAndSendsNothing() {
        SmtpConfig disabled = new SmtpConfig("", 25, "yuqing@example.gov.cn", "", "", SmtpConfig.Security.NONE, Duration.ofSeconds(5));
        assertFalse(new SmtpMailSender(disabled).enabled());
        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, new SmtpMailSender(disabled).send(MAIL));
        assertTrue(failed.retryable());
    }

    @Test
    void closingAConnectionWhoseServerWentSilentDoesNotWaitForItsReply() throws Exception {
        // The server answers one mail, then reads on and never replies again (not even to QUIT), as a hung relay or
        // a NAT that dropped the idle flow would.
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon(true).start(() -> {
                try (java.net.Socket s = server.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                            java.nio.charset.StandardCharsets.US_ASCII));
                    var out = new java.io.OutputStreamWriter(s.getOutputStream(), java.nio.charset.StandardCharsets.US_ASCII);
                    out.write("220 test\r\n");
                    out.flush();
                    boolean data = false;
                    boolean silent = false;
                    for (String line; (line = in.readLine()) != null; ) {
                        if (data) {
                            if (line.equals(".")) {
                                data = false;
                                silent = true;
                                out.write("250 queued\r\n");
                                out.flush();
                            }
                            continue;
                        }
                        if (silent) {
                            continue;
                        }
                        String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                        out.write(switch (cmd) {
                            case "EHLO" -> "250-test\r\n250 8BITMIME\r\n";
                            case "DATA" -> {
                                data = true;
                                yield "354 go\r\n";
                            }
                            default -> "250 ok\r\n";
                        });
                        out.flush();
                    }
                } catch (java.io.IOException ignored) {
                    // the client closed
                }
            });
            AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-26T04:00:00Z"));
            SmtpMailSender sender = new SmtpMailSender(new SmtpConfig("127.0.0.1", server.getLocalPort(),
                    "yuqing@example.gov.cn", "", "", SmtpConfig.Security.NONE, Duration.ofSeconds(60)), clock);
            assertInstanceOf(SendResult.Sent.class, sender.send(MAIL));
            clock.advance(SmtpMailSender.IDLE_LIMIT);
            // With QUIT waiting for its reply this would block for the 60-second timeout.
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), sender::closeIdle);
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), sender::close);
        }
    }
}
