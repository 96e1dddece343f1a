package io.yuqing.app.security;

import io.yuqing.alerting.review.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Logins, sessions and logouts. Five wrong passwords lock an account for 15 minutes; twenty failures from one client
 * address in 15 minutes block that address. Every login, failure and logout is written to the audit log.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    public static final int MAX_FAILED_ATTEMPTS = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    public static final Duration SESSION_LIFETIME = Duration.ofHours(8);
    static final int MAX_FAILURES_PER_CLIENT = 20;

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final AuditLog audit;
    private final LoginThrottle throttle;

    public Authenticator(UserStore users, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
        this.audit = new AuditLog(users.dataSource(), clock);
        this.throttle = new LoginThrottle(clock, MAX_FAILURES_PER_CLIENT, LOCKOUT);
    }

    public LoginResult login(String name, String password, String client) {
        Instant now = clock.instant();
        String who = name == null || name.isBlank() ? "(空)" : abbreviate(name.strip());
        Optional<Instant> blocked = throttle.blockedUntil(client);
        if (blocked.isPresent()) {
            audit.record(who, "login_throttled", "client " + client);
            return new LoginResult.Throttled(blocked.get());
        }
        Optional<UserStore.Account> found = users.account(name == null ? null : name.strip());
        if (found.isEmpty()) {
            hasher.burn(password);
            throttle.failed(client);
            audit.record(who, "login_failed", "unknown user, client " + client);
            return new LoginResult.BadCredentials();
        }
        UserStore.Account account = found.get();
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            throttle.failed(client);
            audit.record(who, "login_locked", "account locked until " + account.lockedUntil() + ", client " + client);
            return new LoginResult.LockedOut(account.lockedUntil());
        }
        if (!hasher.matches(password, account.passwordHash())) {
            throttle.failed(client);
            // A lock that has run out starts a fresh count.
            int failures = (account.lockedUntil() != null ? 0 : account.failedAttempts()) + 1;
            if (failures >= MAX_FAILED_ATTEMPTS) {
                Instant until = now.plus(LOCKOUT);
                users.recordFailure(account.user().name(), failures, until);
                audit.record(who, "login_lockout", failures + " wrong passwords, locked until " + until + ", client " + client);
                LOG.warn("account {} locked until {} after {} wrong passwords", account.user().name(), until, failures);
                return new LoginResult.LockedOut(until);
            }
            users.recordFailure(account.user().name(), failures, null);
            audit.record(who, "login_failed", "wrong password (" + failures + "), client " + client);
            return new LoginResult.BadCredentials();
        }
        users.clearFailures(account.user().name());
        Session session = new Session(Secrets.token(), account.user(), Secrets.token(), now.plus(SESSION_LIFETIME));
        users.update("creating a session for " + who, "INSERT INTO console_sessions (id_hash, user_name, csrf_token, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, Secrets.sha256(session.id()));
            ps.setString(2, account.user().name());
            ps.setString(3, session.csrfToken());
            ps.setLong(4, now.toEpochMilli());
            ps.setLong(5, session.expiresAt().toEpochMilli());
        });
        audit.record(account.user().name(), "login", "client " + client);
        return new LoginResult.LoggedIn(session);
    }

    /** The live session with this cookie value; expired ones are deleted on sight. */
    public Optional<Session> session(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(id);
        record Row(String user, String csrf, long expires) {
        }
        Row row = users.query("reading a session", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT user_name, csrf_token, expires_at FROM console_sessions WHERE id_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Row(rs.getString(1), rs.getString(2), rs.getLong(3)) : null;
                }
            }
        });
        if (row == null) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochMilli(row.expires());
        if (!expires.isAfter(clock.instant())) {
            users.update("deleting an expired session", "DELETE FROM console_sessions WHERE id_hash = ?", ps -> ps.setString(1, hash));
            return Optional.empty();
        }
        return users.find(row.user()).map(u -> new Session(id, u, row.csrf(), expires));
    }

    public void logout(Session session) {
        users.update("ending a session", "DELETE FROM console_sessions WHERE id_hash = ?", ps -> ps.setString(1, Secrets.sha256(session.id())));
        audit.record(session.user().name(), "logout", "");
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
