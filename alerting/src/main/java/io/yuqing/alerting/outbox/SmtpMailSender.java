package io.yuqing.alerting.outbox;

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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Sends mails over SMTP with Angus Mail: multipart/alternative (plain text, then HTML), UTF-8, a Message-ID derived
 * from the idempotency key. Unreachable servers and 4xx replies are retryable; 5xx rejections are not.
 */
public final class SmtpMailSender implements MailSender {
    private static final Logger log = LoggerFactory.getLogger(SmtpMailSender.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SmtpConfig config;
    private final Clock clock;
    private final Session session;

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
        p.setProperty("mail.smtp.auth", Boolean.toString(!config.username().isEmpty()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
        p.setProperty("mail.mime.charset", UTF_8);
        return p;
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
            if (config.username().isEmpty()) {
                Transport.send(message);
            } else {
                Transport.send(message, config.username(), config.password());
            }
            return new SendResult.Sent(messageId);
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
        if (e instanceof AuthenticationFailedException) {
            // Usually wrong credentials in the config: retry so the mail survives until an operator fixes them.
            return new SendResult.Failed("SMTP authentication failed: " + reason, true);
        }
        return new SendResult.Failed("mail server unreachable or connection failed: " + reason, true);
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
