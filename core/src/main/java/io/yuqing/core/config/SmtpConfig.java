package io.yuqing.core.config;

import java.time.Duration;

/** The mail server. An empty host keeps mails in the outbox without sending. */
public record SmtpConfig(String host, int port, String from, String username, String password, boolean startTls,
                         Duration timeout) {
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
        Checks.positive("smtp timeout", timeout);
    }

    public boolean enabled() {
        return !host.isEmpty();
    }

    public SmtpConfig withServer(String newHost, int newPort) {
        return new SmtpConfig(newHost, newPort, from, username, password, startTls, timeout);
    }
}
