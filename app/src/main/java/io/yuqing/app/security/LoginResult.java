package io.yuqing.app.security;

import java.time.Instant;

/** What a login attempt came to. */
public sealed interface LoginResult {
    record LoggedIn(Session session) implements LoginResult {
    }

    /** Unknown user or wrong password: deliberately indistinguishable. */
    record BadCredentials() implements LoginResult {
    }

    /** Too many wrong passwords for this account; no password is checked until the lock ends. */
    record LockedOut(Instant until) implements LoginResult {
    }

    /** Too many failures from this client address, whatever the account. */
    record Throttled(Instant until) implements LoginResult {
    }
}
