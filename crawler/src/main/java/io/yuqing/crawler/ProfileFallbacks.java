package io.yuqing.crawler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Counts, per cycle of a source, the pages read with its extraction profile and the fields where a selector found
 * nothing, and says so once at the end of the cycle: a profile broken by a site redesign is visible in the log and
 * the cycle's problems, not only as emptier documents.
 */
final class ProfileFallbacks {
    private static final Logger log = LoggerFactory.getLogger(ProfileFallbacks.class);

    private static final class Tally {
        int pages;
        final Map<String, Integer> byField = new TreeMap<>();
    }

    private final Map<String, Tally> cycles = new ConcurrentHashMap<>();

    void begin(String sourceId) {
        cycles.put(sourceId, new Tally());
    }

    /** One page read with the profile; {@code fields} are those that fell back. Outside a cycle, logged at once. */
    void record(String sourceId, List<String> fields) {
        Tally tally = cycles.get(sourceId);
        if (tally == null) {
            if (!fields.isEmpty()) {
                log.warn("source {}: extraction profile found nothing for {}; automatic values used", sourceId, fields);
            }
            return;
        }
        synchronized (tally) {
            tally.pages++;
            fields.forEach(f -> tally.byField.merge(f, 1, Integer::sum));
        }
    }

    /** Ends the cycle: the one line describing its fallbacks, if there were any (also logged). */
    Optional<String> end(String sourceId) {
        Tally tally = cycles.remove(sourceId);
        if (tally == null || tally.byField.isEmpty()) {
            return Optional.empty();
        }
        String fields;
        synchronized (tally) {
            fields = tally.byField.entrySet().stream()
                    .map(e -> e.getKey() + " on " + e.getValue() + " of " + tally.pages + " pages")
                    .collect(Collectors.joining(", "));
        }
        String message = "extraction profile found nothing for " + fields
                + "; automatic values used (has the site changed its layout?)";
        log.warn("source {}: {}", sourceId, message);
        return Optional.of(message);
    }
}
