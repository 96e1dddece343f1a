package io.yuqing.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The mail server. An empty host keeps mails in the outbox without sending.
 *
 * @param security            how the connection is protected: none, STARTTLS (usually port 587) or implicit TLS
 *                            (SMTPS, usually port 465); the server's certificate and host name are always checked
 * @param trustedCertificates a PEM file of CA certificates trusted besides the JDK's own (a city's private CA);
 *                            empty: the JDK's alone
 */
public record SmtpConfig(String host, int port, String from, String username, String password, Security security,
                         String trustedCertificates, Duration timeout) {

    /** Transport security; one setting so that contradictory combinations cannot be written. */
    public enum Security {
        /** Plain SMTP: only for a relay on the same host or network. */
        NONE,
        /** Plain connection upgraded with STARTTLS before AUTH; refused if the server does not offer it. */
        STARTTLS,
        /** TLS from the first byte (SMTPS). */
        SSL;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Security parse(String text) {
            if (text == null) {
                throw new IllegalArgumentException("smtp security is required (none, starttls or ssl)");
            }
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "none", "plain" -> NONE;
                case "starttls" -> STARTTLS;
                case "ssl", "tls", "smtps" -> SSL;
                default -> throw new IllegalArgumentException("unknown smtp security '" + text
                        + "' (expected none, starttls or ssl)");
            };
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SmtpConfig {
        host = host == null ? "" : host.strip();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp port must be between 1 and 65535, not " + port);
        }
        if (from == null || !from.contains("@")) {
            throw new IllegalArgumentException("smtp from must be a mail address, not '" + from + "'");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        security = security == null ? Security.NONE : security;
        trustedCertificates = trustedCertificates == null ? "" : trustedCertificates.strip();
        if (!trustedCertificates.isEmpty()) {
            if (security == Security.NONE) {
                throw new IllegalArgumentException("smtp trustedCertificates is set but security is none: "
                        + "set security to starttls or ssl, or remove trustedCertificates");
            }
            // Read now, so a wrong path or a file without certificates stops the start with its line, not the first mail.
            PemCertificates.read(Path.of(trustedCertificates));
        }
        Checks.positive("smtp timeout", timeout);
    }

    /** A server without transport security and no certificates of our own. */
    public SmtpConfig(String host, int port, String from, String username, String password, Security security,
                      Duration timeout) {
        this(host, port, from, username, password, security, "", timeout);
    }

    public boolean enabled() {
        return !host.isEmpty();
    }

    public SmtpConfig withServer(String newHost, int newPort) {
        return new SmtpConfig(newHost, newPort, from, username, password, security, trustedCertificates, timeout);
    }
}
