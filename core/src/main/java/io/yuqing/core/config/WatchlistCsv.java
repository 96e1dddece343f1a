package io.yuqing.core.config;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.yuqing.core.model.Enterprise;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the watchlist as CSV, the way offices keep it (Excel "CSV UTF-8"; a UTF-8 BOM is fine).
 * Header row names the columns; {@code name} is required, the rest optional: shortNames, aliases, creditCode,
 * district, industry. Several names in one cell are separated by {@code ;} or {@code ；}. Chinese headers
 * (企业名称, 简称, 别名, 统一社会信用代码, 区县, 行业) are accepted too.
 */
public final class WatchlistCsv {
    private static final Map<String, String> HEADER_ALIASES = Map.ofEntries(
            Map.entry("name", "name"), Map.entry("企业名称", "name"), Map.entry("名称", "name"),
            Map.entry("shortnames", "shortNames"), Map.entry("简称", "shortNames"),
            Map.entry("aliases", "aliases"), Map.entry("别名", "aliases"),
            Map.entry("creditcode", "creditCode"), Map.entry("统一社会信用代码", "creditCode"),
            Map.entry("district", "district"), Map.entry("区县", "district"), Map.entry("所属区县", "district"),
            Map.entry("industry", "industry"), Map.entry("行业", "industry"), Map.entry("所属行业", "industry"));
    private static final Set<String> COLUMNS = Set.of("name", "shortNames", "aliases", "creditCode", "district", "industry");

    private WatchlistCsv() {
    }

    public static List<Enterprise> read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(file + ": not valid UTF-8 (in Excel, save as \"CSV UTF-8\")");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(file + ": no such file (watchlist.csv names the watchlist CSV file)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static List<Enterprise> parse(String text, String name) throws ConfigException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<Enterprise> out = new ArrayList<>();
        try (Reader reader = new StringReader(text);
             MappingIterator<List<String>> rows = mapper.readerForListOf(String.class)
                     .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(reader)) {
            if (!rows.hasNext()) {
                throw new ConfigException(name + ": empty file; expected a header row starting with name");
            }
            List<String> header = new ArrayList<>();
            for (String h : rows.next()) {
                String key = HEADER_ALIASES.get(h.strip().toLowerCase(Locale.ROOT));
                if (key == null) {
                    throw new ConfigException(name + ":1: unknown column '" + h + "'; columns are " + String.join(", ",
                            List.of("name", "shortNames", "aliases", "creditCode", "district", "industry")));
                }
                header.add(key);
            }
            if (!header.contains("name")) {
                throw new ConfigException(name + ":1: the header row needs a name column");
            }
            int line = 1;
            while (rows.hasNext()) {
                line++;
                List<String> row = rows.next();
                if (row.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (row.size() > header.size()) {
                    throw new ConfigException(name + ":" + line + ": " + row.size() + " cells but the header has " + header.size());
                }
                Map<String, String> byColumn = new java.util.HashMap<>();
                for (int i = 0; i < row.size(); i++) {
                    byColumn.put(header.get(i), row.get(i));
                }
                try {
                    out.add(new Enterprise(null, byColumn.get("name"), split(byColumn.get("shortNames")),
                            split(byColumn.get("aliases")), byColumn.get("creditCode"), byColumn.get("district"),
                            byColumn.get("industry")));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new ConfigException(name + ":" + line + ": " + (e.getMessage() == null ? "name is required" :
                            e.getMessage().equals("name") ? "name is required" : e.getMessage()));
                }
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            throw new ConfigException(name + ": not valid CSV: " + e.getMessage(), e);
        }
        return out;
    }

    public static String write(List<Enterprise> enterprises) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema();
        StringWriter w = new StringWriter();
        try {
            var writer = mapper.writer(schema);
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("name", "shortNames", "aliases", "creditCode", "district", "industry"));
            for (Enterprise e : enterprises) {
                rows.add(List.of(e.name(), String.join(";", e.shortNames()), String.join(";", e.aliases()),
                        e.creditCode(), e.district(), e.industry()));
            }
            writer.writeValue(w, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static List<String> split(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.split("[;；]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
