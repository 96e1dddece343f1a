package io.yuqing.crawler.extract;

import io.yuqing.core.config.ExtractionProfile;
import io.yuqing.crawler.fetch.Charsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a source's extraction profile over the automatic extraction, field by field (bytes in, no I/O). A selector
 * that finds nothing, or a time that does not read, keeps the automatic value and is reported as a fallback, so a
 * profile broken by a site redesign shows up instead of silently emptying fields.
 */
public final class ProfileExtractor {

    /** The fields of a profile, as named in the configuration and in metrics. */
    public static final String TITLE = "title";
    public static final String BODY = "body";
    public static final String TIME = "time";
    public static final String AUTHOR = "author";

    /**
     * @param extraction the automatic extraction with the profile's fields laid over it
     * @param fallbacks  the profile fields that found nothing and kept the automatic value
     */
    public record Profiled(Extraction extraction, List<String> fallbacks) {
        public Profiled {
            fallbacks = List.copyOf(fallbacks);
        }
    }

    public Profiled apply(ExtractionProfile profile, byte[] body, String contentType, String url, Extraction automatic,
                          Instant now) {
        String html = Charsets.decode(body == null ? new byte[0] : body, contentType).text();
        Document doc = Jsoup.parse(html, url == null ? "" : url);
        List<String> fallbacks = new ArrayList<>();
        String title = automatic.title();
        String text = automatic.text();
        String author = automatic.author();
        OffsetDateTime publishedAt = automatic.publishedAt();
        if (!profile.title().isEmpty()) {
            Optional<String> found = first(doc, profile.title()).map(ElementText::line).filter(s -> !s.isEmpty());
            title = found.orElse(title);
            fallbackIf(found.isEmpty(), TITLE, fallbacks);
        }
        if (!profile.body().isEmpty()) {
            Elements selected = select(doc, profile.body());
            selected.select("script, style, noscript, template").remove();
            String found = ElementText.paragraphs(selected);
            text = found.isEmpty() ? text : found;
            fallbackIf(found.isEmpty(), BODY, fallbacks);
        }
        if (!profile.time().isEmpty()) {
            Optional<OffsetDateTime> found = first(doc, profile.time()).map(ElementText::time)
                    .flatMap(t -> TimeTexts.parse(t, profile.timeFormat(), now));
            publishedAt = found.orElse(publishedAt);
            fallbackIf(found.isEmpty(), TIME, fallbacks);
        }
        if (!profile.author().isEmpty()) {
            Optional<String> found = first(doc, profile.author()).map(ElementText::name).filter(s -> !s.isEmpty());
            author = found.orElse(author);
            fallbackIf(found.isEmpty(), AUTHOR, fallbacks);
        }
        return new Profiled(new Extraction(automatic.url(), title, text, author, automatic.outlet(), publishedAt,
                automatic.charset()), fallbacks);
    }

    private static void fallbackIf(boolean fellBack, String field, List<String> fallbacks) {
        if (fellBack) {
            fallbacks.add(field);
        }
    }

    private static Optional<Element> first(Document doc, String selector) {
        return select(doc, selector).stream().findFirst();
    }

    /** An unparsable selector finds nothing here; sources are checked up front (SourceSelectors) with a clear message. */
    private static Elements select(Document doc, String selector) {
        try {
            return doc.select(selector);
        } catch (Selector.SelectorParseException e) {
            return new Elements();
        }
    }
}
