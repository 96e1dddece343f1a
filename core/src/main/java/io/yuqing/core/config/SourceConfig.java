package io.yuqing.core.config;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One place news comes from.
 *
 * @param linkSelector        html-list, site-search, forum: CSS selector of article (result, thread) links
 * @param linkPattern         html-list, site-search, forum: regex a link must match (empty: any same-site link)
 * @param allowPrivateNetwork whether loopback, private and link-local addresses may be fetched
 * @param extraction          optional CSS selectors for this site's article pages (rss, html-list, sitemap,
 *                            site-search); null: automatic extraction only
 * @param queryCharset        site-search: charset the search term is URL-encoded in (GBK sites exist)
 * @param maxQueriesPerCycle  site-search: searches per cycle; more terms are taken in turn over the next cycles
 * @param forum               forum: how a thread page splits into posts; required for forum, else null
 * @param json                json-api: where items and their fields are; required for json-api, else null
 * @param headers             extra request headers for the source's own requests (feed, list, search, board page or
 *                            API); {@code ${NAME}} in a value is replaced by environment variable NAME when sent
 * @param paging              html-list: how many list pages a cycle follows ("next" links); null: the first only
 */
public record SourceConfig(String id, String name, Kind kind, String url, Duration every, String linkSelector,
                           String linkPattern, boolean allowPrivateNetwork, ExtractionProfile extraction,
                           String queryCharset, Integer maxQueriesPerCycle, ForumProfile forum, JsonMapping json,
                           Map<String, String> headers, ListPaging paging) {

    /** List pages a cycle reads: the paging's, or the first only. */
    public int listPages() {
        return paging == null ? 1 : paging.pages();
    }

    /** The placeholder a site-search URL carries for the search term. */
    public static final String QUERY_PLACEHOLDER = "{query}";
    public static final int DEFAULT_MAX_QUERIES_PER_CYCLE = 10;
    /** {@code ${NAME}}: an environment variable's value in a header. */
    public static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the HTTP client sets itself (and refuses from callers), or that the crawler owns. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "te", "transfer-encoding", "if-none-match", "if-modified-since", "accept-encoding");

    public enum Kind {
        RSS, HTML_LIST, SITEMAP, SITE_SEARCH, FORUM, JSON_API;

        private static final String EXPECTED = "rss, html-list, sitemap, site-search, forum or json-api";

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Kind parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "rss", "atom", "feed" -> RSS;
                case "html-list", "html_list", "list" -> HTML_LIST;
                case "sitemap", "news-sitemap" -> SITEMAP;
                case "site-search", "site_search", "search" -> SITE_SEARCH;
                case "forum", "bbs" -> FORUM;
                case "json-api", "json_api", "json" -> JSON_API;
                default -> throw new IllegalArgumentException("unknown source kind '" + text + "' (expected " + EXPECTED + ")");
            };
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return switch (this) {
                case RSS -> "rss";
                case HTML_LIST -> "html-list";
                case SITEMAP -> "sitemap";
                case SITE_SEARCH -> "site-search";
                case FORUM -> "forum";
                case JSON_API -> "json-api";
            };
        }

        /** Whether the source's links lead to article pages read by the article extractor. */
        public boolean readsArticlePages() {
            return this == RSS || this == HTML_LIST || this == SITEMAP || this == SITE_SEARCH;
        }
    }

    /** A source without list paging (every kind but html-list, or an html-list read one page deep). */
    public SourceConfig(String id, String name, Kind kind, String url, Duration every, String linkSelector,
                        String linkPattern, boolean allowPrivateNetwork, ExtractionProfile extraction,
                        String queryCharset, Integer maxQueriesPerCycle, ForumProfile forum, JsonMapping json,
                        Map<String, String> headers) {
        this(id, name, kind, url, every, linkSelector, linkPattern, allowPrivateNetwork, extraction, queryCharset,
                maxQueriesPerCycle, forum, json, headers, null);
    }

    /** A source of the first three kinds, as configured before profiles, search, forums and APIs existed. */
    public SourceConfig(String id, String name, Kind kind, String url, Duration every, String linkSelector,
                        String linkPattern, boolean allowPrivateNetwork) {
        this(id, name, kind, url, every, linkSelector, linkPattern, allowPrivateNetwork, null, null, null, null, null, null, null);
    }

    public SourceConfig {
        id = Ids.require("source", id);
        String where = "source '" + id + "'";
        name = name == null || name.isBlank() ? id : name.strip();
        if (kind == null) {
            throw new IllegalArgumentException(where + ": kind is required (" + Kind.EXPECTED + ")");
        }
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException(url == null || url.isBlank()
                    ? where + ": url is missing (the address of its feed, list page, sitemap, search or API)"
                    : where + ": url must be an absolute http(s) URL, not '" + url + "'");
        }
        url = url.strip();
        boolean hasPlaceholder = url.contains(QUERY_PLACEHOLDER);
        if (kind == Kind.SITE_SEARCH && !hasPlaceholder) {
            throw new IllegalArgumentException(where + ": a site-search url must contain " + QUERY_PLACEHOLDER
                    + " where the search term goes, e.g. https://news.example.cn/search?q={query}");
        }
        if (kind != Kind.SITE_SEARCH && hasPlaceholder) {
            throw new IllegalArgumentException(where + ": url contains " + QUERY_PLACEHOLDER
                    + ", which only kind site-search fills in");
        }
        try {
            URI.create(url.replace(QUERY_PLACEHOLDER, "q"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": url is not a valid URL: " + e.getMessage());
        }
        every = every == null ? Duration.ofMinutes(10) : every;
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(where + ": every must be at least 1s");
        }
        linkSelector = linkSelector == null || linkSelector.isBlank() ? "a[href]" : linkSelector.strip();
        linkPattern = linkPattern == null ? "" : linkPattern.strip();
        if (!linkPattern.isEmpty()) {
            try {
                Pattern.compile(linkPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": linkPattern is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        if (paging != null) {
            if (kind != Kind.HTML_LIST) {
                throw new IllegalArgumentException(where + ": paging applies to html-list sources, not " + kind.code());
            }
            paging.check(where + ": paging");
        }
        if (extraction != null) {
            if (!kind.readsArticlePages()) {
                throw new IllegalArgumentException(where + ": extraction profiles apply to article pages (rss, html-list, "
                        + "sitemap, site-search); a " + kind.code() + " source has its own "
                        + (kind == Kind.FORUM ? "forum:" : "json:") + " settings");
            }
            extraction.check(where + ": extraction");
        }
        queryCharset = queryCharset == null || queryCharset.isBlank() ? "UTF-8" : queryCharset.strip();
        try {
            if (!Charset.isSupported(queryCharset)) {
                throw new IllegalArgumentException(where + ": queryCharset '" + queryCharset
                        + "' is not a charset this Java knows (e.g. UTF-8, GBK, GB18030, Big5)");
            }
        } catch (IllegalCharsetNameException e) {
            throw new IllegalArgumentException(where + ": queryCharset '" + queryCharset + "' is not a charset name");
        }
        maxQueriesPerCycle = maxQueriesPerCycle == null ? DEFAULT_MAX_QUERIES_PER_CYCLE : maxQueriesPerCycle;
        if (maxQueriesPerCycle < 1) {
            throw new IllegalArgumentException(where + ": maxQueriesPerCycle must be at least 1, not " + maxQueriesPerCycle);
        }
        if (kind == Kind.FORUM && forum == null) {
            throw new IllegalArgumentException(where + ": a forum source needs forum: {post: CSS, body: CSS, author: CSS, "
                    + "time: CSS}");
        }
        if (kind != Kind.FORUM && forum != null) {
            throw new IllegalArgumentException(where + ": forum: settings only apply to kind forum");
        }
        if (forum != null) {
            forum.check(where + ": forum");
        }
        if (kind == Kind.JSON_API && json == null) {
            throw new IllegalArgumentException(where + ": a json-api source needs json: {items: /pointer, url: /pointer, "
                    + "title: /pointer, text: /pointer, ...}");
        }
        if (kind != Kind.JSON_API && json != null) {
            throw new IllegalArgumentException(where + ": json: settings only apply to kind json-api");
        }
        if (json != null) {
            json.check(where + ": json");
        }
        headers = checkedHeaders(where, headers);
    }

    private static Map<String, String> checkedHeaders(String where, Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> checked = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String n = name == null ? "" : name.strip();
            if (!HEADER_NAME.matcher(n).matches()) {
                throw new IllegalArgumentException(where + ": headers: '" + name + "' is not an HTTP header name");
            }
            if (RESERVED_HEADERS.contains(n.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(where + ": headers: " + n + " is set by the crawler itself");
            }
            String v = value == null ? "" : value.strip();
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(where + ": headers: the value of " + n + " must be one line");
            }
            if (!isHeaderValue(v)) {
                throw new IllegalArgumentException(where + ": headers: the value of " + n + " may hold only Latin "
                        + "letters, digits and punctuation (HTTP cannot carry Chinese text in a header)");
            }
            Matcher refs = ENV_REFERENCE.matcher(v);
            String withoutRefs = refs.replaceAll("");
            if (withoutRefs.contains("${")) {
                throw new IllegalArgumentException(where + ": headers: the value of " + n
                        + " has a malformed ${...}: write ${NAME} with NAME made of letters, digits and _");
            }
            checked.put(n, v);
        });
        return java.util.Collections.unmodifiableMap(checked);
    }

    /** What an HTTP header value can carry: visible ISO-8859-1 characters, spaces and tabs. */
    public static boolean isHeaderValue(String value) {
        return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff));
    }

    /** Header values are left out: they may hold a key written in the file rather than taken from ${NAME}. */
    @Override
    public String toString() {
        return "SourceConfig[id=" + id + ", name=" + name + ", kind=" + kind.code() + ", url=" + url + ", every=" + every
                + ", linkSelector=" + linkSelector + ", linkPattern=" + linkPattern + ", allowPrivateNetwork="
                + allowPrivateNetwork + ", extraction=" + extraction + ", queryCharset=" + queryCharset
                + ", maxQueriesPerCycle=" + maxQueriesPerCycle + ", forum=" + forum + ", json=" + json
                + ", headers=" + headers.keySet() + "]";
    }

    /** The names of the environment variables the headers refer to, in order. */
    public java.util.List<String> headerEnvironmentVariables() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String v : headers.values()) {
            Matcher m = ENV_REFERENCE.matcher(v);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
