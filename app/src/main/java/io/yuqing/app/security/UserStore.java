package io.yuqing.app.security;

import io.yuqing.alerting.review.AuditLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/** Console users and their API tokens in the app database (migration V2__users.sql). */
public final class UserStore {
    /** Shorter passwords are refused; generated ones are 16 characters. */
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,100}");

    private final DataSource ds;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public UserStore(DataSource ds, Clock clock, PasswordHasher hasher) {
        this.ds = ds;
        this.clock = clock;
        this.hasher = hasher;
        this.audit = new AuditLog(ds, clock);
    }

    /** The result of adding a user: added, or why not. */
    public sealed interface AddResult {
        record Added(User user) implements AddResult {
        }

        record AlreadyExists(String name) implements AddResult {
        }

        record Invalid(String message) implements AddResult {
        }
    }

    /**
     * Adds a user. A desk member needs a desk id, from {@code knownDesks} when the configuration lists any; the others
     * must not have one.
     */
    public AddResult add(String name, Role role, String deskId, String password, Collection<String> knownDesks, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            return new AddResult.Invalid("user name must be 1-100 letters, digits or . _ @ - (got '" + name + "')");
        }
        String desk = deskId == null || deskId.isBlank() ? null : deskId.strip();
        if (role == Role.DESK && desk == null) {
            return new AddResult.Invalid("a desk member needs --desk ID" + (knownDesks.isEmpty() ? "" : " (one of " + String.join(", ", knownDesks) + ")"));
        }
        if (role != Role.DESK && desk != null) {
            return new AddResult.Invalid("--desk is only for role desk; an " + role.code() + " sees every desk");
        }
        if (desk != null && !knownDesks.isEmpty() && !knownDesks.contains(desk)) {
            return new AddResult.Invalid("unknown desk '" + desk + "'; configured desks: " + String.join(", ", knownDesks));
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return new AddResult.Invalid("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (find(name).isPresent()) {
            return new AddResult.AlreadyExists(name);
        }
        String hash = hasher.hash(password);
        update("adding user " + name, "INSERT INTO console_users (name, password_hash, role, desk_id, failed_attempts, created_at)"
                + " VALUES (?, ?, ?, ?, 0, ?)", ps -> {
            ps.setString(1, name);
            ps.setString(2, hash);
            ps.setString(3, role.code());
            if (desk == null) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, desk);
            }
            ps.setLong(5, clock.millis());
        });
        audit.record(actor, "user_add", name + " (" + role.code() + (desk == null ? "" : ", " + desk) + ")");
        return new AddResult.Added(new User(name, role, desk));
    }

    public Optional<User> find(String name) {
        return account(name).map(Account::user);
    }

    /** A user with what login needs: the hash and the lockout state. */
    record Account(User user, String passwordHash, int failedAttempts, Instant lockedUntil) {
    }

    Optional<Account> account(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return query("reading user " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, password_hash, role, desk_id, failed_attempts, locked_until"
                    + " FROM console_users WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long locked = rs.getLong("locked_until");
                    Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(locked);
                    Role role = Role.fromCode(rs.getString("role")).orElseThrow();
                    return Optional.of(new Account(new User(rs.getString("name"), role, rs.getString("desk_id")),
                            rs.getString("password_hash"), rs.getInt("failed_attempts"), lockedUntil));
                }
            }
        });
    }

    void recordFailure(String name, int failedAttempts, Instant lockedUntil) {
        update("recording a failed login of " + name, "UPDATE console_users SET failed_attempts = ?, locked_until = ? WHERE name = ?", ps -> {
            ps.setInt(1, failedAttempts);
            if (lockedUntil == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, lockedUntil.toEpochMilli());
            }
            ps.setString(3, name);
        });
    }

    void clearFailures(String name) {
        recordFailure(name, 0, null);
    }

    /** Creates an API token for the user; the token is returned once and only its hash is kept. */
    public Optional<String> createToken(String name, String actor) {
        if (find(name).isEmpty()) {
            return Optional.empty();
        }
        String token = "yq_" + Secrets.token();
        update("creating a token for " + name, "INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES (?, ?, ?)", ps -> {
            ps.setString(1, Secrets.sha256(token));
            ps.setString(2, name);
            ps.setLong(3, clock.millis());
        });
        audit.record(actor, "token_create", name);
        return Optional.of(token);
    }

    /** The user an API token belongs to. */
    public Optional<User> userForToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String userName = query("checking an API token", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT user_name FROM api_tokens WHERE token_hash = ?")) {
                ps.setString(1, Secrets.sha256(token.strip()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return userName == null ? Optional.empty() : find(userName);
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    <T> T query(String what, SqlWork<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    int update(String what, String sql, Binder binder) {
        return query(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    DataSource dataSource() {
        return ds;
    }
}
