package io.yuqing.crawler.source;

import io.yuqing.core.config.ExtractionProfile;
import io.yuqing.core.config.ForumProfile;
import io.yuqing.core.config.SourceConfig;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a source's CSS selectors before a cycle uses them (the configuration module has no CSS parser), so a typo
 * fails the source with a message naming the source and the setting rather than quietly finding nothing.
 */
public final class SourceSelectors {
    private SourceSelectors() {
    }

    /** The first unusable selector, described; empty when all parse. */
    public static Optional<String> problem(SourceConfig source) {
        Map<String, String> selectors = new LinkedHashMap<>();
        if (source.kind() != SourceConfig.Kind.RSS && source.kind() != SourceConfig.Kind.SITEMAP
                && source.kind() != SourceConfig.Kind.JSON_API) {
            selectors.put("linkSelector", source.linkSelector());
        }
        ExtractionProfile x = source.extraction();
        if (x != null) {
            selectors.put("extraction.title", x.title());
            selectors.put("extraction.body", x.body());
            selectors.put("extraction.time", x.time());
            selectors.put("extraction.author", x.author());
        }
        ForumProfile f = source.forum();
        if (f != null) {
            selectors.put("forum.post", f.post());
            selectors.put("forum.body", f.body());
            selectors.put("forum.author", f.author());
            selectors.put("forum.time", f.time());
            selectors.put("forum.lastPage", f.lastPage());
        }
        for (Map.Entry<String, String> e : selectors.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            try {
                QueryParser.parse(e.getValue());
            } catch (Selector.SelectorParseException | IllegalArgumentException ex) {
                return Optional.of("source '" + source.id() + "': " + e.getKey() + " '" + e.getValue()
                        + "' is not a valid CSS selector: " + ex.getMessage());
            }
        }
        return Optional.empty();
    }
}
