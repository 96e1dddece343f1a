package io.yuqing.app.watchlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.core.model.Enterprise;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The imported part of the watchlist, kept in the service database. */
public final class WatchlistRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Clock clock;

    public WatchlistRepository(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Adds or replaces enterprises by id in one transaction. Returns how many were new. */
    public int upsertAll(Collection<Enterprise> enterprises) throws SQLException {
        int added = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM watchlist_enterprise WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO watchlist_enterprise "
                         + "(id, name, short_names, aliases, credit_code, district, industry, imported_at) VALUES (?,?,?,?,?,?,?,?)")) {
                for (Enterprise e : enterprises) {
                    delete.setString(1, e.id());
                    if (delete.executeUpdate() == 0) {
                        added++;
                    }
                    insert.setString(1, e.id());
                    insert.setString(2, e.name());
                    insert.setString(3, json(e.shortNames()));
                    insert.setString(4, json(e.aliases()));
                    insert.setString(5, e.creditCode());
                    insert.setString(6, e.district());
                    insert.setString(7, e.industry());
                    insert.setTimestamp(8, Timestamp.from(clock.instant()));
                    insert.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        return added;
    }

    public List<Enterprise> all() throws SQLException {
        List<Enterprise> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, name, short_names, aliases, credit_code, district, industry "
                     + "FROM watchlist_enterprise ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Enterprise(rs.getString(1), rs.getString(2), list(rs.getString(3)), list(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return out;
    }

    /** Config enterprises first, then imported ones; an imported enterprise with the same id replaces nothing. */
    public static List<Enterprise> merge(List<Enterprise> configured, List<Enterprise> imported) {
        Map<String, Enterprise> byId = new LinkedHashMap<>();
        for (Enterprise e : configured) {
            byId.putIfAbsent(e.id(), e);
        }
        for (Enterprise e : imported) {
            byId.putIfAbsent(e.id(), e);
        }
        return List.copyOf(byId.values());
    }

    private static String json(List<String> names) {
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(String json) throws SQLException {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt name list in watchlist_enterprise: " + json, e);
        }
    }
}
