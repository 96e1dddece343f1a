package io.yuqing.alerting.outbox;

import io.yuqing.core.config.PemCertificates;
import io.yuqing.core.config.SmtpConfig;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Sends mails over SMTP with Angus Mail: multipart/alternative (plain text, then HTML), UTF-8, a Message-ID derived
 * from the idempotency key. Unreachable servers and 4xx replies are retryable; 5xx rejections are not.
 *
 * <p>Connections are kept open and reused: a new connection per mail (TCP, greeting, EHLO, maybe STARTTLS and AUTH)
 * cost more than the mail itself in a burst of alerts. Each send borrows an idle connection (or opens one), so at
 * most as many are open as mails are being sent at once. A connection goes after {@value #MAX_MAILS_PER_CONNECTION}
 * mails, after {@link #IDLE_LIMIT} unused ({@link #closeIdle()} and every send check), on any failure, and on
 * {@link #close()}. A reused connection the server has meanwhile dropped or refuses to go on with is not the mail's
 * fault: the mail is tried once more on a fresh connection, and only that attempt's outcome is classified. As with
 * any retry, a mail whose acceptance reply was lost on the way may arrive twice, under the same Message-ID.
 *
 * <p>Transport security is {@link SmtpConfig#security()}: STARTTLS is then required (no AUTH in clear), the server's
 * certificate must chain to the JDK's CAs or to {@link SmtpConfig#trustedCertificates()}, and must name the host.
 * Authentication, certificate and STARTTLS failures are retryable with a reason saying what to fix.
 */
public final class SmtpMailSender implements MailSender {
    private static final Logger log = LoggerFactory.getLogger(SmtpMailSender.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    /**
     * Shorter than the idle timeouts mail servers commonly apply (RFC 5321 asks for 5 minutes, some use 30-60 s), so
     * we rarely find a connection dropped under us; long enough to carry a burst that pauses between alerts.
     */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(20);
    /** Some servers refuse more mails per connection than this; starting afresh now and then is cheap. */
    static final int MAX_MAILS_PER_CONNECTION = 100;

    private final SmtpConfig config;
    private final Clock clock;
    private final Session session;
    /** Open connections nobody is using, the most recently used last; guarded by itself, no I/O under the lock. */
    private final Deque<Pooled> idle = new ArrayDeque<>();
    private boolean closed;

    public SmtpMailSender(SmtpConfig config) {
        this(config, Clock.systemUTC());
    }

    /** The clock dates the Date header. */
    public SmtpMailSender(SmtpConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.session = Session.getInstance(properties(config));
    }

    private static Properties properties(SmtpConfig config) {
        String timeoutMillis = Long.toString(config.timeout().toMillis());
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", config.host());
        p.setProperty("mail.smtp.port", Integer.toString(config.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeoutMillis);
        p.setProperty("mail.smtp.timeout", timeoutMillis);
        p.setProperty("mail.smtp.writetimeout", timeoutMillis);
        p.setProperty("mail.smtp.from", config.from());
        // Closing a kept connection sends QUIT without waiting for the reply: a server (or a NAT) that went silent
        // must not hold the delivery loop for a whole timeout per connection.
        p.setProperty("mail.smtp.quitwait", "false");
        p.setProperty("mail.smtp.auth", Boolean.toString(!config.username().isEmpty()));
        boolean startTls = config.security() == SmtpConfig.Security.STARTTLS;
        // required: a server (or something in between) that stops offering STARTTLS must not get the password in clear
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
        p.setProperty("mail.smtp.ssl.enable", Boolean.toString(config.security() == SmtpConfig.Security.SSL));
        if (config.security() != SmtpConfig.Security.NONE) {
            // The JDK checks the chain and, asked by Angus here, that the certificate names the host we dialled.
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            // Without this Angus tries again with the JDK's default factory when ours fails, and reports that
            // attempt's error (unknown CA) instead of ours (e.g. a host name the certificate does not list).
            p.setProperty("mail.smtp.socketFactory.fallback", "false");
            if (!config.trustedCertificates().isEmpty()) {
                // Used for implicit TLS and for the STARTTLS upgrade alike.
                p.put("mail.smtp.ssl.socketFactory", socketFactory(Path.of(config.trustedCertificates())));
            }
        }
        p.setProperty("mail.mime.charset", UTF_8);
        return p;
    }

    /** TLS that trusts the JDK's CAs plus the given PEM file's, and nothing else. */
    static SSLSocketFactory socketFactory(Path pemFile) {
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (TrustManager tm : jdk.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate ca : x.getAcceptedIssuers()) {
                        anchors.setCertificateEntry("jdk-" + n++, ca);
                    }
                }
            }
            for (X509Certificate ca : PemCertificates.read(pemFile)) {
                anchors.setCertificateEntry("configured-" + n++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with the certificates of " + pemFile + ": " + e, e);
        }
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public SendResult send(OutgoingMail mail) {
        if (!config.enabled()) {
            return new SendResult.Failed("no SMTP host is configured (smtp.host is empty)", true);
        }
        String messageId = messageId(mail.idempotencyKey(), config.from());
        try {
            MimeMessage message = compose(mail, messageId);
            message.saveChanges(); // what Transport.send does first: headers and encodings fixed once
            Pooled reused = borrowIdle();
            if (reused != null) {
                try {
                    reused.transport().sendMessage(message, message.getAllRecipients());
                    giveBack(reused);
                    return new SendResult.Sent(messageId);
                } catch (MessagingException | RuntimeException e) {
                    closeQuietly(reused); // whatever went wrong, its session state is unknown now
                    SendResult.Failed failed = e instanceof MessagingException m ? classify(m)
                            : new SendResult.Failed("unexpected error while sending: " + e, true);
                    if (!failed.retryable()) {
                        return failed; // a live server's 5xx: the same reply would come on any connection
                    }
                    // Dropped while idle, 421 closing, or a 4xx a fresh session may not get: one more go at once.
                    log.debug("reused SMTP connection failed for {} ({}); trying a fresh one", mail.idempotencyKey(),
                            failed.reason());
                }
            }
            Pooled fresh = open();
            try {
                fresh.transport().sendMessage(message, message.getAllRecipients());
                giveBack(fresh);
                return new SendResult.Sent(messageId);
            } catch (MessagingException | RuntimeException e) {
                closeQuietly(fresh);
                throw e;
            }
        } catch (AddressException e) {
            return new SendResult.Failed("malformed mail address: " + e.getMessage(), false);
        } catch (MessagingException e) {
            SendResult.Failed failed = classify(e);
            log.debug("mail {} not sent: {}", mail.idempotencyKey(), failed.reason(), e);
            return failed;
        } catch (RuntimeException e) {
            // Angus can surface I/O trouble as unchecked exceptions; the contract is to never throw.
            return new SendResult.Failed("unexpected error while sending: " + e, true);
        }
    }

    /** An open connection: when it was last used (the injected clock) and how many mails it carried. */
    private record Pooled(Transport transport, Instant lastUsed, int mails) {
    }

    /** The most recently used idle connection still young enough; older ones are closed on the way. */
    private Pooled borrowIdle() {
        List<Pooled> stale = new ArrayList<>();
        Pooled found = null;
        Instant now = clock.instant();
        synchronized (idle) {
            while (found == null && !idle.isEmpty()) {
                Pooled p = idle.pollLast();
                if (tooOld(p, now)) {
                    stale.add(p);
                } else {
                    found = p;
                }
            }
        }
        stale.forEach(SmtpMailSender::closeQuietly);
        return found;
    }

    private boolean tooOld(Pooled p, Instant now) {
        return !p.lastUsed().plus(IDLE_LIMIT).isAfter(now);
    }

    private Pooled open() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        if (config.username().isEmpty()) {
            transport.connect();
        } else {
            transport.connect(config.username(), config.password());
        }
        return new Pooled(transport, clock.instant(), 0);
    }

    private void giveBack(Pooled used) {
        Pooled back = new Pooled(used.transport(), clock.instant(), used.mails() + 1);
        if (back.mails() < MAX_MAILS_PER_CONNECTION) {
            synchronized (idle) {
                if (!closed) {
                    idle.addLast(back);
                    return;
                }
            }
        }
        closeQuietly(back);
    }

    private static void closeQuietly(Pooled p) {
        try {
            p.transport().close(); // QUIT when the connection is still up
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing an SMTP connection: {}", e.toString());
        }
    }

    /** Closes connections unused for {@link #IDLE_LIMIT} or longer, so none is left for the server to drop. */
    @Override
    public void closeIdle() {
        List<Pooled> stale = new ArrayList<>();
        Instant now = clock.instant();
        synchronized (idle) {
            idle.removeIf(p -> tooOld(p, now) && stale.add(p));
        }
        stale.forEach(SmtpMailSender::closeQuietly);
    }

    /** Connections open now and not in use (for tests and the log). */
    int idleConnections() {
        synchronized (idle) {
            return idle.size();
        }
    }

    /** Closes every idle connection; ones in use are closed when their send ends. */
    @Override
    public void close() {
        List<Pooled> all;
        synchronized (idle) {
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(SmtpMailSender::closeQuietly);
    }

    private MimeMessage compose(OutgoingMail mail, String messageId) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(new InternetAddress(config.from(), true));
        List<String> recipients = mail.recipients();
        InternetAddress[] to = new InternetAddress[recipients.size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(recipients.get(i), true);
        }
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(mail.subject(), UTF_8);
        message.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.textBody(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.htmlBody(), UTF_8, "html");
        // Order matters in multipart/alternative: the last part is the preferred one.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    /** Maps a failure to retryable or permanent by the SMTP reply code found anywhere in the exception chain. */
    static SendResult.Failed classify(MessagingException e) {
        int code = -1;
        String reason = describe(e);
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++) {
            int found = switch (t) {
                case SMTPSendFailedException s -> s.getReturnCode();
                case SMTPAddressFailedException s -> s.getReturnCode();
                case SMTPSenderFailedException s -> s.getReturnCode();
                default -> -1;
            };
            if (found >= 500) {
                return new SendResult.Failed("rejected by the mail server (" + found + "): " + describe(t), false);
            }
            if (found >= 400) {
                code = found;
                reason = describe(t);
            }
            t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        }
        if (code >= 400) {
            return new SendResult.Failed("temporarily refused by the mail server (" + code + "): " + reason, true);
        }
        // The failures below need an operator (password, certificates, server settings), not a different mail:
        // retryable, so the outbox keeps the mail with growing delays (shown with this reason) until it is fixed.
        if (e instanceof AuthenticationFailedException) {
            return new SendResult.Failed("SMTP authentication failed (check smtp.username and smtp.password): "
                    + reason, true);
        }
        String tls = tlsProblem(e);
        if (tls != null) {
            return new SendResult.Failed(tls, true);
        }
        return new SendResult.Failed("mail server unreachable or connection failed: " + reason, true);
    }

    /** A TLS or certificate failure anywhere in the chain, said in one line naming what is wrong; else null. */
    private static String tlsProblem(MessagingException e) {
        boolean tls = false;
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("STARTTLS is required but host does not support STARTTLS")) {
                return "the mail server does not offer STARTTLS (smtp.security: starttls); use ssl if it expects TLS"
                        + " from the start (usually port 465)";
            }
            tls |= t instanceof SSLException || t instanceof CertificateException;
            t = t instanceof MessagingException me && me.getNextException() != null ? me.getNextException() : t.getCause();
        }
        if (!tls) {
            return null;
        }
        String detail = innermost(e);
        if (detail.contains("No subject alternative") || detail.contains("No name matching")
                || detail.contains("Server identity does not match")) {
            // Host name verification (mail.smtp.ssl.checkserveridentity) refused it.
            return "the mail server's certificate does not name the host in smtp.host (use a name or address the"
                    + " certificate lists): " + detail;
        }
        if (detail.contains("PKIX path") || detail.contains("certification path") || detail.contains("validity")
                || detail.contains("expired") || detail.contains("not yet valid")) {
            return "the mail server's certificate is not trusted (its CA is neither the JDK's nor in"
                    + " smtp.trustedCertificates, or it is expired): " + detail;
        }
        return "TLS with the mail server failed (does smtp.security match the port?): " + detail;
    }

    private static String innermost(Throwable t) {
        Throwable deepest = t;
        for (int depth = 0; depth < 16; depth++) {
            Throwable next = deepest instanceof MessagingException me && me.getNextException() != null
                    ? me.getNextException() : deepest.getCause();
            if (next == null || next == deepest) {
                break;
            }
            deepest = next;
        }
        String m = deepest.getMessage();
        return m == null ? deepest.getClass().getSimpleName() : m.strip();
    }


    private static String describe(Throwable t) {
        String m = t.getMessage();
        String d = m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
        return t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null
                ? d + " (" + t.getCause().getMessage() + ")" : d;
    }

    /**
     * {@code <alert.42.desk.publicity.3f9c0a1b@example.gov.cn>}: readable, unique per key (the hash keeps keys that
     * differ only in characters replaced here apart), and the same on every attempt.
     */
    static String messageId(String idempotencyKey, String from) {
        String readable = idempotencyKey.replaceAll("[^A-Za-z0-9_-]+", ".").replaceAll("^\\.+|\\.+$", "");
        if (readable.length() > 100) {
            readable = readable.substring(0, 100);
        }
        String domain = from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "");
        if (domain.isEmpty()) {
            domain = "yuqing.local";
        }
        return "<" + readable + "." + shortHash(idempotencyKey) + "@" + domain + ">";
    }

    private static String shortHash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A MimeMessage whose Message-ID is ours rather than a fresh random one per save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
