package io.yuqing.app.web;

import io.yuqing.alerting.outbox.OutboxQueries;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which outbox rows a reader asked for, on the console's outbox page and {@code GET /api/outbox}: one status or all,
 * older than a given row or from the newest, so dead letters older than the first page can be found and resent one by
 * one. Parsed once for both, with the same messages (Chinese {@link Messages} keys: the page shows them in the reader's
 * language, the API in English).
 *
 * @param status {@code pending}, {@code sent} or {@code dead}; null for every status
 * @param before the last row of the previous page (rows after it in the listing's order); null for the newest
 * @param limit  rows a page
 */
record OutboxView(String status, Long before, int limit) {
    /** The console's page size, and the API's default. */
    static final int PAGE_SIZE = 100;
    static final int MAX_LIMIT = 500;
    /** The states the page shows, in its order. */
    static final List<String> STATUSES = List.of("pending", "sent", "dead");

    /**
     * @param param      a query parameter by name (null when absent)
     * @param withLimit  whether {@code limit} is read (the API); the page always shows {@link #PAGE_SIZE}
     * @param rows       the outbox, to check that {@code before} names a row (an unknown one is an error, not an empty page)
     */
    static FormParse<OutboxView> parse(Function<String, String> param, boolean withLimit, OutboxQueries rows) {
        String statusText = param.apply("status");
        String status = null;
        if (statusText != null && !statusText.isBlank() && !statusText.strip().equalsIgnoreCase("all")) {
            status = statusText.strip().toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                return new FormParse.Invalid<>("无法识别的状态「{0}」：可选 pending（待发送）、sent（已发送）、dead（发送失败），不填为全部。",
                        List.of(shorten(statusText)));
            }
        }
        int limit = PAGE_SIZE;
        String limitText = param.apply("limit");
        if (withLimit && limitText != null && !limitText.isBlank()) {
            Integer n = limitText.strip().matches("\\d{1,4}") ? Integer.valueOf(limitText.strip()) : null;
            if (n == null || n < 1 || n > MAX_LIMIT) {
                return new FormParse.Invalid<>("每页条数（limit）须为 1 到 {0} 之间的整数：{1}", List.of(String.valueOf(MAX_LIMIT), shorten(limitText)));
            }
            limit = n;
        }
        String beforeText = param.apply("before");
        Long before = null;
        if (beforeText != null && !beforeText.isBlank()) {
            before = ConsoleServer.parseId(beforeText.strip());
            if (before == null) {
                return new FormParse.Invalid<>("翻页参数 before 须为消息编号（正整数）：{0}", List.of(shorten(beforeText)));
            }
            if (rows.get(before).isEmpty()) {
                return new FormParse.Invalid<>("发件箱中没有编号为 {0} 的消息，无法从它往后翻页。", List.of(String.valueOf(before)));
            }
        }
        return new FormParse.Valid<>(new OutboxView(status, before, limit));
    }

    /** The page's own address for this view (and {@code before} replaced), query values plain ASCII. */
    String link(Long before) {
        StringBuilder b = new StringBuilder("/outbox");
        String sep = "?";
        if (status != null) {
            b.append(sep).append("status=").append(status);
            sep = "&";
        }
        if (before != null) {
            b.append(sep).append("before=").append(before);
        }
        return b.toString();
    }

    /** The same view in another status, from the newest. */
    OutboxView withStatus(String other) {
        return new OutboxView(other, null, limit);
    }

    /** A value the reader typed, cut short for an error message (it is escaped where shown). */
    private static String shorten(String s) {
        String t = s.strip();
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
