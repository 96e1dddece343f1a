package io.yuqing.app.security;

import java.time.Instant;

/** A logged-in browser: the cookie value (never stored, only its hash), the user, and the session's CSRF token. */
public record Session(String id, User user, String csrfToken, Instant expiresAt) {
}
