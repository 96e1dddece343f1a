package io.yuqing.app.sources;

import io.yuqing.alerting.review.AuditLog;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.SourceConfig;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sources the service crawls: those of the configuration file and those staff added at run time, each possibly
 * paused. The database is the truth shared by every app node (each node re-reads it, see
 * {@code YuqingService.syncSources}); every change is audited under the name of who made it.
 */
public final class SourceRegistry {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SourceRegistry.class);
    private final DataSource dataSource;
    private final List<SourceConfig> configured;
    private final Clock clock;
    private final AuditLog audit;
    private final ConfigLoader loader = new ConfigLoader();

    public SourceRegistry(DataSource dataSource, List<SourceConfig> configured, Clock clock) {
        this.dataSource = dataSource;
        this.configured = List.copyOf(configured);
        this.clock = clock;
        this.audit = new AuditLog(dataSource, clock);
    }

    /** Every source, configured ones first in file order, then added ones by id. */
    public List<RegisteredSource> all() throws SQLException {
        Map<String, Row> rows = rows();
        List<RegisteredSource> out = new ArrayList<>();
        for (SourceConfig source : configured) {
            Row row = rows.remove(source.id());
            out.add(row == null ? new RegisteredSource(source, RegisteredSource.Origin.CONFIG, false, "", null)
                    : new RegisteredSource(source, RegisteredSource.Origin.CONFIG, row.paused, row.changedBy, row.changedAt));
        }
        for (Row row : rows.values()) {
            if (row.definition == null) {
                // Paused or resumed while it was in the config file, since removed from the file: nothing to crawl.
                continue;
            }
            SourceConfig source;
            try {
                source = loader.source(row.definition, "source " + row.id);
            } catch (ConfigException e) {
                // Stored by an older version with a setting this one no longer reads: one bad row never stops the rest.
                LOG.warn("stored source '{}' is not valid in this version and is not crawled: {}", row.id, e.getMessage());
                continue;
            }
            out.add(new RegisteredSource(source, RegisteredSource.Origin.ADDED, row.paused, row.changedBy, row.changedAt));
        }
        return out;
    }

    /** The sources to crawl now: all but the paused ones. */
    public List<SourceConfig> active() throws SQLException {
        return all().stream().filter(s -> !s.paused()).map(RegisteredSource::source).toList();
    }

    public Optional<RegisteredSource> find(String id) throws SQLException {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Adds a source from its definition in the config file's shape (YAML); refused when invalid or the id is taken. */
    public SourceChange add(String definition, String by) throws SQLException {
        SourceConfig source;
        try {
            source = loader.source(definition, "source");
        } catch (ConfigException e) {
            return new SourceChange.Refused(SourceChange.Reason.INVALID, e.getMessage());
        }
        return add(source, by);
    }

    public SourceChange add(SourceConfig source, String by) throws SQLException {
        if (find(source.id()).isPresent()) {
            return new SourceChange.Refused(SourceChange.Reason.DUPLICATE,
                    "a source with id '" + source.id() + "' already exists; choose another id");
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO source_registry (id, definition, paused, changed_by, changed_at) VALUES (?,?,?,?,?)")) {
            insert.setString(1, source.id());
            insert.setString(2, loader.sourceYaml(source));
            insert.setBoolean(3, false);
            insert.setString(4, by);
            insert.setTimestamp(5, Timestamp.from(now));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (find(source.id()).isPresent()) {
                // Another node or request added the same id a moment ago.
                return new SourceChange.Refused(SourceChange.Reason.DUPLICATE, "a source with id '" + source.id() + "' already exists");
            }
            throw e;
        }
        audit.record(by, "source_add", source.id() + " " + source.kind().code() + " " + source.url());
        return new SourceChange.Done(new RegisteredSource(source, RegisteredSource.Origin.ADDED, false, by, now),
                "source '" + source.id() + "' added; its first cycle runs within a minute");
    }

    public SourceChange pause(String id, String by) throws SQLException {
        return setPaused(id, true, by);
    }

    public SourceChange resume(String id, String by) throws SQLException {
        return setPaused(id, false, by);
    }

    private SourceChange setPaused(String id, boolean paused, String by) throws SQLException {
        Optional<RegisteredSource> found = find(id);
        if (found.isEmpty()) {
            return new SourceChange.Refused(SourceChange.Reason.NOT_FOUND, "no source '" + id + "'");
        }
        RegisteredSource current = found.get();
        if (current.paused() == paused) {
            return new SourceChange.Done(current, "source '" + id + "' is already " + (paused ? "paused" : "running"));
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE source_registry SET paused = ?, changed_by = ?, changed_at = ? WHERE id = ?")) {
                update.setBoolean(1, paused);
                update.setString(2, by);
                update.setTimestamp(3, Timestamp.from(now));
                update.setString(4, id);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO source_registry (id, definition, paused, changed_by, changed_at) VALUES (?,NULL,?,?,?)")) {
                    insert.setString(1, id);
                    insert.setBoolean(2, paused);
                    insert.setString(3, by);
                    insert.setTimestamp(4, Timestamp.from(now));
                    insert.executeUpdate();
                }
            }
        }
        audit.record(by, paused ? "source_pause" : "source_resume", id);
        return new SourceChange.Done(new RegisteredSource(current.source(), current.origin(), paused, by, now),
                "source '" + id + "' " + (paused ? "paused: no more cycles until it is resumed"
                        : "resumed: its next cycle runs within a minute"));
    }

    /** Removes a source added at run time (a config-file source is removed by editing the file). Crawl history stays. */
    public SourceChange remove(String id, String by) throws SQLException {
        Optional<RegisteredSource> found = find(id);
        if (found.isEmpty()) {
            return new SourceChange.Refused(SourceChange.Reason.NOT_FOUND, "no source '" + id + "'");
        }
        if (!found.get().removable()) {
            return new SourceChange.Refused(SourceChange.Reason.NOT_ALLOWED,
                    "source '" + id + "' comes from the configuration file: remove it there, or pause it here");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM source_registry WHERE id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
        audit.record(by, "source_remove", id);
        return new SourceChange.Done(found.get(), "source '" + id + "' removed; the documents it brought stay");
    }

    private Map<String, Row> rows() throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT id, definition, paused, changed_by, changed_at FROM source_registry ORDER BY id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Timestamp at = rs.getTimestamp(5);
                rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        at == null ? null : at.toInstant()));
            }
        }
        return rows;
    }

    private record Row(String id, String definition, boolean paused, String changedBy, Instant changedAt) {
    }
}
