package io.yuqing.crawler.source;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.core.config.JsonMapping;
import io.yuqing.crawler.extract.ElementText;
import io.yuqing.crawler.extract.TimeTexts;
import io.yuqing.crawler.fetch.Charsets;
import io.yuqing.crawler.url.Urls;
import org.jsoup.Jsoup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a JSON API response into items through the source's field mapping (bytes in, no I/O). A response that is not
 * JSON, or has no array where {@code items} points, is unreadable; an item with a missing or wrongly typed field is a
 * problem of that item only: it is reported, and kept when it still has a URL and a title or text.
 */
public final class JsonApiParser {
    /** Per-item problems reported per response; the rest are counted. */
    static final int MAX_PROBLEMS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HTML_TAG = Pattern.compile("<(?:p|br|div|span|a|img|strong|b|em|h\\d)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);

    public sealed interface Result {
        /**
         * @param problems one line per item problem ("item 3: /title is missing")
         * @param skipped  items left out for their problems
         */
        record Items(List<JsonItem> items, List<String> problems, int skipped) implements Result {
            public Items {
                items = List.copyOf(items);
                problems = List.copyOf(problems);
            }
        }

        record Unreadable(String message) implements Result {
        }
    }

    /**
     * @param apiUrl the URL the response came from, to resolve relative item links
     * @param now    the fetch time, for relative times (3小时前)
     */
    public Result parse(byte[] body, String contentType, String apiUrl, JsonMapping mapping, Instant now) {
        if (body == null || body.length == 0) {
            return new Result.Unreadable("the API answered with an empty body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Charsets.decode(body, contentType).text());
        } catch (JacksonException e) {
            return new Result.Unreadable("the API response is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        JsonNode items = mapping.items().isEmpty() ? root : root.at(JsonPointer.compile(mapping.items()));
        if (items.isMissingNode()) {
            return new Result.Unreadable("json.items " + mapping.items() + " is not in the response");
        }
        if (!items.isArray()) {
            return new Result.Unreadable("json.items " + (mapping.items().isEmpty() ? "(the whole response)" : mapping.items())
                    + " is " + describe(items) + ", not a list of items");
        }
        List<JsonItem> out = new ArrayList<>();
        Problems problems = new Problems();
        for (int i = 0; i < items.size(); i++) {
            readItem(items.get(i), i + 1, apiUrl, mapping, now, problems).ifPresent(out::add);
        }
        return new Result.Items(out, problems.lines(), items.size() - out.size());
    }

    private static Optional<JsonItem> readItem(JsonNode item, int n, String apiUrl, JsonMapping mapping, Instant now,
                                               Problems problems) {
        String at = "item " + n;
        if (!item.isObject()) {
            problems.add(at + ": is " + describe(item) + ", not an object; skipped");
            return Optional.empty();
        }
        Optional<String> link = text(item, mapping.url(), at, problems);
        if (link.isEmpty()) {
            problems.add(at + ": skipped (no link)");
            return Optional.empty();
        }
        Optional<String> url = Urls.resolve(apiUrl, link.get())
                .filter(u -> u.startsWith("http://") || u.startsWith("https://"));
        if (url.isEmpty()) {
            problems.add(at + ": " + mapping.url() + " '" + link.get() + "' is not an http(s) link; skipped");
            return Optional.empty();
        }
        String title = text(item, mapping.title(), at, problems).map(JsonApiParser::plain).orElse("");
        String text = text(item, mapping.text(), at, problems).map(JsonApiParser::plain).orElse("");
        if (title.isEmpty() && text.isEmpty()) {
            problems.add(at + ": skipped (neither title nor text)");
            return Optional.empty();
        }
        if (title.isEmpty()) {
            title = Headlines.fromText(text);
        }
        String author = text(item, mapping.author(), at, problems).map(JsonApiParser::plain).orElse("");
        String outlet = text(item, mapping.outlet(), at, problems).map(JsonApiParser::plain).orElse("");
        OffsetDateTime time = time(item, mapping, now, at, problems);
        return Optional.of(new JsonItem(url.get(), title, text, author, outlet, time));
    }

    /** A mapped string field; a missing or non-text value is a problem of the item. Unmapped: empty, quietly. */
    private static Optional<String> text(JsonNode item, String pointer, String at, Problems problems) {
        if (pointer.isEmpty()) {
            return Optional.empty();
        }
        JsonNode value = item.at(JsonPointer.compile(pointer));
        if (value.isMissingNode() || value.isNull()) {
            problems.add(at + ": " + pointer + " is missing");
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.add(at + ": " + pointer + " is " + describe(value) + ", expected text");
            return Optional.empty();
        }
        return Optional.of(value.asText().strip()).filter(s -> !s.isEmpty());
    }

    private static OffsetDateTime time(JsonNode item, JsonMapping mapping, Instant now, String at, Problems problems) {
        if (mapping.time().isEmpty()) {
            return null;
        }
        JsonNode value = item.at(JsonPointer.compile(mapping.time()));
        if (value.isMissingNode() || value.isNull()) {
            problems.add(at + ": " + mapping.time() + " is missing");
            return null;
        }
        if (value.isIntegralNumber()) {
            return TimeTexts.fromEpoch(value.asLong());
        }
        if (value.isTextual()) {
            String s = value.asText().strip();
            if (s.matches("\\d{10}|\\d{13}")) {
                return TimeTexts.fromEpoch(Long.parseLong(s));
            }
            Optional<OffsetDateTime> t = TimeTexts.parse(s, mapping.timeFormat(), now);
            if (t.isEmpty()) {
                problems.add(at + ": " + mapping.time() + " '" + abbreviate(s) + "' is not a time"
                        + (mapping.timeFormat().isEmpty() ? "" : " in the format " + mapping.timeFormat()));
            }
            return t.orElse(null);
        }
        problems.add(at + ": " + mapping.time() + " is " + describe(value) + ", expected a time text or epoch number");
        return null;
    }

    /** APIs often send their text as HTML: keep the reader's text, paragraphs as lines. */
    private static String plain(String value) {
        if (!HTML_TAG.matcher(value).find()) {
            return value;
        }
        org.jsoup.nodes.Element body = Jsoup.parseBodyFragment(value).body();
        body.select("script, style, noscript, template").remove();
        return ElementText.paragraphs(List.of(body));
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case STRING -> "text";
            case NULL -> "null";
            default -> "missing";
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Collects per-item problems, keeping the first few word for word. */
    private static final class Problems {
        private final List<String> lines = new ArrayList<>();
        private int more;

        void add(String line) {
            if (lines.size() < MAX_PROBLEMS) {
                lines.add(line);
            } else {
                more++;
            }
        }

        List<String> lines() {
            if (more == 0) {
                return lines;
            }
            List<String> all = new ArrayList<>(lines);
            all.add("and " + more + " more item problems");
            return all;
        }
    }
}
