package io.yuqing.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a YAML configuration laid over {@code yuqing-defaults.yml}. Any mistake fails with the file, the line and
 * what is wrong, e.g. {@code yuqing.yml:14:5: crawler.politenesDelay: unknown setting (did you mean politenessDelay?)}.
 */
public final class ConfigLoader {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
    static final String DEFAULTS_RESOURCE = "/yuqing-defaults.yml";

    private final ObjectMapper yaml;

    public ConfigLoader() {
        SimpleModule durations = new SimpleModule("yuqing-durations");
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                try {
                    return Durations.parse(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(p, e.getMessage());
                }
            }
        });
        // Written back as the file writes them (10m, 1h), for sources stored from the console.
        durations.addSerializer(Duration.class, new com.fasterxml.jackson.databind.JsonSerializer<>() {
            @Override
            public void serialize(Duration value, com.fasterxml.jackson.core.JsonGenerator gen,
                                  com.fasterxml.jackson.databind.SerializerProvider serializers) throws IOException {
                gen.writeString(Durations.format(value));
            }
        });
        this.yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                // registered after JavaTimeModule so that 10s and 5m win over ISO-only durations
                .registerModule(durations)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** The defaults alone. */
    public YuqingConfig defaults() {
        try {
            return bind(defaultsTree(), "yuqing-defaults.yml", null);
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults are invalid: " + e.getMessage(), e);
        }
    }

    /** Loads a config file laid over the defaults. */
    public YuqingConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(file + ": not valid UTF-8 (save the file as UTF-8)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return load(text, file.toString());
    }

    /** Loads config text laid over the defaults; {@code name} is used in messages. */
    public YuqingConfig load(String text, String name) throws ConfigException {
        JsonNode user;
        try {
            user = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            java.util.regex.Matcher duplicate = java.util.regex.Pattern.compile("Duplicate field '([^']*)'").matcher(e.getOriginalMessage());
            if (duplicate.find()) {
                throw new ConfigException(name + position(loc) + ": setting '" + duplicate.group(1)
                        + "' is given twice in the same section; keep one", e);
            }
            throw new ConfigException(name + position(loc) + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            user = yaml.createObjectNode();
        }
        if (!user.isObject()) {
            throw new ConfigException(name + ":1:1: the file must be a YAML mapping of settings (key: value)");
        }
        migrateStartTls((ObjectNode) user, name, text);
        ObjectNode merged = defaultsTree();
        mergeInto(merged, (ObjectNode) user);
        return bind(merged, name, text);
    }

    /**
     * {@code smtp.startTls: true|false} (before {@code smtp.security}) still loads, as {@code security: starttls|none},
     * with a warning naming the line: a deployment upgraded without editing its file keeps sending the same way.
     * Given together with {@code security} it is an error, since one of the two would be silently ignored.
     */
    private void migrateStartTls(ObjectNode user, String name, String text) throws ConfigException {
        if (!(user.get("smtp") instanceof ObjectNode smtp) || !smtp.has("startTls")) {
            return;
        }
        String where = name + locate(text, List.of("smtp", "startTls"));
        JsonNode old = smtp.get("startTls");
        if (smtp.has("security")) {
            throw new ConfigException(where + ": smtp.startTls: replaced by smtp.security, which is also given; "
                    + "remove startTls");
        }
        if (!old.isBoolean()) {
            throw new ConfigException(where + ": smtp.startTls: '" + old.asText()
                    + "' is not true or false (better: replace startTls with security: none, starttls or ssl)");
        }
        String security = old.booleanValue() ? "starttls" : "none";
        smtp.remove("startTls");
        smtp.put("security", security);
        log.warn("{}: smtp.startTls is deprecated; read as 'security: {}' — write that instead (none, starttls or ssl)",
                where, security);
    }

    /**
     * One source definition in the config file's shape (YAML, or JSON which is YAML too), e.g. one added from the
     * console or the CLI at run time; validated exactly as a source in the file is, with the same messages.
     */
    public SourceConfig source(String text, String name) throws ConfigException {
        JsonNode tree;
        try {
            tree = yaml.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + position(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(name + ":1:1: a source is a YAML mapping (id: ..., kind: ..., url: ...)");
        }
        try {
            return yaml.treeToValue(tree, SourceConfig.class);
        } catch (JsonProcessingException e) {
            List<Object> path = pathOf(e);
            throw new ConfigException(name + locate(text, path) + ": " + (path.isEmpty() ? "source" : describe(path))
                    + ": " + explain(e), e);
        }
    }

    /** A source as YAML text that {@link #source(String, String)} reads back to an equal record. */
    public String sourceYaml(SourceConfig source) {
        try {
            return yaml.writerFor(SourceConfig.class).writeValueAsString(source);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write source " + source.id() + " as YAML: " + e.getMessage(), e);
        }
    }

    private ObjectNode defaultsTree() {
        try (InputStream in = Objects.requireNonNull(ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE),
                "yuqing-defaults.yml missing from the classpath")) {
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in defaults", e);
        }
    }

    /** Objects merge key by key; anything else (scalars, lists) in the user's file replaces the default. */
    private static void mergeInto(ObjectNode target, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
                mergeInto(existingObject, overlayObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private YuqingConfig bind(ObjectNode tree, String name, String sourceText) throws ConfigException {
        try {
            return yaml.treeToValue(tree, YuqingConfig.class);
        } catch (JsonProcessingException e) {
            List<Object> path = pathOf(e);
            String where = name + (sourceText == null ? "" : locate(sourceText, path));
            throw new ConfigException(where + ": " + describe(path) + ": " + explain(e), e);
        }
    }

    private static List<Object> pathOf(JsonProcessingException e) {
        List<Object> path = new ArrayList<>();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference ref : m.getPath()) {
                path.add(ref.getFieldName() != null ? ref.getFieldName() : (Object) ref.getIndex());
            }
        }
        return path;
    }

    private static String describe(List<Object> path) {
        if (path.isEmpty()) {
            return "(top level)";
        }
        StringBuilder sb = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(p);
            }
        }
        return sb.toString();
    }

    private static String explain(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String suggestion = closest(u.getPropertyName(), u.getKnownPropertyIds());
            return "unknown setting '" + u.getPropertyName() + "'"
                    + (suggestion != null ? " (did you mean " + suggestion + "?)" : "")
                    + "; known here: " + known(u.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            Throwable cause = v.getCause();
            if (cause instanceof NullPointerException npe) {
                return "missing required setting " + npe.getMessage();
            }
            return cause.getMessage();
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidTypeIdException t
                && t.getBaseType().getRawClass() == AlertRuleConfig.class) {
            return (t.getTypeId() == null ? "a rule needs a kind" : "unknown rule kind '" + t.getTypeId() + "'")
                    + " (expected " + String.join(", ", AlertRuleConfig.KINDS) + ")";
        }
        if (e instanceof InvalidFormatException f) {
            return "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName();
        }
        String msg = e.getOriginalMessage();
        if (msg != null && msg.contains("Cannot deserialize value of type `java.util.ArrayList")) {
            return "expected a list (items starting with -)";
        }
        return msg;
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private static String closest(String name, Collection<Object> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        return candidates.stream().map(String::valueOf)
                .filter(c -> editDistance(lower, c.toLowerCase(Locale.ROOT)) <= Math.max(2, name.length() / 4))
                .min(Comparator.comparingInt(c -> editDistance(lower, c.toLowerCase(Locale.ROOT))))
                .orElse(null);
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Finds the line and column of a path in the user's YAML text by walking its tokens. Returns the deepest part of
     * the path that exists in the text (a missing key points at its parent), formatted ":line:col".
     */
    private String locate(String text, List<Object> path) {
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            JsonLocation[] best = {null};
            if (p.nextToken() != null) {
                best[0] = p.currentTokenLocation();
                descend(p, path, 0, best);
            }
            return best[0] == null ? "" : position(best[0]);
        } catch (IOException e) {
            return "";
        }
    }

    /** With the parser on the first token of a value, follows path[depth..] into it, recording each step found. */
    private static void descend(JsonParser p, List<Object> path, int depth, JsonLocation[] best) throws IOException {
        if (depth == path.size()) {
            return;
        }
        Object step = path.get(depth);
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation fieldLocation = p.currentTokenLocation();
                p.nextToken();
                if (field.equals(step)) {
                    best[0] = fieldLocation;
                    descend(p, path, depth + 1, best);
                    return;
                }
                p.skipChildren();
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (Integer.valueOf(index).equals(step)) {
                    best[0] = p.currentTokenLocation();
                    descend(p, path, depth + 1, best);
                    return;
                }
                p.skipChildren();
                index++;
            }
        }
    }

    private static String position(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return ":" + loc.getLineNr() + ":" + Math.max(1, loc.getColumnNr());
    }
}
