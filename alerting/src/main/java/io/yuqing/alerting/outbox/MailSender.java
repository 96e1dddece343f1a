package io.yuqing.alerting.outbox;

/** Hands one mail to a mail server. Never throws: every outcome is a {@link SendResult}. */
@FunctionalInterface
public interface MailSender extends AutoCloseable {
    SendResult send(OutgoingMail mail);

    /**
     * False when no mail server is configured: the dispatcher then leaves mails in the outbox untouched (no attempt
     * counted) until one is.
     */
    default boolean enabled() {
        return true;
    }

    /** Lets go of resources left unused for a while (kept-open connections); called between dispatch runs. */
    default void closeIdle() {
    }

    /** Lets go of every resource; sending afterwards is not expected. */
    @Override
    default void close() {
    }
}
