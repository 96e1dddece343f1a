package io.yuqing.app.web;

import io.javalin.http.Context;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.indexer.store.SearchQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.yuqing.core.text.Html.escape;

/**
 * The search page's state from its URL: the query text, the facet filters chosen (enterprise, category, level,
 * source, day) and the page. Values that do not parse are dropped: a hand-edited link still shows results.
 */
record SearchParams(String q, String enterprise, RiskCategory category, RiskLevel level, String source, LocalDate day,
                    int offset, ZoneId zone) {
    static final int PAGE_SIZE = 20;
    /** How many recent days the day facet counts. */
    static final int DAY_FACET_DAYS = 7;

    static SearchParams from(Context ctx, ZoneId zone) {
        RiskCategory category = null;
        try {
            String c = blank(ctx.queryParam("category"));
            category = c == null ? null : RiskCategory.fromCode(c);
        } catch (IllegalArgumentException ignored) {
            // an unknown category filters nothing
        }
        RiskLevel level = null;
        try {
            String l = blank(ctx.queryParam("level"));
            level = l == null ? null : RiskLevel.fromCode(l);
        } catch (IllegalArgumentException ignored) {
            // an unknown level filters nothing
        }
        LocalDate day = null;
        try {
            String d = blank(ctx.queryParam("day"));
            day = d == null ? null : LocalDate.parse(d);
        } catch (DateTimeParseException ignored) {
            // a malformed day filters nothing
        }
        String q = ctx.queryParam("q");
        return new SearchParams(q == null ? "" : q.strip(), blank(ctx.queryParam("enterprise")), category, level,
                blank(ctx.queryParam("source")), day, Math.max(0, ConsoleServer.intParam(ctx, "offset", 0)), zone);
    }

    /** The store query for these parameters (paging is added by the caller). */
    SearchQuery query() {
        SearchQuery sq = SearchQuery.of(q).withEnterprise(enterprise).withCategory(category).withLevel(level).withSource(source);
        if (day != null) {
            sq = sq.between(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
        }
        return sq;
    }

    SearchParams withoutDay() {
        return new SearchParams(q, enterprise, category, level, source, null, 0, zone);
    }

    /** A link to this search with one parameter set (or removed when null), back on the first page unless it is the offset. */
    String link(String name, String value) {
        Map<String, String> params = values();
        params.remove("offset");
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        StringBuilder b = new StringBuilder("/search?");
        params.forEach((k, v) -> b.append(k).append('=').append(escape(URLEncoder.encode(v, StandardCharsets.UTF_8))).append("&amp;"));
        return b.substring(0, b.length() - (params.isEmpty() ? 1 : 5));
    }

    /** Hidden inputs carrying the chosen facets through a new query typed into the search box. */
    String hiddenFiltersExceptQuery() {
        StringBuilder b = new StringBuilder();
        values().forEach((k, v) -> {
            if (!k.equals("q") && !k.equals("offset")) {
                b.append("<input type=\"hidden\" name=\"").append(k).append("\" value=\"").append(escape(v)).append("\">");
            }
        });
        return b.toString();
    }

    private Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>();
        if (!q.isEmpty()) {
            m.put("q", q);
        }
        put(m, "enterprise", enterprise);
        put(m, "category", category == null ? null : category.code());
        put(m, "level", level == null ? null : level.code());
        put(m, "source", source);
        put(m, "day", day == null ? null : day.toString());
        if (offset > 0) {
            m.put("offset", String.valueOf(offset));
        }
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
