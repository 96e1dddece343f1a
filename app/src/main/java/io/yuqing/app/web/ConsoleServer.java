package io.yuqing.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.review.ReviewOutcome;
import io.yuqing.app.service.YuqingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The web console (server-rendered HTML, no scripts), the JSON API, /metrics and health endpoints, on Javalin.
 * Javalin is a thin layer over Jetty with plain-Java handlers: routing and form handling without a framework.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final YuqingService service;
    private final PrometheusMeterRegistry prometheus;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Per-process token every state-changing form must carry; a page on another site cannot read it. */
    private final String csrfToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final ConsolePages pages;
    private final Javalin app;

    private ConsoleServer(YuqingService service, PrometheusMeterRegistry prometheus) {
        this.service = service;
        this.prometheus = prometheus;
        this.pages = new ConsolePages(service, csrfToken);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = service.config().server().host();
            config.routes.before(this::securityHeaders);
            config.routes.get("/", ctx -> ctx.redirect("/alerts", HttpStatus.FOUND));
            config.routes.get("/alerts", ctx -> ctx.html(pages.alertList(ctx)));
            config.routes.get("/alerts/{id}", this::alertDetail);
            config.routes.post("/alerts/{id}/{action}", this::alertAction);
            config.routes.get("/search", ctx -> ctx.html(pages.search(ctx)));
            config.routes.get("/sources", ctx -> ctx.html(pages.sources()));
            config.routes.get("/watchlist", ctx -> ctx.html(pages.watchlist()));
            config.routes.get("/outbox", ctx -> ctx.html(pages.outbox()));
            config.routes.get("/static/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(resource("/console/console.css")));
            config.routes.get("/metrics", this::metrics);
            config.routes.get("/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
            config.routes.get("/health/ready", this::ready);
            config.routes.get("/api/alerts", this::apiAlerts);
            config.routes.get("/api/alerts/{id}", this::apiAlert);
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).html(pages.error("服务器内部错误", "请稍后重试；如果问题持续，请联系管理员并提供时间点。"));
            });
            config.routes.error(404, "html", ctx -> ctx.html(pages.error("页面不存在", "没有找到这个页面。")));
        });
    }

    /** Starts on the configured host and the given port (0 picks a free one). */
    public static ConsoleServer start(YuqingService service, PrometheusMeterRegistry prometheus, int port) {
        ConsoleServer server = new ConsoleServer(service, prometheus);
        server.app.start(service.config().server().host(), port);
        return server;
    }

    public int port() {
        return app.port();
    }

    public String csrfToken() {
        return csrfToken;
    }

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    private void alertDetail(Context ctx) throws IOException {
        Long id = parseId(ctx.pathParam("id"));
        if (id == null) {
            ctx.status(404).html(pages.error("预警不存在", "预警编号无效。"));
            return;
        }
        var alert = service.alerts().get(id);
        if (alert.isEmpty()) {
            ctx.status(404).html(pages.error("预警不存在", "没有编号为 " + id + " 的预警。"));
            return;
        }
        ctx.html(pages.alertDetail(alert.get(), ctx.queryParam("msg")));
    }

    private void alertAction(Context ctx) {
        if (!csrfValid(ctx.formParam("csrf"))) {
            ctx.status(403).html(pages.error("请求被拒绝", "表单已过期或来自其他网站（CSRF 校验失败）。请刷新页面后重试。"));
            return;
        }
        Long id = parseId(ctx.pathParam("id"));
        if (id == null) {
            ctx.status(404).html(pages.error("预警不存在", "预警编号无效。"));
            return;
        }
        String actor = blankTo(ctx.formParam("actor"), "控制台用户");
        String note = blankTo(ctx.formParam("note"), "");
        ReviewOutcome outcome = switch (ctx.pathParam("action")) {
            case "acknowledge" -> service.reviews().acknowledge(id, actor, note);
            case "resolve" -> service.reviews().resolve(id, actor, note);
            case "false-positive" -> service.reviews().markFalsePositive(id, actor, note);
            case "reopen" -> service.reviews().reopen(id, actor, note);
            default -> null;
        };
        if (outcome == null) {
            ctx.status(404).html(pages.error("操作不存在", "不支持这个操作。"));
            return;
        }
        switch (outcome) {
            case ReviewOutcome.Done done -> ctx.redirect("/alerts/" + id + "?msg=done", HttpStatus.SEE_OTHER);
            case ReviewOutcome.NotFound notFound -> ctx.status(404).html(pages.error("预警不存在", "没有编号为 " + id + " 的预警。"));
            case ReviewOutcome.InvalidTransition invalid -> ctx.redirect("/alerts/" + id + "?msg=invalid", HttpStatus.SEE_OTHER);
        }
    }

    private void metrics(Context ctx) {
        String accept = Objects.requireNonNullElse(ctx.header("Accept"), "");
        if (accept.contains("application/openmetrics-text")) {
            String type = "application/openmetrics-text; version=1.0.0; charset=utf-8";
            ctx.contentType(type).result(prometheus.scrape(type));
        } else {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.scrape());
        }
    }

    private void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean ok = true;
        try (Connection c = service.database().dataSource().getConnection()) {
            checks.put("database", c.isValid(2) ? "up" : "down");
        } catch (Exception e) {
            checks.put("database", "down: " + e.getMessage());
        }
        try {
            service.store().count();
            checks.put("index", "up");
        } catch (Exception e) {
            checks.put("index", "down: " + e.getMessage());
        }
        for (String v : checks.values()) {
            ok &= v.equals("up");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "up" : "down");
        body.put("checks", checks);
        ctx.status(ok ? 200 : 503).contentType("application/json").result(toJson(body));
    }

    private void apiAlerts(Context ctx) {
        AlertFilter filter = ConsolePages.filterFrom(ctx);
        int limit = Math.min(500, Math.max(1, intParam(ctx, "limit", 50)));
        int offset = Math.max(0, intParam(ctx, "offset", 0));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", service.alerts().count(filter));
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("items", service.alerts().list(filter, offset, limit).stream().map(ConsoleServer::alertJson).toList());
        ctx.contentType("application/json").result(toJson(body));
    }

    private void apiAlert(Context ctx) {
        Long id = parseId(ctx.pathParam("id"));
        var alert = id == null ? java.util.Optional.<Alert>empty() : service.alerts().get(id);
        if (alert.isEmpty()) {
            ctx.status(404).contentType("application/json").result(toJson(Map.of("error", "not_found",
                    "message", "no alert with id " + ctx.pathParam("id"))));
            return;
        }
        ctx.contentType("application/json").result(toJson(alertJson(alert.get())));
    }

    static Map<String, Object> alertJson(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("level", a.level().code());
        m.put("status", a.status().code());
        m.put("enterpriseId", a.enterpriseId());
        m.put("enterprise", a.enterpriseName());
        m.put("title", a.title());
        m.put("url", a.url());
        m.put("source", a.sourceId());
        m.put("score", a.score());
        m.put("categories", a.categories().stream().map(c -> c.code()).toList());
        m.put("evidence", a.evidence().stream().map(e -> Map.of("term", e.term(), "category", e.category().code(),
                "sentence", e.sentence())).toList());
        m.put("desks", a.deskIds());
        m.put("createdAt", a.createdAt().toString());
        m.put("updatedAt", a.updatedAt().toString());
        return m;
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean csrfValid(String token) {
        return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
    }

    static Long parseId(String s) {
        try {
            long id = Long.parseLong(s);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static int intParam(Context ctx, String name, int fallback) {
        try {
            String v = ctx.queryParam(name);
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blankTo(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.strip();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    static AlertStatus statusOrNull(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        for (AlertStatus s : AlertStatus.values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public void close() {
        app.stop();
    }
}
