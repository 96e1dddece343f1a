package io.yuqing.alerting.silence;

import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Creates, expires and lists silences; every change is written to the audit log in the same transaction. */
public final class SilenceService {
    private static final String COLUMNS = "id, enterprise_id, category, level, desk_id, source_id, author, comment,"
            + " starts_at, ends_at, created_at";
    private static final int MAX_AUTHOR = 200;

    private final DataSource ds;
    private final Clock clock;

    public SilenceService(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Stores a silence from {@code startsAt} (null: now) until {@code endsAt}.
     *
     * @throws IllegalArgumentException with a message for staff when author, comment or times are missing or wrong
     */
    public Silence create(SilenceMatchers matchers, String author, String comment, Instant startsAt, Instant endsAt) {
        if (author == null || author.isBlank() || author.strip().length() > MAX_AUTHOR) {
            throw new IllegalArgumentException("a silence needs its author's name (at most " + MAX_AUTHOR + " characters)");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("a silence needs a comment saying why (e.g. 已与企业沟通，重复报道)");
        }
        Instant now = Jdbc.truncate(clock.instant());
        Instant start = startsAt == null ? now : Jdbc.truncate(startsAt);
        if (endsAt == null || !Jdbc.truncate(endsAt).isAfter(start)) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        Instant end = Jdbc.truncate(endsAt);
        String who = author.strip();
        String why = comment.strip();
        return Jdbc.inTransaction(ds, "creating a silence", c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO silences (enterprise_id, category, level,"
                    + " desk_id, source_id, author, comment, starts_at, ends_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setString(1, matchers.enterpriseId());
                ps.setString(2, matchers.category() == null ? null : matchers.category().code());
                ps.setString(3, matchers.level() == null ? null : matchers.level().code());
                ps.setString(4, matchers.deskId());
                ps.setString(5, matchers.sourceId());
                ps.setString(6, who);
                ps.setString(7, why);
                ps.setObject(8, Jdbc.toDb(start));
                ps.setObject(9, Jdbc.toDb(end));
                ps.setObject(10, Jdbc.toDb(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            AuditLog.write(c, null, who, "silence_create", null, null,
                    "静默 #" + id + "（" + matchers.describe() + "）至 " + end + "：" + why, now);
            return new Silence(id, matchers, who, why, start, end, now);
        });
    }

    /** Ends the silence now. Empty when no silence has that id; an already ended silence is returned unchanged. */
    public Optional<Silence> expire(long id, String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("expiring a silence needs the name of the person doing it");
        }
        Instant now = Jdbc.truncate(clock.instant());
        return Jdbc.inTransaction(ds, "expiring silence " + id, c -> {
            Optional<Silence> found = find(c, id);
            if (found.isEmpty() || !found.get().endsAt().isAfter(now)) {
                return found;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE silences SET ends_at = ? WHERE id = ?")) {
                ps.setObject(1, Jdbc.toDb(now));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            AuditLog.write(c, null, actor, "silence_expire", null, null, "静默 #" + id + " 提前结束", now);
            Silence s = found.get();
            return Optional.of(new Silence(s.id(), s.matchers(), s.author(), s.comment(),
                    s.startsAt().isAfter(now) ? now : s.startsAt(), now, s.createdAt()));
        });
    }

    /** Silences active now, soonest ending first. */
    public List<Silence> active() {
        Instant now = Jdbc.truncate(clock.instant());
        return Jdbc.query(ds, "listing active silences", c -> activeAt(c, now));
    }

    public Optional<Silence> get(long id) {
        return Jdbc.query(ds, "reading silence " + id, c -> find(c, id));
    }

    /** Silences active at {@code at}, inside the caller's connection (alert routing reads them in its transaction). */
    public static List<Silence> activeAt(Connection c, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM silences WHERE starts_at <= ? AND ends_at > ? ORDER BY ends_at, id")) {
            ps.setObject(1, Jdbc.toDb(at));
            ps.setObject(2, Jdbc.toDb(at));
            return read(ps);
        }
    }

    private static Optional<Silence> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM silences WHERE id = ?")) {
            ps.setLong(1, id);
            return read(ps).stream().findFirst();
        }
    }

    private static List<Silence> read(PreparedStatement ps) throws SQLException {
        List<Silence> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String category = rs.getString("category");
                String level = rs.getString("level");
                SilenceMatchers m = new SilenceMatchers(rs.getString("enterprise_id"),
                        category == null ? null : RiskCategory.fromCode(category),
                        level == null ? null : RiskLevel.fromCode(level), rs.getString("desk_id"),
                        rs.getString("source_id"));
                out.add(new Silence(rs.getLong("id"), m, rs.getString("author"), rs.getString("comment"),
                        Jdbc.instant(rs, "starts_at"), Jdbc.instant(rs, "ends_at"), Jdbc.instant(rs, "created_at")));
            }
        }
        return List.copyOf(out);
    }
}
