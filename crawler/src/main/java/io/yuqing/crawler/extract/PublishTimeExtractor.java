package io.yuqing.crawler.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the article was published: machine-readable metadata first (meta tags, JSON-LD, {@code <time>}), then a
 * labelled date in the text (发布时间：…), then the first date written close after the headline.
 */
final class PublishTimeExtractor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> META_SELECTORS = List.of(
            "meta[property=article:published_time]", "meta[name=article:published_time]",
            "meta[itemprop=datePublished]", "meta[name=pubdate]", "meta[name=PubDate]", "meta[name=publishdate]",
            "meta[name=publish_date]", "meta[name=publishtime]", "meta[name=published_time]", "meta[name=date]",
            "meta[name=dc.date]", "meta[name=DC.date.issued]", "meta[name=dcterms.created]",
            "meta[property=og:release_date]", "meta[name=firstpublishedtime]", "meta[name=lastmodifiedtime]");
    private static final Pattern LABELLED = Pattern.compile(
            "(?:发布时间|发表时间|发布日期|发稿时间|出版日期|更新时间|时间|日期|发表于|发布于|published)\\s*[:：]?\\s*");
    private static final Pattern DATE_BEFORE_SOURCE = Pattern.compile(
            DateTexts.DATE.pattern() + "\\s*(?:来源|来自|稿源|作者)\\s*[:：]");
    /** How far after the headline a bare date still belongs to it. */
    private static final int NEAR_TITLE_CHARS = 400;
    /** How far above the body's first prose line its date may stand. */
    private static final int ABOVE_BODY_CHARS = 200;
    /** A body line at least this long is prose, not a headline or dateline kept in the container. */
    private static final int LEAD_LINE_LENGTH = 40;
    /** The closing part of a body where a source citation with its date stands. */
    private static final int CLOSING_CHARS = 60;
    /** "1998年3月" not followed by a day: an issue or a month of writing. */
    private static final Pattern YEAR_MONTH = Pattern.compile("((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月(?!\\s*\\d)");

    private PublishTimeExtractor() {
    }

    static Optional<OffsetDateTime> extract(Document doc, String pageText, String title) {
        return extract(doc, pageText, title, null);
    }

    /** With {@code now}, relative and year-less times (3小时前, 昨天 14:20) are resolved against it; null: not read. */
    static Optional<OffsetDateTime> extract(Document doc, String pageText, String title, Instant now) {
        return extract(doc, pageText, title, "", now);
    }

    /**
     * As {@link #extract(Document, String, String, Instant)}, and when no signal dates the page, the article's own
     * body ({@code mainText}, lines joined by "\n") is looked at: a date printed just above it, or a year and month
     * closing it ("——《北京之春》1998年3月号").
     */
    static Optional<OffsetDateTime> extract(Document doc, String pageText, String title, String mainText, Instant now) {
        Optional<OffsetDateTime> found = fromAnySignal(doc, pageText, title, now)
                .or(() -> aboveBody(pageText, mainText))
                .or(() -> closingBody(mainText));
        return withTimeOfDay(found, pageText);
    }

    /**
     * The date nearest above the body's first prose line: blogs and e-paper pages print it between the post title and
     * the text, where the headline search misses it when the page title names the blog rather than the post.
     */
    static Optional<OffsetDateTime> aboveBody(String pageText, String mainText) {
        String[] lines = mainText.split("\n");
        for (int i = 0; i < lines.length && i < 3; i++) {
            String probe = TextStats.normalizeSpace(lines[i]);
            probe = probe.substring(0, Math.min(probe.length(), 20));
            int at = probe.length() < 8 ? -1 : pageText.indexOf(probe);
            if (at < 0 || TextStats.visibleLength(lines[i]) < LEAD_LINE_LENGTH) {
                continue;
            }
            Matcher m = DateTexts.DATE.matcher(pageText);
            m.region(Math.max(0, at - ABOVE_BODY_CHARS), at);
            Optional<OffsetDateTime> last = Optional.empty();
            while (m.find()) {
                Optional<OffsetDateTime> t = DateTexts.fromMatch(m);
                if (t.isPresent()) {
                    last = t;
                }
            }
            return last;
        }
        return Optional.empty();
    }

    /** A date or a year and month in the body's closing characters, where reprints cite their source issue. */
    static Optional<OffsetDateTime> closingBody(String mainText) {
        String tail = mainText.substring(Math.max(0, mainText.length() - CLOSING_CHARS));
        Optional<OffsetDateTime> full = DateTexts.parseFirst(tail);
        if (full.isPresent()) {
            return full;
        }
        Matcher m = YEAR_MONTH.matcher(tail);
        while (m.find()) {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return Optional.of(LocalDate.of(year, month, 1).atStartOfDay(DateTexts.CHINA).toOffsetDateTime());
            }
        }
        return Optional.empty();
    }

    /**
     * Metadata often carries only the day while the page prints the time beside it; the same day written with a
     * time anywhere in the page supplies the time.
     */
    private static Optional<OffsetDateTime> withTimeOfDay(Optional<OffsetDateTime> found, String pageText) {
        if (found.isEmpty() || !found.get().atZoneSameInstant(DateTexts.CHINA).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return found;
        }
        LocalDate day = found.get().atZoneSameInstant(DateTexts.CHINA).toLocalDate();
        Matcher m = DateTexts.DATE.matcher(pageText);
        while (m.find()) {
            if (m.group(4) == null) {
                continue;
            }
            Optional<OffsetDateTime> t = DateTexts.fromMatch(m);
            if (t.isPresent() && t.get().atZoneSameInstant(DateTexts.CHINA).toLocalDate().equals(day)) {
                return t;
            }
        }
        return found;
    }

    private static Optional<OffsetDateTime> fromAnySignal(Document doc, String pageText, String title, Instant now) {
        for (String selector : META_SELECTORS) {
            for (Element e : doc.select(selector)) {
                Optional<OffsetDateTime> t = DateTexts.parseFirst(e.attr("content"));
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        Optional<OffsetDateTime> jsonLd = fromJsonLd(doc);
        if (jsonLd.isPresent()) {
            return jsonLd;
        }
        for (Element time : doc.select("time[datetime], time[pubdate]")) {
            Optional<OffsetDateTime> t = DateTexts.parseFirst(time.hasAttr("datetime") ? time.attr("datetime") : time.text());
            if (t.isPresent()) {
                return t;
            }
        }
        return fromText(pageText, title, now);
    }

    static Optional<OffsetDateTime> fromText(String pageText, String title) {
        return fromText(pageText, title, null);
    }

    static Optional<OffsetDateTime> fromText(String pageText, String title, Instant now) {
        Matcher labels = LABELLED.matcher(pageText);
        while (labels.find()) {
            Matcher date = DateTexts.DATE.matcher(pageText);
            date.region(labels.end(), Math.min(pageText.length(), labels.end() + 40));
            Matcher yearLast = DateTexts.YEAR_LAST.matcher(pageText);
            yearLast.region(labels.end(), date.regionEnd());
            if (date.lookingAt()) {
                Optional<OffsetDateTime> t = DateTexts.fromMatch(date);
                if (t.isPresent()) {
                    return t;
                }
            } else if (yearLast.lookingAt()) {
                // Only after a date label: a bare "6/2/2022" elsewhere is as likely a score or a fraction.
                Optional<OffsetDateTime> t = DateTexts.fromYearLastMatch(yearLast);
                if (t.isPresent()) {
                    return t;
                }
            } else if (now != null) {
                Optional<OffsetDateTime> t = RelativeDates.at(pageText, labels.end(), now);
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        // Bylines print the date first: "2005-01-14 17:02:30 来源: 21世纪经济报道".
        Matcher beforeSource = DATE_BEFORE_SOURCE.matcher(pageText);
        while (beforeSource.find()) {
            Optional<OffsetDateTime> t = DateTexts.fromMatch(beforeSource);
            if (t.isPresent()) {
                return t;
            }
        }
        int titleAt = title.isEmpty() ? -1 : pageText.indexOf(title);
        int from = Math.max(0, titleAt < 0 ? 0 : titleAt);
        int to = Math.min(pageText.length(), (titleAt < 0 ? 0 : titleAt + title.length()) + NEAR_TITLE_CHARS);
        if (from >= to) {
            return Optional.empty();
        }
        String window = pageText.substring(from, to);
        Matcher absolute = DateTexts.DATE.matcher(window);
        int absoluteAt = -1;
        Optional<OffsetDateTime> absoluteTime = Optional.empty();
        while (absoluteTime.isEmpty() && absolute.find()) {
            absoluteTime = DateTexts.fromMatch(absolute);
            absoluteAt = absolute.start();
        }
        if (now != null) {
            // Whichever comes first after the headline is the article's; later ones belong to related links.
            Optional<RelativeDates.Found> relative = RelativeDates.find(window, 0, window.length(), now);
            if (relative.isPresent() && (absoluteTime.isEmpty() || relative.get().start() < absoluteAt)) {
                return Optional.of(relative.get().time());
            }
        }
        return absoluteTime;
    }

    private static Optional<OffsetDateTime> fromJsonLd(Document doc) {
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                JsonNode root = JSON.readTree(script.data());
                Optional<OffsetDateTime> t = findDatePublished(root, 0);
                if (t.isPresent()) {
                    return t;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // Broken JSON-LD is common; other signals remain.
            }
        }
        return Optional.empty();
    }

    private static Optional<OffsetDateTime> findDatePublished(JsonNode node, int depth) {
        if (node == null || depth > 6) {
            return Optional.empty();
        }
        if (node.isObject()) {
            JsonNode value = node.get("datePublished");
            if (value != null && value.isTextual()) {
                Optional<OffsetDateTime> t = DateTexts.parseFirst(value.asText());
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        for (JsonNode child : node) {
            Optional<OffsetDateTime> t = findDatePublished(child, depth + 1);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }
}
