package io.yuqing.app.security;

import io.yuqing.alerting.review.AuditLog;
import io.yuqing.core.db.Database;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users, password hashes, lockout, sessions and tokens on a real H2 database, with time from an adjustable clock. */
class AuthenticatorTest {
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private Database db;
    private UserStore users;
    private Authenticator auth;

    @BeforeEach
    void open() {
        db = new Database("jdbc:h2:mem:auth" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        db.migrate("alerting");
        db.migrate("app");
        PasswordHasher hasher = new PasswordHasher();
        users = new UserStore(db.dataSource(), clock, hasher);
        auth = new Authenticator(users, hasher, clock);
        assertInstanceOf(UserStore.AddResult.Added.class,
                users.add("li", Role.DESK, "publicity", "a long password", List.of("publicity", "united-front"), "test"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void passwordIsStoredAsArgon2idNotInClear() {
        String stored = users.account("li").orElseThrow().passwordHash();
        assertTrue(stored.startsWith("$argon2id$"), stored);
        assertFalse(stored.contains("a long password"));
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertInstanceOf(UserStore.AddResult.AlreadyExists.class, users.add("li", Role.VIEWER, null, "another password", List.of(), "t"));
        var shortPw = assertInstanceOf(UserStore.AddResult.Invalid.class, users.add("wang", Role.VIEWER, null, "short", List.of(), "t"));
        assertTrue(shortPw.message().contains("at least"), shortPw.message());
        var noDesk = assertInstanceOf(UserStore.AddResult.Invalid.class, users.add("wang", Role.DESK, null, "a long password", List.of("publicity"), "t"));
        assertTrue(noDesk.message().contains("publicity"), noDesk.message());
        assertInstanceOf(UserStore.AddResult.Invalid.class, users.add("wang", Role.DESK, "nosuch", "a long password", List.of("publicity"), "t"));
        assertInstanceOf(UserStore.AddResult.Invalid.class, users.add("bad name<", Role.VIEWER, null, "a long password", List.of(), "t"));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForFifteenMinutes() {
        for (int i = 1; i < Authenticator.MAX_FAILED_ATTEMPTS; i++) {
            assertInstanceOf(LoginResult.BadCredentials.class, auth.login("li", "wrong password", "10.0.0.1"));
        }
        var locked = assertInstanceOf(LoginResult.LockedOut.class, auth.login("li", "wrong password", "10.0.0.1"));
        assertEquals(clock.instant().plus(Authenticator.LOCKOUT), locked.until());
        // Locked: even the right password is not checked.
        assertInstanceOf(LoginResult.LockedOut.class, auth.login("li", "a long password", "10.0.0.2"));
        clock.advance(Authenticator.LOCKOUT.minusSeconds(1));
        assertInstanceOf(LoginResult.LockedOut.class, auth.login("li", "a long password", "10.0.0.2"));
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(LoginResult.LoggedIn.class, auth.login("li", "a long password", "10.0.0.2"));

        List<String> actions = new AuditLog(db.dataSource(), clock).recentEvents(50).stream().map(a -> a.action()).toList();
        assertTrue(actions.containsAll(List.of("login_failed", "login_lockout", "login_locked", "login")), actions.toString());
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        assertInstanceOf(LoginResult.BadCredentials.class, auth.login("nobody", "whatever it is", "10.0.0.1"));
        assertInstanceOf(LoginResult.BadCredentials.class, auth.login("li", "whatever it is", "10.0.0.1"));
    }

    @Test
    void oneClientFailingOnManyAccountsIsThrottled() {
        for (int i = 0; i < Authenticator.MAX_FAILURES_PER_CLIENT; i++) {
            auth.login("user" + i, "guess", "10.9.9.9");
        }
        assertInstanceOf(LoginResult.Throttled.class, auth.login("li", "a long password", "10.9.9.9"));
        assertInstanceOf(LoginResult.LoggedIn.class, auth.login("li", "a long password", "10.0.0.3"));
        clock.advance(Authenticator.LOCKOUT);
        assertInstanceOf(LoginResult.LoggedIn.class, auth.login("li", "a long password", "10.9.9.9"));
    }

    @Test
    void sessionsExpireAndEndAtLogout() {
        Session s = assertInstanceOf(LoginResult.LoggedIn.class, auth.login("li", "a long password", "10.0.0.1")).session();
        assertEquals("publicity", auth.session(s.id()).orElseThrow().user().deskId());
        assertTrue(auth.session("forged").isEmpty());
        clock.advance(Authenticator.SESSION_LIFETIME);
        assertTrue(auth.session(s.id()).isEmpty(), "expired");

        Session t = assertInstanceOf(LoginResult.LoggedIn.class, auth.login("li", "a long password", "10.0.0.1")).session();
        auth.logout(t);
        assertTrue(auth.session(t.id()).isEmpty(), "logged out");
    }

    @Test
    void apiTokensAreStoredHashed() throws Exception {
        String token = users.createToken("li", "test").orElseThrow();
        assertEquals("li", users.userForToken(token).orElseThrow().name());
        assertTrue(users.userForToken(token + "x").isEmpty());
        assertTrue(users.createToken("nobody", "test").isEmpty());
        try (var c = db.dataSource().getConnection(); var rs = c.createStatement().executeQuery("SELECT token_hash FROM api_tokens")) {
            rs.next();
            assertEquals(Secrets.sha256(token), rs.getString(1));
        }
    }
}
