package io.yuqing.alerting.outbox;

import io.yuqing.core.db.TestDatabases;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeMessage;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs on H2 and on a real PostgreSQL: the same migrations and SQL serve both. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class OutboxDispatcherTest {
    @Parameter
    TestDatabases.Kind kind;
    static final Duration RETRY = Duration.ofSeconds(30);

    Database db;
    AdjustableClock clock;
    SimpleMeterRegistry meters;
    int port;
    GreenMail greenMail;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        meters = new SimpleMeterRegistry();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // a port nobody listens on until the test starts GreenMail there
        }
    }

    @AfterEach
    void tearDown() {
        if (greenMail != null) {
            greenMail.stop();
        }
        db.close();
    }

    OutboxDispatcher dispatcher(int maxAttempts, SimpleMeterRegistry registry) {
        SmtpConfig smtp = new SmtpConfig("127.0.0.1", port, "yuqing@example.gov.cn", "", "", SmtpConfig.Security.NONE,
                Duration.ofSeconds(5));
        return new OutboxDispatcher(db.dataSource(), new SmtpMailSender(smtp, clock), new AlertingConfig(RETRY,
                maxAttempts), clock, registry);
    }

    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    void enqueue(String key) {
        Jdbc.inTransaction(db.dataSource(), "enqueue", c -> Outbox.enqueue(c, new OutgoingMail(key,
                List.of("xc@example.gov.cn"), "【蓝色预警】测试", "<p>测试</p>", "测试"), clock.instant()));
    }

    @Test
    void smtpDownSchedulesBackoffThenDeliversExactlyOnceWhenBack() throws Exception {
        OutboxDispatcher dispatcher = dispatcher(8, meters);
        enqueue("alert:1:desk:publicity");

        assertEquals(new DispatchReport(0, 1, 0), dispatcher.dispatchDue(), "server down: retry scheduled");
        assertEquals(Docs.T0.plus(RETRY), row("alert:1:desk:publicity").nextAttemptAt());
        assertEquals(1, row("alert:1:desk:publicity").attempts());
        assertNotNull(row("alert:1:desk:publicity").lastError());
        assertEquals(0, dispatcher.dispatchDue().attempted(), "not due yet");

        clock.advance(RETRY.minusSeconds(1));
        assertEquals(0, dispatcher.dispatchDue().attempted(), "still not due");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new DispatchReport(0, 1, 0), dispatcher.dispatchDue(), "second attempt, still down");
        assertEquals(clock.instant().plus(RETRY.multipliedBy(2)), row("alert:1:desk:publicity").nextAttemptAt(),
                "the delay doubles");
        assertEquals(2.0, meters.get("yuqing.mail.sent").tag("outcome", "retry").counter().count());
        assertEquals(1.0, meters.get("yuqing.outbox.pending").gauge().value());

        startGreenMail();
        clock.advance(RETRY.multipliedBy(2));
        assertEquals(new DispatchReport(1, 0, 0), dispatcher.dispatchDue());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        OutboxRow sent = row("alert:1:desk:publicity");
        assertEquals("sent", sent.status());
        assertEquals(clock.instant(), sent.sentAt());
        assertNull(sent.lastError());
        assertEquals(0, dispatcher.pendingCount());

        clock.advance(Duration.ofDays(1));
        assertEquals(0, dispatcher.dispatchDue().attempted());
        OutboxDispatcher afterRestart = dispatcher(8, new SimpleMeterRegistry());
        assertEquals(0, afterRestart.dispatchDue().attempted(), "a restarted dispatcher sends nothing twice");
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertEquals(1.0, meters.get("yuqing.mail.sent").tag("outcome", "sent").counter().count());
    }

    @Test
    void givesUpAfterMaxAttempts() {
        OutboxDispatcher dispatcher = dispatcher(3, meters);
        enqueue("alert:2:desk:publicity");

        assertEquals(1, dispatcher.dispatchDue().retried());
        clock.advance(RETRY);
        assertEquals(1, dispatcher.dispatchDue().retried());
        clock.advance(RETRY.multipliedBy(2));
        assertEquals(new DispatchReport(0, 0, 1), dispatcher.dispatchDue(), "third of three attempts failed");

        OutboxRow dead = row("alert:2:desk:publicity");
        assertEquals("dead", dead.status());
        assertEquals(3, dead.attempts());
        assertTrue(dead.lastError().contains("unreachable"), dead.lastError());
        assertEquals(0, dispatcher.pendingCount());
        assertEquals(1.0, meters.get("yuqing.mail.sent").tag("outcome", "dead").counter().count());

        startGreenMail();
        clock.advance(Duration.ofDays(1));
        assertEquals(0, dispatcher.dispatchDue().attempted(), "dead mails stay dead");
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void permanentRejectionIsDeadAtOnce() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 mailbox unavailable")) {
            port = server.port();
            OutboxDispatcher dispatcher = dispatcher(8, meters);
            enqueue("alert:3:desk:publicity");
            assertEquals(new DispatchReport(0, 0, 1), dispatcher.dispatchDue());
            assertEquals("dead", row("alert:3:desk:publicity").status());
            assertTrue(row("alert:3:desk:publicity").lastError().contains("550"));
        }
    }

    @Test
    void disabledSenderLeavesMailsWaitingWithoutUsingAttempts() {
        SmtpConfig noHost = new SmtpConfig("", 25, "yuqing@example.gov.cn", "", "", SmtpConfig.Security.NONE, Duration.ofSeconds(5));
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), new SmtpMailSender(noHost),
                new AlertingConfig(RETRY, 2), clock, meters);
        enqueue("alert:4:desk:publicity");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofHours(1));
            assertEquals(0, dispatcher.dispatchDue().attempted());
        }
        assertEquals(0, row("alert:4:desk:publicity").attempts());
        assertEquals(1, dispatcher.pendingCount());
    }

    @Test
    void aMailServerRestartedBetweenMailsGetsEveryMailExactlyOnce() throws Exception {
        startGreenMail();
        SmtpMailSender smtp = new SmtpMailSender(new SmtpConfig("127.0.0.1", port, "yuqing@example.gov.cn", "", "",
                SmtpConfig.Security.NONE, Duration.ofSeconds(5)), clock);
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), smtp, new AlertingConfig(RETRY, 8),
                clock, meters);
        enqueue("alert:1:desk:publicity");
        enqueue("alert:2:desk:publicity");
        assertEquals(new DispatchReport(2, 0, 0), dispatcher.dispatchDue());
        assertTrue(smtp.idleConnections() >= 1, "the connection is kept for the next mails");
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));

        greenMail.stop(); // down while our connection waits in the pool
        enqueue("alert:3:desk:publicity");
        enqueue("alert:4:desk:publicity");
        assertEquals(new DispatchReport(0, 2, 0), dispatcher.dispatchDue(), "the kept connection and a fresh one fail");
        assertEquals(0, smtp.idleConnections());

        startGreenMail(); // back on the same port, a new server that knows nothing of the old connection
        clock.advance(RETRY);
        assertEquals(new DispatchReport(2, 0, 0), dispatcher.dispatchDue());
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        assertEquals(0, dispatcher.dispatchDue().attempted());
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            assertTrue(ids.add(m.getMessageID()), "sent twice: " + m.getMessageID());
        }
        assertEquals(Set.of(SmtpMailSender.messageId("alert:3:desk:publicity", "yuqing@example.gov.cn"),
                SmtpMailSender.messageId("alert:4:desk:publicity", "yuqing@example.gov.cn")), ids);
        assertEquals(2, row("alert:3:desk:publicity").attempts());
        assertEquals("sent", row("alert:4:desk:publicity").status());
        smtp.close();
    }

    @Test
    void mailsAreSentFromPlatformThreadsNotVirtualOnes() {
        // The pipeline runs CPU-bound work on virtual threads; a virtual sender would queue behind it for a carrier.
        List<Boolean> virtual = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        MailSender recording = mail -> {
            virtual.add(Thread.currentThread().isVirtual());
            return new SendResult.Sent("<" + mail.idempotencyKey() + "@test>");
        };
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), recording,
                new AlertingConfig(RETRY, 8, null, null, null, null, null, null, null, 3), clock, meters);
        for (int i = 0; i < 6; i++) {
            enqueue("alert:" + i + ":desk:publicity");
        }
        assertEquals(new DispatchReport(6, 0, 0), dispatcher.dispatchDue());
        assertEquals(List.of(false, false, false, false, false, false), virtual);
    }

    @Test
    void aSenderThatThrowsIsTreatedAsRetryableAndOthersStillGo() {
        startGreenMail();
        SmtpMailSender smtp = new SmtpMailSender(new SmtpConfig("127.0.0.1", port, "yuqing@example.gov.cn", "", "",
                SmtpConfig.Security.NONE, Duration.ofSeconds(5)), clock);
        MailSender flaky = mail -> {
            if (mail.idempotencyKey().endsWith("bad")) {
                throw new IllegalStateException("broken sender");
            }
            return smtp.send(mail);
        };
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), flaky, new AlertingConfig(RETRY, 3),
                clock, meters);
        enqueue("mail:bad");
        enqueue("mail:good");
        assertEquals(new DispatchReport(1, 1, 0), dispatcher.dispatchDue());
        assertTrue(row("mail:bad").lastError().contains("broken sender"));
    }

    @Test
    void severalMailsAreSentAtOnceEachExactlyOnce() throws Exception {
        startGreenMail();
        SmtpMailSender smtp = new SmtpMailSender(new SmtpConfig("127.0.0.1", port, "yuqing@example.gov.cn", "", "",
                SmtpConfig.Security.NONE, Duration.ofSeconds(5)), clock);
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch fourAtOnce = new java.util.concurrent.CountDownLatch(4);
        // A slow mail server: each exchange waits until four are under way (or a while), as a remote server's would.
        MailSender slow = mail -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            fourAtOnce.countDown();
            try {
                fourAtOnce.await(5, java.util.concurrent.TimeUnit.SECONDS);
                return smtp.send(mail);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return smtp.send(mail);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        AlertingConfig fourSenders = new AlertingConfig(RETRY, 8, null, null, null, null, null, null, null, 4);
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), slow, fourSenders, clock, meters);
        for (int i = 0; i < 12; i++) {
            enqueue("alert:" + i + ":desk:publicity");
        }
        assertEquals(new DispatchReport(12, 0, 0), dispatcher.dispatchDue());
        assertEquals(4, most.get(), "four exchanges at once, never more");
        assertEquals(12, greenMail.getReceivedMessages().length, "every mail once");
        assertEquals(new DispatchReport(0, 0, 0), dispatcher.dispatchDue(), "nothing left, nothing sent twice");
    }

    @Test
    void shuttingDownStopsClaimingAndRecordsTheSendsInFlight() throws Exception {
        // Closing the service interrupts the delivery loop: the run must claim nothing more, and the mails already
        // being sent must finish and be recorded as sent — or a restart would send them again.
        for (int i = 1; i <= 6; i++) {
            enqueue("alert:" + i + ":desk:publicity");
        }
        java.util.concurrent.CountDownLatch twoInFlight = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        MailSender slow = mail -> {
            twoInFlight.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(mail.idempotencyKey());
            return new SendResult.Sent("<" + mail.idempotencyKey() + "@test>");
        };
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), slow,
                new AlertingConfig(RETRY, 8, null, null, null, null, null, null, null, 2), clock, meters);
        java.util.concurrent.atomic.AtomicReference<DispatchReport> report = new java.util.concurrent.atomic.AtomicReference<>();
        Thread loop = Thread.ofPlatform().start(() -> report.set(dispatcher.dispatchDue()));
        assertTrue(twoInFlight.await(10, java.util.concurrent.TimeUnit.SECONDS));
        loop.interrupt(); // as the service's close does; the run waits for a free sender, then sees it
        release.countDown();
        loop.join(10_000);
        assertTrue(!loop.isAlive(), "the run ended");
        assertEquals(new DispatchReport(2, 0, 0), report.get(), "the two in flight finished and nothing more was claimed");
        assertEquals(2, sent.size());
        for (String key : sent) {
            assertNotNull(row(key).sentAt(), key + " recorded as sent");
        }
        long untouched = java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> "alert:" + i + ":desk:publicity")
                .filter(k -> !sent.contains(k)).filter(k -> row(k).attempts() == 0 && row(k).sentAt() == null).count();
        assertEquals(4, untouched, "the rest left pending for the next start, not claimed");
    }

    @Test
    void aSlowRunNeverLetsAnotherNodeSendARowItStillHolds() {
        // Each mail takes this node 50 s (a tarpitting server, or a dropped kept connection's timeout and a fresh
        // try); another node dispatches whenever this one is on its third mail. A row's lease must count from its own
        // claim, and a slow run must stop claiming, or the other node sends a row this one is about to send.
        for (int i = 1; i <= 6; i++) {
            enqueue("alert:" + i + ":desk:publicity");
        }
        AlertingConfig one = new AlertingConfig(RETRY, 8, null, null, null, null, null, null, null, 1);
        List<String> sentByOther = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<String> sentBySlow = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        OutboxDispatcher other = new OutboxDispatcher(db.dataSource(), mail -> {
            sentByOther.add(mail.idempotencyKey());
            return new SendResult.Sent("<" + mail.idempotencyKey() + "@other>");
        }, one, clock, new SimpleMeterRegistry());
        OutboxDispatcher slow = new OutboxDispatcher(db.dataSource(), mail -> {
            sentBySlow.add(mail.idempotencyKey());
            clock.advance(Duration.ofSeconds(50));
            if (sentBySlow.size() == 3) {
                other.dispatchDue();
            }
            return new SendResult.Sent("<" + mail.idempotencyKey() + "@slow>");
        }, one, clock, meters);

        DispatchReport slowRun = slow.dispatchDue();
        assertTrue(slowRun.sent() < 6, "a slow run stops claiming and leaves the rest: " + slowRun);
        other.dispatchDue();
        List<String> all = new java.util.ArrayList<>(sentBySlow);
        all.addAll(sentByOther);
        assertEquals(6, all.size(), "every mail sent exactly once: slow " + sentBySlow + ", other " + sentByOther);
        assertEquals(6, new java.util.HashSet<>(all).size(), "slow " + sentBySlow + ", other " + sentByOther);
    }

    @Test
    void mailsAboutTheSameThingKeepTheirOrderWhileOthersGoAlongside() throws Exception {
        startGreenMail();
        SmtpMailSender smtp = new SmtpMailSender(new SmtpConfig("127.0.0.1", port, "yuqing@example.gov.cn", "", "",
                SmtpConfig.Security.NONE, Duration.ofSeconds(5)), clock);
        List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch otherAlertSent = new java.util.concurrent.CountDownLatch(1);
        // The group's first notification is slow to send — it waits for another alert's mail, which must go alongside
        // — and its reminder must still come after it.
        MailSender slowFirst = mail -> {
            events.add("start " + mail.idempotencyKey());
            try {
                if (mail.idempotencyKey().equals("group:7:1:desk:publicity")) {
                    events.add(otherAlertSent.await(10, java.util.concurrent.TimeUnit.SECONDS) ? "other went alongside" : "other waited");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SendResult result = smtp.send(mail);
            events.add("end " + mail.idempotencyKey());
            if (mail.idempotencyKey().equals("alert:9:desk:publicity")) {
                otherAlertSent.countDown();
            }
            return result;
        };
        AlertingConfig fourSenders = new AlertingConfig(RETRY, 8, null, null, null, null, null, null, null, 4);
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.dataSource(), slowFirst, fourSenders, clock, meters);
        enqueue("group:7:1:desk:publicity");
        enqueue("group:7:2:desk:publicity");
        enqueue("alert:9:desk:publicity");
        assertEquals(new DispatchReport(3, 0, 0), dispatcher.dispatchDue());
        assertTrue(events.indexOf("end group:7:1:desk:publicity") < events.indexOf("start group:7:2:desk:publicity"),
                "the reminder waits for the first notification: " + events);
        assertTrue(events.contains("other went alongside"), "another alert's mail goes alongside: " + events);
        assertEquals("group:7", OutboxDispatcher.lane("group:7:2:desk:publicity"));
        assertEquals("alert:9", OutboxDispatcher.lane("alert:9:renotify:desk:publicity:webhook:0"));
        assertEquals("digest:publicity", OutboxDispatcher.lane("digest:publicity:2026-11-26"));
    }

    @Test
    void twoNodesDispatchingAtOnceDeliverEveryMailExactlyOnce() throws Exception {
        // Several nodes share one database only on PostgreSQL. H2 (embedded, one process) applies FETCH before
        // SKIP LOCKED when the query sorts, so a claim racing another comes back empty and the second node would
        // stop at once: still never a duplicate, but this test's meeting of the two nodes could not happen.
        assumeTrue(kind == TestDatabases.Kind.POSTGRES, "several service nodes need PostgreSQL");
        startGreenMail();
        int mails = 40;
        for (int i = 0; i < mails; i++) {
            enqueue("alert:" + i + ":desk:publicity");
        }
        // Each node holds its first mail until the other is sending too: both claim rows while the other is
        // mid-delivery, as two service nodes on one database do.
        CyclicBarrier bothSending = new CyclicBarrier(2);
        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
        try (Database secondNode = TestDatabases.secondPool(db);
             ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            OutboxDispatcher first = node(db, bothSending, meters);
            OutboxDispatcher second = node(secondNode, bothSending, secondMeters);
            Future<DispatchReport> firstRun = nodes.submit(first::dispatchDue);
            Future<DispatchReport> secondRun = nodes.submit(second::dispatchDue);
            DispatchReport a = firstRun.get();
            DispatchReport b = secondRun.get();

            assertEquals(mails, a.sent() + b.sent(), a + " + " + b);
            assertTrue(a.sent() > 0 && b.sent() > 0, "both nodes delivered: " + a + ", " + b);
            assertEquals(0, a.retried() + b.retried() + a.dead() + b.dead());
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(mails, received.length, "every mail arrived once");
        Set<String> messageIds = new HashSet<>();
        for (MimeMessage m : received) {
            messageIds.add(m.getMessageID());
        }
        assertEquals(mails, messageIds.size(), "no mail arrived twice");
        for (int i = 0; i < mails; i++) {
            OutboxRow row = row("alert:" + i + ":desk:publicity");
            assertEquals("sent", row.status());
            assertEquals(1, row.attempts(), "claimed once");
        }
    }

    OutboxDispatcher node(Database database, CyclicBarrier bothSending, SimpleMeterRegistry registry) {
        SmtpMailSender smtp = new SmtpMailSender(new SmtpConfig("127.0.0.1", port, "yuqing@example.gov.cn", "", "",
                SmtpConfig.Security.NONE, Duration.ofSeconds(5)), clock);
        AtomicBoolean waited = new AtomicBoolean();
        MailSender meetingTheOtherNode = mail -> {
            if (waited.compareAndSet(false, true)) {
                try {
                    bothSending.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("the other node never sent: " + e, e);
                }
            }
            return smtp.send(mail);
        };
        return new OutboxDispatcher(database.dataSource(), meetingTheOtherNode, new AlertingConfig(RETRY, 3), clock,
                registry);
    }

    @Test
    void backoffDoublesFromRetryDelay() {
        OutboxDispatcher dispatcher = dispatcher(8, meters);
        assertEquals(RETRY, dispatcher.backoff(1));
        assertEquals(RETRY.multipliedBy(2), dispatcher.backoff(2));
        assertEquals(RETRY.multipliedBy(64), dispatcher.backoff(7));
    }

    record OutboxRow(String status, int attempts, Instant nextAttemptAt, Instant sentAt, String lastError) {
    }

    OutboxRow row(String key) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, attempts, next_attempt_at, sent_at, last_error FROM outbox WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), key);
                return new OutboxRow(rs.getString(1), rs.getInt(2), Jdbc.instant(rs, "next_attempt_at"),
                        Jdbc.instant(rs, "sent_at"), rs.getString(5));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
