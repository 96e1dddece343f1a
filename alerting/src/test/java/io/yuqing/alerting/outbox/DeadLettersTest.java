package io.yuqing.alerting.outbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.alerting.review.AlertAction;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.time.AdjustableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dead letters sent again by an administrator, on H2 and on a real PostgreSQL, into a real GreenMail. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class DeadLettersTest {
    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final String FROM = "yuqing@example.gov.cn";

    @Parameter
    TestDatabases.Kind kind;

    Database db;
    AdjustableClock clock;
    int port;
    GreenMail greenMail;
    OutboxDispatcher dispatcher;
    OutboxQueries queries;
    DeadLetters deadLetters;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // nobody listens here until the test starts GreenMail: every send fails
        }
        SmtpConfig smtp = new SmtpConfig("127.0.0.1", port, FROM, "", "", SmtpConfig.Security.NONE, Duration.ofSeconds(5));
        dispatcher = new OutboxDispatcher(db.dataSource(), new SmtpMailSender(smtp, clock), new AlertingConfig(RETRY, 2),
                clock, new SimpleMeterRegistry());
        queries = new OutboxQueries(db.dataSource());
        deadLetters = new DeadLetters(db.dataSource(), clock);
    }

    @AfterEach
    void tearDown() {
        if (greenMail != null) {
            greenMail.stop();
        }
        db.close();
    }

    @Test
    void aDeadMailResentOnceTheServerIsBackIsDeliveredExactlyOnceUnderItsOwnMessageId() throws Exception {
        long id = enqueue("alert:1:desk:publicity");
        killRows();
        OutboxQueries.OutboxEntry dead = queries.get(id).orElseThrow();
        assertTrue(dead.dead(), dead.status());
        assertEquals(2, dead.attempts());
        String error = dead.lastError();
        assertTrue(error != null && !error.isBlank(), "the cause is kept: " + error);

        startGreenMail();
        clock.advance(Duration.ofHours(3));
        assertEquals(0, dispatcher.dispatchDue().attempted(), "a dead row stays dead until someone resends it");

        DeadLetters.Resend outcome = deadLetters.resend(id, "admin");
        assertEquals(new DeadLetters.Resent(id, "alert:1:desk:publicity", clock.instant()), outcome);
        OutboxQueries.OutboxEntry again = queries.get(id).orElseThrow();
        assertEquals("pending", again.status());
        assertEquals(0, again.attempts(), "attempts start again");
        assertEquals(clock.instant(), again.nextAttemptAt(), "due at once");
        assertEquals(error, again.lastError(), "its history stays: the error it died of");
        assertEquals(dead.createdAt(), again.createdAt());
        assertEquals("admin", again.resentBy());
        assertEquals(clock.instant(), again.resentAt());
        List<AlertAction> audit = new AuditLog(db.dataSource(), clock).recentEvents(5);
        assertEquals(1, audit.size(), audit.toString());
        assertEquals(DeadLetters.AUDIT_ACTION, audit.getFirst().action());
        assertEquals("admin", audit.getFirst().actor());
        assertTrue(audit.getFirst().note().contains("alert:1:desk:publicity"), audit.getFirst().note());

        assertEquals(new DispatchReport(1, 0, 0), dispatcher.dispatchDue());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals(SmtpMailSender.messageId("alert:1:desk:publicity", FROM), received[0].getMessageID(),
                "the same Message-ID as the first tries, so a receiver that got one can drop the copy");
        OutboxQueries.OutboxEntry sent = queries.get(id).orElseThrow();
        assertEquals("sent", sent.status());
        assertEquals(1, sent.attempts());
        assertEquals("admin", sent.resentBy(), "who resent it stays on the row");

        clock.advance(Duration.ofDays(1));
        assertEquals(0, dispatcher.dispatchDue().attempted());
        assertEquals(new DeadLetters.NotDead(id, "sent"), deadLetters.resend(id, "admin"), "a sent row is never resent");
        assertEquals(1, greenMail.getReceivedMessages().length);
    }

    @Test
    void pendingAndSentRowsAndUnknownIdsAreRefusedAndLeftAlone() {
        long pending = enqueue("alert:2:desk:publicity");
        assertEquals(new DispatchReport(0, 1, 0), dispatcher.dispatchDue(), "first attempt failed: pending, retry later");
        OutboxQueries.OutboxEntry before = queries.get(pending).orElseThrow();

        assertEquals(new DeadLetters.NotDead(pending, "pending"), deadLetters.resend(pending, "admin"));
        OutboxQueries.OutboxEntry after = queries.get(pending).orElseThrow();
        assertEquals(before, after, "a pending row keeps its attempts and its backoff");
        assertNull(after.resentBy());
        assertInstanceOf(DeadLetters.NotFound.class, deadLetters.resend(pending + 1000, "admin"));
        assertTrue(new AuditLog(db.dataSource(), clock).recentEvents(5).isEmpty(), "a refused resend records nothing");

        startGreenMail();
        clock.advance(RETRY);
        assertEquals(new DispatchReport(1, 0, 0), dispatcher.dispatchDue());
        assertEquals(new DeadLetters.NotDead(pending, "sent"), deadLetters.resend(pending, "admin"));
        assertEquals(0, deadLetters.resendAll("admin"), "nothing dead, nothing resent");
        clock.advance(Duration.ofDays(1));
        assertEquals(0, dispatcher.dispatchDue().attempted());
        assertEquals(1, greenMail.getReceivedMessages().length);
    }

    @Test
    void resendingAllDeadRowsLeavesPendingOnesAsTheyWere() throws Exception {
        long first = enqueue("alert:3:desk:publicity");
        long second = enqueue("alert:4:desk:publicity");
        killRows();
        long waiting = Jdbc.inTransaction(db.dataSource(), "enqueue", c -> Outbox.enqueue(c, new OutgoingMail(
                "digest:publicity:2026-11-20", List.of("xc@example.gov.cn"), "简报", "<p>简报</p>", "简报"),
                clock.instant(), clock.instant().plus(Duration.ofDays(1))));
        OutboxQueries.OutboxEntry waitingBefore = queries.get(waiting).orElseThrow();

        assertEquals(2, deadLetters.resendAll("admin"));
        for (long id : List.of(first, second)) {
            OutboxQueries.OutboxEntry row = queries.get(id).orElseThrow();
            assertEquals("pending", row.status());
            assertEquals(0, row.attempts());
            assertEquals("admin", row.resentBy());
        }
        assertEquals(waitingBefore, queries.get(waiting).orElseThrow(), "a pending row is not touched");
        assertEquals(1, new AuditLog(db.dataSource(), clock).recentEvents(5).size(), "one audit row for the bulk resend");

        startGreenMail();
        assertEquals(new DispatchReport(2, 0, 0), dispatcher.dispatchDue());
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        assertEquals(2, greenMail.getReceivedMessages().length);
    }

    private long enqueue(String key) {
        return Jdbc.inTransaction(db.dataSource(), "enqueue", c -> Outbox.enqueue(c, new OutgoingMail(key,
                List.of("xc@example.gov.cn"), "【蓝色预警】测试", "<p>测试</p>", "测试"), clock.instant()));
    }

    /** Two failed attempts with nobody listening: with maxAttempts 2 every row enqueued so far is dead. */
    private void killRows() {
        dispatcher.dispatchDue();
        clock.advance(RETRY);
        dispatcher.dispatchDue();
        assertEquals(0, dispatcher.pendingCount(), "every row died");
    }

    private void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }
}
