package io.yuqing.indexer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FinESE rows {@code [id, text, event_type, subject]} (no header) as training data for the {@link CategoryModel}, event
 * types mapped by {@link FinEseMapping}. Kept in the model package beside {@link LabelledItems}: {@code yuqing train}
 * reads them here, and the evaluation reads them from here too, so the dependency points from evaluation to model.
 */
public final class FinEseRows {

    /** One FinESE row. */
    public record Row(String id, String text, String type, String subject) {
    }

    private FinEseRows() {
    }

    /** Reads FinESE rows; rows not of the shape {@code [id, text, event_type, subject]} are skipped. */
    public static List<Row> read(Path trainJson) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(trainJson)) {
            for (JsonNode row : new ObjectMapper().readTree(in)) {
                if (row.isArray() && row.size() >= 4) {
                    rows.add(new Row(row.get(0).asText(""), row.get(1).asText(""), row.get(2).asText("").strip(),
                            row.get(3).asText("").strip()));
                }
            }
        }
        return rows;
    }

    /** Trains the category classifier on FinESE rows (an event type missing from the mapping fails naming it). */
    public static CategoryModel train(List<Row> rows, CategoryModel.Options options) {
        return CategoryModel.train(rows.stream().map(FinEseRows::example).toList(), FinEseMapping.table(), options);
    }

    /** A row as the classifier's training example: its text, its subject and its event type as the label. */
    public static CategoryModel.Example example(Row row) {
        return new CategoryModel.Example(row.text(), row.subject(), row.type());
    }
}
