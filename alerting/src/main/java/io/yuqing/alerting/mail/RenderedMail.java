package io.yuqing.alerting.mail;

/** A mail ready to send: a one-line subject and the same content as HTML and as plain text. */
public record RenderedMail(String subject, String htmlBody, String textBody) {
}
