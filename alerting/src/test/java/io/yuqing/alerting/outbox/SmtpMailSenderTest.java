package io.yuqing.alerting.outbox;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yuqing.core.config.SmtpConfig;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
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
        return new SmtpConfig("127.0.0.1", port, "yuqing@example.gov.cn", "", "", false, Duration.ofSeconds(5));
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

    @Test
    void emptyHostIsDisabledAndSendsNothing() {
        SmtpConfig disabled = new SmtpConfig("", 25, "yuqing@example.gov.cn", "", "", false, Duration.ofSeconds(5));
        assertFalse(new SmtpMailSender(disabled).enabled());
        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, new SmtpMailSender(disabled).send(MAIL));
        assertTrue(failed.retryable());
    }
}
