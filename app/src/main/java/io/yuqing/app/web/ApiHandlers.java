package io.yuqing.app.web;

import io.javalin.http.Context;
import io.yuqing.alerting.outbox.DeadLetters;
import io.yuqing.alerting.outbox.OutboxQueries;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.alerting.silence.Silence;
import io.yuqing.alerting.silence.SilenceMatchers;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.indexer.store.InvalidQueryException;
import io.yuqing.indexer.store.SearchHit;
import io.yuqing.indexer.store.SearchResults;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The API endpoints for what the console shows beyond alerts: search, enterprises, watchlist, silences, escalations
 * and outbox. Same rules as the pages: a desk member sees its own desk's alerts, only admins change the watchlist,
 * the outbox is not for desk members.
 */
final class ApiHandlers {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Largest CSV body the watchlist import reads: 10,000s of enterprises fit easily. */
    private static final int MAX_CSV_BYTES = 10 * 1024 * 1024;

    private final YuqingService service;
    private final InboxQueries inbox;
    private final BiConsumer<Context, Object> json;
    private final ApiError error;

    /** Writes an error body: status, code, message. */
    @FunctionalInterface
    interface ApiError {
        void send(Context ctx, int status, String code, String message);
    }

    ApiHandlers(YuqingService service, InboxQueries inbox, BiConsumer<Context, Object> json, ApiError error) {
        this.service = service;
        this.inbox = inbox;
        this.json = json;
        this.error = error;
    }

    private static Caller caller(Context ctx) {
        return java.util.Objects.requireNonNull(ctx.attribute(ConsoleServer.CALLER));
    }

    private static int limit(Context ctx, int fallback, int max) {
        return Math.min(max, Math.max(1, ConsoleServer.intParam(ctx, "limit", fallback)));
    }

    void search(Context ctx) throws IOException {
        SearchParams p = SearchParams.from(ctx, CHINA);
        int limit = limit(ctx, SearchParams.PAGE_SIZE, 100);
        SearchResults results;
        try {
            results = service.store().search(p.query().page(p.offset(), limit));
        } catch (InvalidQueryException e) {
            error.send(ctx, 400, "bad_request", "query not understood: " + e.getMessage());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", results.total());
        body.put("offset", p.offset());
        body.put("limit", limit);
        body.put("items", results.hits().stream().map(ApiHandlers::hitJson).toList());
        body.put("facets", results.facets());
        json.accept(ctx, body);
    }

    private static Map<String, Object> hitJson(SearchHit hit) {
        var d = hit.doc().document();
        var risk = hit.doc().risk();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("url", d.url());
        m.put("title", d.title());
        m.put("source", d.sourceId());
        m.put("publishedAt", d.publishedAt() == null ? null : d.publishedAt().toString());
        m.put("fetchedAt", d.fetchedAt().toString());
        m.put("score", risk.score());
        m.put("level", risk.level().code());
        m.put("categories", risk.categories().stream().map(RiskCategory::code).toList());
        m.put("enterprises", hit.doc().mentions().stream().map(x -> x.enterpriseId()).distinct().toList());
        m.put("snippetHtml", hit.snippetHtml());
        return m;
    }

    void enterprises(Context ctx) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        int limit = limit(ctx, 100, 1000);
        int offset = Math.max(0, ConsoleServer.intParam(ctx, "offset", 0));
        List<Enterprise> matching = service.watchlist().stream()
                .filter(e -> q.isEmpty() || e.name().contains(q) || e.shortNames().stream().anyMatch(n -> n.contains(q))
                        || e.aliases().stream().anyMatch(n -> n.contains(q)))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", matching.size());
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("items", matching.stream().skip(offset).limit(limit).map(ApiHandlers::enterpriseJson).toList());
        json.accept(ctx, body);
    }

    private static Map<String, Object> enterpriseJson(Enterprise e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("name", e.name());
        m.put("shortNames", e.shortNames());
        m.put("aliases", e.aliases());
        m.put("district", e.district());
        m.put("industry", e.industry());
        m.put("creditCode", e.creditCode());
        return m;
    }

    void enterprise(Context ctx) {
        String id = ctx.pathParam("id");
        var found = service.watchlist().stream().filter(e -> e.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            error.send(ctx, 404, "not_found", "no enterprise with id " + id + " on the watchlist");
            return;
        }
        InboxFilter mine = InboxFilter.none().withEnterprise(id).restrictTo(caller(ctx).user());
        LocalDate today = service.clock().instant().atZone(CHINA).toLocalDate();
        Instant since = today.minusDays(RiskChart.DAYS - 1 + 14).atStartOfDay(CHINA).toInstant();
        var days = RiskChart.days(inbox.timesAndScores(mine, since), today, CHINA, service.config().scoring().levels());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enterprise", enterpriseJson(found.get()));
        body.put("riskIndex", days.stream().map(d -> Map.of("day", d.date().toString(), "alerts", d.alerts(),
                "riskIndex", Math.round(d.riskIndex() * 10) / 10.0)).toList());
        body.put("openAlerts", inbox.list(mine.onlyOpen(), 0, 100).stream().map(ConsoleServer::alertJson).toList());
        json.accept(ctx, body);
    }

    void watchlistCsv(Context ctx) {
        if (caller(ctx).user().role() != Role.ADMIN) {
            error.send(ctx, 403, "forbidden", "only administrators export the watchlist");
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"watchlist.csv\"");
        ctx.contentType("text/csv; charset=utf-8")
                .result(("\uFEFF" + WatchlistCsv.write(service.watchlist())).getBytes(StandardCharsets.UTF_8));
    }

    void importWatchlist(Context ctx) throws SQLException {
        Caller who = caller(ctx);
        if (who.user().role() != Role.ADMIN) {
            error.send(ctx, 403, "forbidden", "only administrators import the watchlist");
            return;
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_CSV_BYTES) {
            error.send(ctx, 400, "bad_request", "the CSV is larger than 10 MB");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            error.send(ctx, 400, "bad_request", "the CSV is not UTF-8");
            return;
        }
        try {
            List<Enterprise> enterprises = WatchlistCsv.parse(text, "request body");
            int added = service.watchlistRepository().upsertAll(enterprises);
            service.reloadWatchlist();
            new AuditLog(service.database().dataSource(), service.clock())
                    .record(who.user().name(), "watchlist_import", "API: " + enterprises.size() + " enterprises, " + added + " new");
            json.accept(ctx, Map.of("imported", enterprises.size(), "added", added));
        } catch (ConfigException e) {
            error.send(ctx, 400, "bad_request", e.getMessage());
        }
    }

    void silences(Context ctx) {
        json.accept(ctx, Map.of("items", service.silences().active().stream().map(ApiHandlers::silenceJson).toList()));
    }

    private static Map<String, Object> silenceJson(Silence s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("enterprise", s.matchers().enterpriseId());
        m.put("category", s.matchers().category() == null ? null : s.matchers().category().code());
        m.put("level", s.matchers().level() == null ? null : s.matchers().level().code());
        m.put("desk", s.matchers().deskId());
        m.put("source", s.matchers().sourceId());
        m.put("author", s.author());
        m.put("comment", s.comment());
        m.put("startsAt", s.startsAt().toString());
        m.put("endsAt", s.endsAt().toString());
        return m;
    }

    void createSilence(Context ctx) {
        Caller who = caller(ctx);
        if (!who.user().canAct()) {
            error.send(ctx, 403, "forbidden", "user " + who.user().name() + " may only read");
            return;
        }
        SilenceRequest request;
        switch (SilenceRequest.parse(ctx::formParam, who.user())) {
            case FormParse.Valid<SilenceRequest> valid -> request = valid.value();
            case FormParse.Invalid<SilenceRequest> invalid -> {
                // The API speaks English; the console's form shows the same message in the reader's language.
                error.send(ctx, 400, "bad_request", invalid.in(Messages.EN));
                return;
            }
        }
        Silence created = service.silences().create(request.matchers(), who.user().name(), request.comment(), null,
                service.clock().instant().plus(java.time.Duration.ofHours(request.hours())));
        ctx.status(201);
        json.accept(ctx, silenceJson(created));
    }

    void expireSilence(Context ctx) {
        Caller who = caller(ctx);
        if (!who.user().canAct()) {
            error.send(ctx, 403, "forbidden", "user " + who.user().name() + " may only read");
            return;
        }
        Long id = ConsoleServer.parseId(ctx.pathParam("id"));
        var expired = id == null ? java.util.Optional.<Silence>empty() : service.silences().expire(id, who.user().name());
        if (expired.isEmpty()) {
            error.send(ctx, 404, "not_found", "no active silence with id " + ctx.pathParam("id"));
            return;
        }
        json.accept(ctx, silenceJson(expired.get()));
    }

    void escalations(Context ctx) {
        json.accept(ctx, Map.of("items", service.escalations().recent(limit(ctx, 100, 500)).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("enterpriseId", e.enterpriseId());
            m.put("enterprise", e.enterpriseName());
            m.put("category", e.category() == null ? null : e.category().code());
            m.put("count", e.count());
            m.put("expected", e.expected());
            m.put("pValue", e.pValue());
            m.put("sources", e.sources());
            m.put("windowMinutes", e.window().toMinutes());
            m.put("firedAt", e.firedAt().toString());
            m.put("resolvedAt", e.resolvedAt() == null ? null : e.resolvedAt().toString());
            return m;
        }).toList()));
    }

    void outbox(Context ctx) {
        if (caller(ctx).user().role() == Role.DESK) {
            error.send(ctx, 403, "forbidden", "the outbox holds every desk's mail: admins and viewers only");
            return;
        }
        OutboxQueries rows = new OutboxQueries(service.database().dataSource());
        switch (OutboxView.parse(ctx::queryParam, true, rows)) {
            case FormParse.Invalid<OutboxView> invalid -> error.send(ctx, 400, "bad_request", invalid.in(Messages.EN));
            case FormParse.Valid<OutboxView> valid -> {
                OutboxView view = valid.value();
                // One row more than asked: whether an older page exists, without counting.
                List<OutboxQueries.OutboxEntry> page = rows.page(view.status(), view.before(), view.limit() + 1);
                boolean older = page.size() > view.limit();
                page = older ? page.subList(0, view.limit()) : page;
                Map<String, Long> byStatus = rows.counts();
                Map<String, Object> counts = new LinkedHashMap<>();
                for (String status : OutboxView.STATUSES) {
                    counts.put(status, byStatus.getOrDefault(status, 0L));
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", view.status());
                body.put("limit", view.limit());
                body.put("counts", counts);
                body.put("items", page.stream().map(ApiHandlers::outboxJson).toList());
                body.put("nextBefore", older ? page.getLast().id() : null);
                json.accept(ctx, body);
            }
        }
    }

    /** POST /api/outbox/{id}/resend: an administrator sends a dead row again; pending and sent rows answer 409. */
    void resendOutboxRow(Context ctx) {
        if (caller(ctx).user().role() != Role.ADMIN) {
            error.send(ctx, 403, "forbidden", "only administrators send failed deliveries again");
            return;
        }
        Long id = ConsoleServer.parseId(ctx.pathParam("id"));
        if (id == null) {
            error.send(ctx, 404, "not_found", "no outbox row " + ctx.pathParam("id"));
            return;
        }
        switch (service.resendDead(id, caller(ctx).user().name())) {
            case DeadLetters.Resent resent -> json.accept(ctx, outboxJson(
                    new OutboxQueries(service.database().dataSource()).get(id).orElseThrow()));
            case DeadLetters.NotFound none -> error.send(ctx, 404, "not_found", "no outbox row " + id);
            case DeadLetters.NotDead notDead -> error.send(ctx, 409, "invalid_transition", "outbox row " + id + " is "
                    + notDead.status() + ": only dead (failed) rows are sent again");
        }
    }

    /** POST /api/outbox/resend-dead: an administrator sends every dead row again. */
    void resendAllDead(Context ctx) {
        if (caller(ctx).user().role() != Role.ADMIN) {
            error.send(ctx, 403, "forbidden", "only administrators send failed deliveries again");
            return;
        }
        json.accept(ctx, Map.of("resent", service.resendAllDead(caller(ctx).user().name())));
    }

    /** One outbox row as the API writes it. */
    static Map<String, Object> outboxJson(OutboxQueries.OutboxEntry o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("key", o.idempotencyKey());
        m.put("channel", o.channel().code());
        if (o.channel() instanceof OutboxQueries.Webhook w) {
            m.put("webhookKind", w.kind().code());
            m.put("desk", w.deskId());
        }
        m.put("recipients", o.recipients());
        m.put("subject", o.subject());
        m.put("status", o.status().toLowerCase(Locale.ROOT));
        m.put("attempts", o.attempts());
        m.put("nextAttemptAt", o.nextAttemptAt() == null ? null : o.nextAttemptAt().toString());
        m.put("lastError", o.lastError());
        m.put("createdAt", o.createdAt().toString());
        m.put("sentAt", o.sentAt() == null ? null : o.sentAt().toString());
        m.put("resentBy", o.resentBy());
        m.put("resentAt", o.resentAt() == null ? null : o.resentAt().toString());
        return m;
    }

    /**
     * A silence request from form fields, validated here once for the console's form and {@code POST /api/silences}, with
     * the same messages: a {@link Messages} key each, shown in the reader's language on the console and in English by
     * the API. A desk member's silence only ever covers its own desk.
     */
    record SilenceRequest(SilenceMatchers matchers, int hours, String comment) {

        static FormParse<SilenceRequest> parse(java.util.function.Function<String, String> field, io.yuqing.app.security.User user) {
            String hoursText = blankTo(field.apply("hours"), "24");
            if (!hoursText.matches("\\d{1,4}") || !RulesPages.DURATION_HOURS.contains(Integer.parseInt(hoursText))) {
                return new FormParse.Invalid<>("静默时长须为 {0} 小时之一。", List.of(String.join(", ",
                        RulesPages.DURATION_HOURS.stream().map(String::valueOf).toList())));
            }
            String comment = blankTo(field.apply("comment"), "");
            if (comment.isEmpty()) {
                return new FormParse.Invalid<>("请填写静默原因", List.of());
            }
            String category = blankTo(field.apply("category"), null);
            RiskCategory riskCategory = null;
            if (category != null) {
                riskCategory = java.util.Arrays.stream(RiskCategory.values())
                        .filter(c -> c.code().equals(category.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
                if (riskCategory == null) {
                    return new FormParse.Invalid<>("未知的风险类别：{0}", List.of(shortened(category)));
                }
            }
            String level = blankTo(field.apply("level"), null);
            RiskLevel riskLevel = null;
            if (level != null) {
                riskLevel = java.util.Arrays.stream(RiskLevel.values())
                        .filter(l -> l != RiskLevel.NONE && l.code().equals(level.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
                if (riskLevel == null) {
                    return new FormParse.Invalid<>("未知的预警级别：{0}（可选 blue、yellow、orange、red）", List.of(shortened(level)));
                }
            }
            String desk = user.role() == Role.DESK ? user.deskId() : blankTo(field.apply("desk"), null);
            SilenceMatchers matchers = new SilenceMatchers(blankTo(field.apply("enterprise"), null), riskCategory, riskLevel,
                    desk, blankTo(field.apply("source"), null));
            return new FormParse.Valid<>(new SilenceRequest(matchers, Integer.parseInt(hoursText), comment));
        }

        /** Echoed input stays short: it is someone's typing, not ours. */
        private static String shortened(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }

        private static String blankTo(String s, String fallback) {
            return s == null || s.isBlank() ? fallback : s.strip();
        }
    }
}
