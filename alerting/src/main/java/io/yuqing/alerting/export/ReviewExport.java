package io.yuqing.alerting.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertRows;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.Jdbc;
import io.yuqing.core.model.Evidence;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Staff review decisions as labelled JSON Lines for training a risk model, one line per reviewed document:
 * {@code {"id","title","text","entities":[..],"negative":bool,"riskEntities":[..]}}.
 *
 * <p>The alerting store keeps no article body, so {@code text} is the title followed by the evidence sentences
 * (one per line, in order, without repeats). {@code entities} are the names of the enterprises reviewed on that
 * document; {@code riskEntities} those staff confirmed (acknowledged, assigned or resolved); a document whose
 * every alert was marked 误报 is {@code negative}. Alerts not yet reviewed (new) are left out.
 */
public final class ReviewExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;

    public ReviewExport(DataSource ds) {
        this.ds = ds;
    }

    /** Writes one line per reviewed document, ordered by document id; returns the number of lines written. */
    public long write(Writer out) {
        return Jdbc.query(ds, "exporting review decisions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS
                    + " FROM alerts WHERE status <> ? ORDER BY document_id, id")) {
                ps.setString(1, AlertStatus.NEW.code());
                ps.setFetchSize(500);
                long lines = 0;
                List<Alert> group = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Alert a = AlertRows.map(rs);
                        if (!group.isEmpty() && !group.getFirst().documentId().equals(a.documentId())) {
                            writeLine(out, group);
                            lines++;
                            group.clear();
                        }
                        group.add(a);
                    }
                }
                if (!group.isEmpty()) {
                    writeLine(out, group);
                    lines++;
                }
                flush(out);
                return lines;
            }
        });
    }

    private static void writeLine(Writer out, List<Alert> alerts) {
        Alert first = alerts.getFirst();
        Set<String> sentences = new LinkedHashSet<>();
        Set<String> entities = new LinkedHashSet<>();
        Set<String> risky = new LinkedHashSet<>();
        for (Alert a : alerts) {
            for (Evidence e : a.evidence()) {
                if (!e.sentence().isBlank()) {
                    sentences.add(e.sentence().strip());
                }
            }
            entities.add(a.enterpriseName());
            if (a.status() != AlertStatus.FALSE_POSITIVE) {
                risky.add(a.enterpriseName());
            }
        }
        StringBuilder text = new StringBuilder(first.title());
        sentences.forEach(s -> text.append('\n').append(s));
        ObjectNode line = JSON.createObjectNode();
        line.put("id", first.documentId());
        line.put("title", first.title());
        line.put("text", text.toString());
        ArrayNode e = line.putArray("entities");
        entities.forEach(e::add);
        line.put("negative", risky.isEmpty());
        ArrayNode r = line.putArray("riskEntities");
        risky.forEach(r::add);
        try {
            // Jackson escapes line breaks inside strings, so each record stays on one line.
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException("writing the review export failed: " + ex.getMessage(), ex);
        }
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("writing the review export failed: " + ex.getMessage(), ex);
        }
    }
}
