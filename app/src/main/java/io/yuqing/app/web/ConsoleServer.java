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
import io.javalin.http.HandlerType;
import io.yuqing.app.security.Authenticator;
import io.yuqing.app.security.LoginResult;
import io.yuqing.app.security.PasswordHasher;
import io.yuqing.app.security.Role;
import io.yuqing.app.security.Secrets;
import io.yuqing.app.security.UserStore;
import io.yuqing.app.service.YuqingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The web console (server-rendered HTML; one small same-origin script that only adds conveniences), the JSON API,
 * /metrics and health endpoints, on Javalin; optionally health and /metrics alone on a management port.
 * Everything but the login page, the style sheet, /metrics and /health/* needs a logged-in user or an API token.
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
    static final String SESSION_COOKIE = "yuqing_session";
    /** Double-submit token of the login form, set before anyone is logged in. */
    static final String LOGIN_COOKIE = "yuqing_login";
    /** Open without login: monitoring (health, Prometheus scrapes), the login page and the style sheet. */
    private static final Set<String> OPEN_PATHS = Set.of("/login", "/health/live", "/health/ready", "/metrics", "/static/console.css",
            "/static/console.js", "/lang", "/api/docs", "/api/openapi.json");
    /** Most alerts one bulk request may touch: a page is 50, so this only stops abuse. */
    static final int MAX_BULK = 500;
    static final String CALLER = "yuqing.caller";

    private final ConsolePages pages;
    private final RulesPages rules;
    private final SourcesPages sources;
    private final InboxQueries inbox;
    private final UserStore users;
    private final Authenticator authenticator;
    private final Javalin app;

    private ConsoleServer(YuqingService service, PrometheusMeterRegistry prometheus) {
        this.service = service;
        this.prometheus = prometheus;
        this.pages = new ConsolePages(service);
        this.rules = new RulesPages(service);
        this.sources = new SourcesPages(service);
        this.inbox = pages.inbox();
        PasswordHasher hasher = new PasswordHasher();
        this.users = new UserStore(service.database().dataSource(), service.clock(), hasher);
        this.authenticator = new Authenticator(users, hasher, service.clock());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = service.config().server().host();
            config.routes.before(this::securityHeaders);
            config.routes.before(this::authenticate);
            config.routes.get("/login", this::loginPage);
            config.routes.post("/login", this::login);
            config.routes.post("/logout", this::logout);
            config.routes.get("/", ctx -> ctx.redirect("/alerts", HttpStatus.FOUND));
            config.routes.get("/alerts", ctx -> ctx.html(pages.alertList(ctx, caller(ctx))));
            config.routes.post("/alerts/bulk", this::bulkAcknowledge);
            config.routes.get("/alerts/{id}", this::alertDetail);
            config.routes.post("/alerts/{id}/{action}", this::alertAction);
            config.routes.get("/escalations", ctx -> ctx.html(pages.escalations(caller(ctx))));
            config.routes.get("/silences", ctx -> ctx.html(ConsolePages.page(caller(ctx).messages().t("静默规则"), "silences",
                    rules.silences(caller(ctx), prefill(ctx), ctx.queryParam("msg")), caller(ctx))));
            config.routes.post("/silences", this::createSilence);
            config.routes.post("/silences/{id}/expire", this::expireSilence);
            config.routes.get("/routing", ctx -> ctx.html(ConsolePages.page(caller(ctx).messages().t("分发与规则"), "routing",
                    rules.routing(caller(ctx)), caller(ctx))));
            config.routes.get("/search", ctx -> ctx.html(pages.search(ctx, caller(ctx))));
            config.routes.get("/documents/{id}/copy", this::pageCopy);
            config.routes.get("/sources", ctx -> sources.page(ctx, caller(ctx)));
            config.routes.get("/sources/new", ctx -> sources.newForm(ctx, caller(ctx)));
            config.routes.post("/sources", ctx -> sources.submit(ctx, caller(ctx)));
            config.routes.post("/sources/{id}/{action}", ctx -> sources.action(ctx, caller(ctx)));
            config.routes.get("/watchlist", ctx -> ctx.html(pages.watchlist(caller(ctx), importNotice(ctx, caller(ctx).messages()))));
            config.routes.get("/watchlist.csv", this::watchlistCsv);
            config.routes.post("/watchlist/import", this::importWatchlist);
            config.routes.get("/enterprises/{id}", this::enterprise);
            config.routes.get("/lang", this::switchLanguage);
            config.routes.get("/static/console.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(resource("/console/console.js")));
            config.routes.get("/outbox", this::outbox);
            config.routes.post("/outbox/resend-dead", this::resendAllDead);
            config.routes.post("/outbox/{id}/resend", this::resendOutboxRow);
            config.routes.get("/static/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(resource("/console/console.css")));
            config.routes.get("/metrics", this::metrics);
            config.routes.get("/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
            config.routes.get("/health/ready", this::ready);
            config.routes.get("/api/docs", ctx -> ctx.html(pages.apiDocs(sessionCaller(ctx), Messages.of(ctx))));
            config.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json")
                    .result(toJson(OpenApi.document(version()))));
            registerApi(config.routes);
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                if (ctx.path().startsWith("/api/")) {
                    apiError(ctx, 500, "internal", "the server failed; try again later");
                } else {
                    ctx.status(500).html(pages.error("服务器内部错误", "请稍后重试；如果问题持续，请联系管理员并提供时间点。", ctx.attribute(CALLER),
                            Messages.of(ctx)));
                }
            });
            config.routes.error(404, "*", ctx -> {
                if (!ctx.path().startsWith("/api/")) {
                    // Our own 404 pages are HTML already; Javalin's "Not Found" for an unknown path is plain text.
                    if (!Objects.requireNonNullElse(ctx.res().getContentType(), "").startsWith("text/html")) {
                        ctx.html(pages.error("页面不存在", "没有找到这个页面。", ctx.attribute(CALLER), Messages.of(ctx)));
                    }
                } else if (!Objects.requireNonNullElse(ctx.res().getContentType(), "").startsWith("application/json")) {
                    apiError(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /api/docs)");
                }
            });
        });
    }

    /**
     * Only /health/live, /health/ready and /metrics, for a management port that monitoring reaches and staff do not;
     * the console itself is started with {@link #start}. Port 0 picks a free one.
     */
    public static ConsoleServer startManagement(YuqingService service, PrometheusMeterRegistry prometheus, String host, int port) {
        ConsoleServer server = new ConsoleServer(service, prometheus, host);
        server.app.start(host, port);
        return server;
    }

    private ConsoleServer(YuqingService service, PrometheusMeterRegistry prometheus, String host) {
        this.service = service;
        this.prometheus = prometheus;
        this.pages = null;
        this.rules = null;
        this.sources = null;
        this.inbox = null;
        this.users = null;
        this.authenticator = null;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.routes.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store"));
            config.routes.get("/metrics", this::metrics);
            config.routes.get("/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
            config.routes.get("/health/ready", this::ready);
            config.routes.error(404, "*", ctx -> apiError(ctx, 404, "not_found", "the management port serves /health/live, /health/ready and /metrics only"));
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

    /** The users of this console's database (for tests and the demo; the CLI opens its own). */
    public UserStore users() {
        return users;
    }

    private static Caller caller(Context ctx) {
        return Objects.requireNonNull(ctx.attribute(CALLER), "authenticate() runs before every handler that needs a caller");
    }

    /**
     * Runs before every handler: finds the caller from the session cookie or, on /api/*, a Bearer token; sends the
     * anonymous to the login page (HTML) or answers 401 (API); and refuses a POST from a session without its CSRF token.
     */
    private void authenticate(Context ctx) {
        String path = ctx.path();
        if (OPEN_PATHS.contains(path)) {
            return;
        }
        boolean api = path.startsWith("/api/");
        Caller caller = null;
        String authorization = ctx.header("Authorization");
        if (api && authorization != null) {
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                caller = users.userForToken(authorization.substring(7)).map(u -> new Caller(u, null, Messages.of(ctx))).orElse(null);
            }
            if (caller == null) {
                apiError(ctx, 401, "unauthorized", "invalid API token");
                ctx.skipRemainingHandlers();
                return;
            }
        } else {
            caller = sessionCaller(ctx);
        }
        if (caller == null) {
            if (api) {
                ctx.header("WWW-Authenticate", "Bearer");
                apiError(ctx, 401, "unauthorized", "log in or send Authorization: Bearer <token>");
            } else if (ctx.method() == HandlerType.GET) {
                ctx.redirect("/login", HttpStatus.FOUND);
            } else {
                ctx.status(403).html(pages.error("请求被拒绝", "登录已过期，请重新登录后再试。", null, Messages.of(ctx)));
            }
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(CALLER, caller);
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && caller.session() != null) {
            String token = ctx.formParam("csrf");
            if (token == null) {
                token = ctx.header("X-CSRF-Token");
            }
            if (!Secrets.same(token, caller.session().csrfToken())) {
                if (api) {
                    apiError(ctx, 403, "csrf", "missing or wrong CSRF token");
                } else {
                    ctx.status(403).html(pages.error("请求被拒绝", "表单已过期或来自其他网站（CSRF 校验失败）。请刷新页面后重试。", caller));
                }
                ctx.skipRemainingHandlers();
            }
        }
    }

    /** The caller of a browser session, or null. */
    private Caller sessionCaller(Context ctx) {
        return authenticator.session(ctx.cookie(SESSION_COOKIE)).map(s -> new Caller(s.user(), s, Messages.of(ctx))).orElse(null);
    }

    private void loginPage(Context ctx) {
        if (authenticator.session(ctx.cookie(SESSION_COOKIE)).isPresent()) {
            ctx.redirect("/alerts", HttpStatus.FOUND);
            return;
        }
        ctx.html(pages.login(null, null, loginToken(ctx), Messages.of(ctx)));
    }

    /** The login form's CSRF token: the one in the pre-login cookie, or a new one set now. */
    private String loginToken(Context ctx) {
        String token = ctx.cookie(LOGIN_COOKIE);
        if (token == null || token.length() < 40) {
            token = Secrets.token();
            setCookie(ctx, LOGIN_COOKIE, token, 3600);
        }
        return token;
    }

    private void login(Context ctx) {
        Messages m = Messages.of(ctx);
        String cookieToken = ctx.cookie(LOGIN_COOKIE);
        if (cookieToken == null || !Secrets.same(ctx.formParam("csrf"), cookieToken)) {
            ctx.status(403).html(pages.login(m.t("登录表单已过期，请重新输入。"), ctx.formParam("username"), loginToken(ctx), m));
            return;
        }
        String name = ctx.formParam("username");
        LoginResult result = authenticator.login(name, ctx.formParam("password"), ctx.ip());
        switch (result) {
            case LoginResult.LoggedIn in -> {
                setCookie(ctx, SESSION_COOKIE, in.session().id(), Authenticator.SESSION_LIFETIME.toSeconds());
                setCookie(ctx, LOGIN_COOKIE, "", 0);
                ctx.redirect("/alerts", HttpStatus.SEE_OTHER);
            }
            case LoginResult.BadCredentials bad -> ctx.status(401).html(pages.login(m.t("用户名或密码错误。"), name, cookieToken, m));
            case LoginResult.LockedOut locked -> ctx.status(429).html(pages.login(m.t("密码错误次数过多，账号已锁定，请于 {0} 之后再试，或联系管理员。",
                    ConsolePages.formatTime(locked.until())), name, cookieToken, m));
            case LoginResult.Throttled throttled -> ctx.status(429).html(pages.login(m.t("登录失败次数过多，请于 {0} 之后再试。",
                    ConsolePages.formatTime(throttled.until())), name, cookieToken, m));
        }
    }

    private void logout(Context ctx) {
        Caller caller = caller(ctx);
        if (caller.session() != null) {
            authenticator.logout(caller.session());
        }
        setCookie(ctx, SESSION_COOKIE, "", 0);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure when served over TLS. */
    private static void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
        boolean tls = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equalsIgnoreCase(ctx.scheme());
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (tls ? "; Secure" : ""));
    }

    /**
     * Registers exactly the endpoints {@link ApiDocs#ENDPOINTS} documents, each with its handler; an endpoint without
     * a handler or a handler without documentation stops the console from starting.
     */
    private void registerApi(io.javalin.router.JavalinDefaultRoutingApi routes) {
        ApiHandlers more = new ApiHandlers(service, inbox, (ctx, body) -> ctx.contentType("application/json").result(toJson(body)),
                this::apiError);
        Map<String, io.javalin.http.Handler> handlers = new LinkedHashMap<>();
        handlers.put("GET /api/alerts", this::apiAlerts);
        handlers.put("GET /api/alerts/summary", this::apiSummary);
        handlers.put("GET /api/alerts/{id}", this::apiAlert);
        handlers.put("POST /api/alerts/{id}/{action}", this::apiAlertAction);
        handlers.put("GET /api/search", more::search);
        handlers.put("GET /api/enterprises", more::enterprises);
        handlers.put("GET /api/enterprises/{id}", more::enterprise);
        handlers.put("GET /api/watchlist.csv", more::watchlistCsv);
        handlers.put("POST /api/watchlist", more::importWatchlist);
        handlers.put("GET /api/silences", more::silences);
        handlers.put("POST /api/silences", more::createSilence);
        handlers.put("POST /api/silences/{id}/expire", more::expireSilence);
        handlers.put("GET /api/escalations", more::escalations);
        handlers.put("GET /api/outbox", more::outbox);
        handlers.put("POST /api/outbox/{id}/resend", more::resendOutboxRow);
        handlers.put("POST /api/outbox/resend-dead", more::resendAllDead);
        handlers.put("GET /api/sources", this::apiSources);
        handlers.put("POST /api/sources", this::apiAddSource);
        handlers.put("POST /api/sources/{id}/{action}", this::apiSourceAction);
        handlers.put("DELETE /api/sources/{id}", ctx -> apiSourceChange(ctx, "remove"));
        for (ApiDocs.Endpoint e : ApiDocs.ENDPOINTS) {
            io.javalin.http.Handler handler = handlers.remove(e.key());
            if (handler == null) {
                throw new IllegalStateException("documented API endpoint without a handler: " + e.key());
            }
            routes.addHttpHandler(switch (e.method()) {
                case "GET" -> HandlerType.GET;
                case "POST" -> HandlerType.POST;
                case "DELETE" -> HandlerType.DELETE;
                default -> throw new IllegalStateException("API method not supported: " + e.key());
            }, e.path(), handler);
        }
        if (!handlers.isEmpty()) {
            throw new IllegalStateException("API handlers missing from ApiDocs.ENDPOINTS: " + handlers.keySet());
        }
    }

    /** The service's version, from the jar's manifest (development builds say so). */
    private static String version() {
        String v = ConsoleServer.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** GET /api/sources: every source with its state and health. */
    private void apiSources(Context ctx) throws java.sql.SQLException {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (var r : service.sourceRegistry().all()) {
            out.add(SourcesPages.json(r, service.sourceHealth().read(r.source())));
        }
        ctx.contentType("application/json").result(toJson(Map.of("sources", out)));
    }

    /** POST /api/sources: the body is one source definition, YAML or JSON, in the config file's shape. Admins only. */
    private void apiAddSource(Context ctx) throws java.sql.SQLException {
        Caller caller = caller(ctx);
        if (caller.user().role() != io.yuqing.app.security.Role.ADMIN) {
            apiError(ctx, 403, "forbidden", "only administrators manage sources");
            return;
        }
        switch (service.sourceRegistry().add(ctx.body(), caller.user().name())) {
            case io.yuqing.app.sources.SourceChange.Done done -> {
                service.syncSources();
                ctx.status(201).contentType("application/json").result(toJson(
                        SourcesPages.json(done.source(), service.sourceHealth().read(done.source().source()))));
            }
            case io.yuqing.app.sources.SourceChange.Refused refused -> apiRefused(ctx, refused);
        }
    }

    /** POST /api/sources/{id}/pause|resume|test. */
    private void apiSourceAction(Context ctx) throws java.sql.SQLException {
        String action = ctx.pathParam("action");
        if (!List.of("pause", "resume", "test").contains(action)) {
            apiError(ctx, 404, "not_found", "unknown action '" + action + "' (pause, resume or test)");
            return;
        }
        apiSourceChange(ctx, action);
    }

    private void apiSourceChange(Context ctx, String action) throws java.sql.SQLException {
        Caller caller = caller(ctx);
        if (caller.user().role() != io.yuqing.app.security.Role.ADMIN) {
            apiError(ctx, 403, "forbidden", "only administrators manage sources");
            return;
        }
        String id = ctx.pathParam("id");
        var registry = service.sourceRegistry();
        if (action.equals("test")) {
            var found = registry.find(id);
            if (found.isEmpty()) {
                apiError(ctx, 404, "not_found", "no source '" + id + "'");
                return;
            }
            ctx.contentType("application/json").result(toJson(SourcesPages.trialJson(
                    service.trySource(found.get().source(), SourcesPages.TRIAL_LIMIT))));
            return;
        }
        var change = switch (action) {
            case "pause" -> registry.pause(id, caller.user().name());
            case "resume" -> registry.resume(id, caller.user().name());
            default -> registry.remove(id, caller.user().name());
        };
        switch (change) {
            case io.yuqing.app.sources.SourceChange.Done done -> {
                service.syncSources();
                Map<String, Object> body = new LinkedHashMap<>(SourcesPages.json(done.source(),
                        service.sourceHealth().read(done.source().source())));
                body.put("message", done.message());
                ctx.contentType("application/json").result(toJson(body));
            }
            case io.yuqing.app.sources.SourceChange.Refused refused -> apiRefused(ctx, refused);
        }
    }

    private void apiRefused(Context ctx, io.yuqing.app.sources.SourceChange.Refused refused) {
        switch (refused.reason()) {
            case INVALID -> apiError(ctx, 400, "invalid", refused.message());
            case DUPLICATE -> apiError(ctx, 409, "conflict", refused.message());
            case NOT_FOUND -> apiError(ctx, 404, "not_found", refused.message());
            case NOT_ALLOWED -> apiError(ctx, 409, "not_allowed", refused.message());
        }
    }

    private void apiError(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json").result(toJson(Map.of("error", code, "message", message)));
    }

    /**
     * Acknowledges the checked alerts of an inbox page as the user, one review each (the audit trail records them
     * one by one); alerts the user may not see or that are past "new" are counted as unchanged, not failed.
     */
    private static Map<String, String> prefill(Context ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : List.of("enterprise", "category", "level", "desk", "source")) {
            String v = ctx.queryParam(key);
            if (v != null) {
                m.put(key, v);
            }
        }
        return m;
    }

    /** Creates a silence as the user; a desk member's silence only ever mutes mail to their own desk. */
    private void createSilence(Context ctx) {
        Caller caller = caller(ctx);
        if (!caller.user().canAct()) {
            ctx.status(403).html(pages.error("无权操作", "当前账号为只读（查看）权限，不能设置静默。", caller));
            return;
        }
        switch (ApiHandlers.SilenceRequest.parse(ctx::formParam, caller.user())) {
            case FormParse.Valid<ApiHandlers.SilenceRequest>(var request) -> {
                service.silences().create(request.matchers(), caller.user().name(), request.comment(), null,
                        service.clock().instant().plus(java.time.Duration.ofHours(request.hours())));
                ctx.redirect("/silences?msg=created", HttpStatus.SEE_OTHER);
            }
            case FormParse.Invalid<ApiHandlers.SilenceRequest> invalid ->
                    ctx.status(400).html(pages.error("无法设置静默", invalid.in(caller.messages()), caller));
        }
    }

    private void expireSilence(Context ctx) {
        Caller caller = caller(ctx);
        Long id = parseId(ctx.pathParam("id"));
        if (!caller.user().canAct() || id == null) {
            ctx.status(caller.user().canAct() ? 404 : 403).html(pages.error("无法解除", "没有这条静默规则，或当前账号为只读权限。", caller));
            return;
        }
        boolean expired = service.silences().expire(id, caller.user().name()).isPresent();
        ctx.redirect("/silences?msg=" + (expired ? "expired" : "gone"), HttpStatus.SEE_OTHER);
    }

    /** Admins import enterprises from a CSV upload; they are watched from the next document on, no restart. */
    private void importWatchlist(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        if (caller.user().role() != io.yuqing.app.security.Role.ADMIN) {
            ctx.status(403).html(pages.error("无权操作", "只有管理员可以导入企业名单。", caller));
            return;
        }
        var upload = ctx.uploadedFile("file");
        if (upload == null) {
            ctx.status(400).html(pages.error("无法导入", "请选择一个 CSV 文件。", caller));
            return;
        }
        byte[] bytes;
        try (var in = upload.content()) {
            bytes = in.readNBytes(10 * 1024 * 1024 + 1);
        }
        if (bytes.length > 10 * 1024 * 1024) {
            ctx.status(400).html(pages.error("无法导入", "文件超过 10 MB。", caller));
            return;
        }
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            ctx.status(400).html(pages.error("无法导入", "文件不是 UTF-8 编码。在 Excel 中请另存为「CSV UTF-8（逗号分隔）」。", caller));
            return;
        }
        try {
            var enterprises = io.yuqing.core.config.WatchlistCsv.parse(text, upload.filename());
            int added = service.watchlistRepository().upsertAll(enterprises);
            service.reloadWatchlist();
            new io.yuqing.alerting.review.AuditLog(service.database().dataSource(), service.clock())
                    .record(caller.user().name(), "watchlist_import", upload.filename() + ": " + enterprises.size() + " enterprises, " + added + " new");
            ctx.redirect("/watchlist?msg=imported&count=" + enterprises.size() + "&added=" + added, HttpStatus.SEE_OTHER);
        } catch (io.yuqing.core.config.ConfigException e) {
            ctx.status(400).html(pages.error("无法导入", e.getMessage(), caller));
        }
    }

    /** The notice after a watchlist import (msg=imported with its two counts), in the reader's language; null otherwise. */
    private static String importNotice(Context ctx, Messages m) {
        String count = ctx.queryParam("count");
        String added = ctx.queryParam("added");
        if (!"imported".equals(ctx.queryParam("msg")) || count == null || added == null
                || !count.matches("\\d{1,7}") || !added.matches("\\d{1,7}")) {
            return null;
        }
        return m.t("已导入 {0} 家企业（新增 {1} 家）", count, added);
    }

    private void bulkAcknowledge(Context ctx) {
        Caller caller = caller(ctx);
        if (!caller.user().canAct()) {
            ctx.status(403).html(pages.error("无权操作", "当前账号为只读（查看）权限，不能处置预警。", caller));
            return;
        }
        List<String> ids = ctx.formParams("id");
        int acknowledged = 0;
        int unchanged = 0;
        for (String raw : ids.stream().distinct().limit(MAX_BULK).toList()) {
            boolean done = review(caller, parseId(raw), "acknowledge", ctx)
                    instanceof ActionResult.Reviewed(ReviewOutcome.Done ignored);
            if (done) {
                acknowledged++;
            } else {
                unchanged++;
            }
        }
        LOG.info("{} acknowledged {} alerts in bulk ({} unchanged)", caller.user().name(), acknowledged, unchanged);
        ctx.redirect(backToInbox(ctx.formParam("back")) + "acked=" + acknowledged + "&skipped=" + unchanged, HttpStatus.SEE_OTHER);
    }

    /** The inbox URL a bulk form came from, ready for more parameters; anything but an /alerts path is replaced. */
    static String backToInbox(String back) {
        if (back == null || !back.startsWith("/alerts?") || back.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            return "/alerts?";
        }
        StringBuilder b = new StringBuilder("/alerts?");
        for (String pair : back.substring("/alerts?".length()).split("&")) {
            if (!pair.isEmpty() && !pair.startsWith("acked=") && !pair.startsWith("skipped=")) {
                b.append(pair).append('&');
            }
        }
        return b.toString();
    }

    private void enterprise(Context ctx) throws IOException {
        Caller caller = caller(ctx);
        var page = pages.enterprise(ctx.pathParam("id"), caller);
        if (page.isEmpty()) {
            ctx.status(404).html(pages.error("企业不存在", "名单中没有这家企业。", caller));
            return;
        }
        ctx.html(page.get());
    }

    /** The watchlist as the CSV the import reads (with a BOM, so Excel shows the Chinese); admins only. */
    private void watchlistCsv(Context ctx) {
        Caller caller = caller(ctx);
        if (caller.user().role() != Role.ADMIN) {
            ctx.status(403).html(pages.error("无权访问", "仅管理员可以导出企业名单。", caller));
            return;
        }
        String csv = "\uFEFF" + io.yuqing.core.config.WatchlistCsv.write(service.watchlist());
        ctx.header("Content-Disposition", "attachment; filename=\"watchlist.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Sets the language cookie and returns to the page the switch was clicked on (a same-site path only). */
    private void switchLanguage(Context ctx) {
        String lang = "en".equals(ctx.queryParam("to")) ? "en" : "zh";
        ctx.res().addHeader("Set-Cookie", Messages.COOKIE + "=" + lang + "; Path=/; Max-Age=31536000; SameSite=Lax");
        String back = "/alerts";
        String referer = ctx.header("Referer");
        if (referer != null) {
            try {
                java.net.URI uri = java.net.URI.create(referer);
                String host = ctx.host();
                if (uri.getRawPath() != null && uri.getRawPath().startsWith("/") && !uri.getRawPath().startsWith("//")
                        && host != null && host.equals(uri.getAuthority())) {
                    back = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed Referer sends the user to the inbox
            }
        }
        ctx.redirect(back, HttpStatus.SEE_OTHER);
    }

    private void outbox(Context ctx) {
        Caller caller = caller(ctx);
        // The outbox holds every desk's mail; a desk member sees its own alerts only.
        if (caller.user().role() == Role.DESK) {
            ctx.status(403).html(pages.error("无权访问", "发件箱包含所有部门的预警邮件，仅管理员和查看账号可以查看。", caller));
            return;
        }
        switch (OutboxView.parse(ctx::queryParam, false, outboxRows())) {
            case FormParse.Valid<OutboxView> valid -> ctx.html(pages.outbox(caller, ctx.queryParam("msg"), ctx.queryParam("count"), valid.value()));
            case FormParse.Invalid<OutboxView> invalid ->
                    ctx.status(400).html(pages.error("无法显示发件箱", invalid.in(caller.messages()), caller));
        }
    }

    private io.yuqing.alerting.outbox.OutboxQueries outboxRows() {
        return new io.yuqing.alerting.outbox.OutboxQueries(service.database().dataSource());
    }

    /**
     * Back to the outbox after a resend, on the filter and page the form was on (its hidden status and before, checked
     * again; values that no longer parse are dropped rather than answered with an error after the resend was done).
     */
    private String outboxAfterResend(Context ctx, String notice) {
        String link = OutboxView.parse(ctx::formParam, false, outboxRows()) instanceof FormParse.Valid<OutboxView> valid
                ? valid.value().link(valid.value().before()) : "/outbox";
        int query = link.indexOf('?');
        return "/outbox?" + notice + (query < 0 ? "" : "&" + link.substring(query + 1));
    }

    /** An administrator sends one dead outbox row again (the CSRF token was checked in {@link #authenticate}). */
    private void resendOutboxRow(Context ctx) {
        Caller caller = caller(ctx);
        if (!mayResend(ctx, caller)) {
            return;
        }
        Long id = parseId(ctx.pathParam("id"));
        var outcome = id == null ? new io.yuqing.alerting.outbox.DeadLetters.NotFound(0)
                : service.resendDead(id, caller.user().name());
        switch (outcome) {
            case io.yuqing.alerting.outbox.DeadLetters.Resent resent ->
                    ctx.redirect(outboxAfterResend(ctx, "msg=resent"), HttpStatus.SEE_OTHER);
            case io.yuqing.alerting.outbox.DeadLetters.NotFound none ->
                    ctx.status(404).html(pages.error("消息不存在", "发件箱中没有这条消息。", caller));
            case io.yuqing.alerting.outbox.DeadLetters.NotDead notDead -> ctx.status(409).html(pages.error("无法重新发送",
                    caller.messages().t("只有发送失败的消息可以重新发送；这条消息目前是「{0}」，不会再发一次。",
                            caller.messages().t(ConsolePages.mailStatus(notDead.status()))), caller));
        }
    }

    /** An administrator sends every dead outbox row again. */
    private void resendAllDead(Context ctx) {
        Caller caller = caller(ctx);
        if (!mayResend(ctx, caller)) {
            return;
        }
        int resent = service.resendAllDead(caller.user().name());
        ctx.redirect(outboxAfterResend(ctx, "msg=resent-all&count=" + resent), HttpStatus.SEE_OTHER);
    }

    /** Resending is an administrator's decision: it sends mail to every desk again. Answers 403 to anyone else. */
    private boolean mayResend(Context ctx, Caller caller) {
        if (caller.user().role() == Role.ADMIN) {
            return true;
        }
        ctx.status(403).html(pages.error("无权操作", "只有管理员可以重新发送发送失败的消息。", caller));
        return false;
    }

    /** The alert if it exists and the caller may see it: another desk's alert does not exist for a desk member. */
    private java.util.Optional<Alert> visibleAlert(Caller caller, Long id) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        return service.alerts().get(id).filter(caller.user()::canSee);
    }

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    /**
     * The sanitised copy of a crawled page, as its own document under a policy that forbids everything the copy
     * should not need: no script, no frame, no form, no load but the console's style sheet, in a sandbox. Defence
     * in depth: the copy was sanitised when it was kept.
     */
    private void pageCopy(Context ctx) throws java.sql.SQLException {
        Caller caller = caller(ctx);
        String id = ctx.pathParam("id");
        var copy = id.matches("[0-9a-f]{32}") ? service.pageCopies().find(id) : java.util.Optional.<io.yuqing.core.model.PageCopy>empty();
        if (copy.isEmpty()) {
            ctx.status(404).html(pages.error(caller.messages().t("页面不存在"), caller.messages().t("没有保存这篇文章的网页存档。"), caller));
            return;
        }
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'none'; form-action 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'; sandbox allow-popups allow-popups-to-escape-sandbox");
        ctx.html(PageCopyPage.render(copy.get(), caller));
    }

    private void alertDetail(Context ctx) throws IOException {
        Caller caller = caller(ctx);
        var alert = visibleAlert(caller, parseId(ctx.pathParam("id")));
        if (alert.isEmpty()) {
            ctx.status(404).html(pages.error("预警不存在", "没有这个预警，或它不属于您所在的部门。", caller));
            return;
        }
        ctx.html(pages.alertDetail(alert.get(), ctx.queryParam("msg"), caller));
    }

    private void alertAction(Context ctx) {
        Caller caller = caller(ctx);
        Long id = parseId(ctx.pathParam("id"));
        switch (review(caller, id, ctx.pathParam("action"), ctx)) {
            case ActionResult.Reviewed(ReviewOutcome.Done done) -> ctx.redirect("/alerts/" + id + "?msg=done", HttpStatus.SEE_OTHER);
            case ActionResult.Refused refused -> ctx.status(400).html(pages.error("无法完成操作", refused.message(), caller));
            case ActionResult.Reviewed(ReviewOutcome.InvalidTransition invalid) -> ctx.redirect("/alerts/" + id + "?msg=invalid", HttpStatus.SEE_OTHER);
            case ActionResult.Reviewed(ReviewOutcome.NotFound notFound) -> ctx.status(404).html(pages.error("预警不存在", "没有这个预警。", caller));
            case ActionResult.NoSuchAlert none -> ctx.status(404).html(pages.error("预警不存在", "没有这个预警，或它不属于您所在的部门。", caller));
            case ActionResult.NoSuchAction none -> ctx.status(404).html(pages.error("操作不存在", "不支持这个操作。", caller));
            case ActionResult.Forbidden forbidden -> ctx.status(403).html(pages.error("无权操作", "当前账号为只读（查看）权限，不能处置预警。", caller));
        }
    }

    private void apiAlertAction(Context ctx) {
        Caller caller = caller(ctx);
        Long id = parseId(ctx.pathParam("id"));
        switch (review(caller, id, ctx.pathParam("action"), ctx)) {
            case ActionResult.Reviewed(ReviewOutcome.Done done) -> ctx.contentType("application/json").result(toJson(alertJson(done.alert())));
            case ActionResult.Refused refused -> apiError(ctx, 400, "bad_request", refused.message());
            case ActionResult.Reviewed(ReviewOutcome.InvalidTransition invalid) -> apiError(ctx, 409, "invalid_transition",
                    "cannot " + invalid.action() + " an alert that is " + invalid.from().code());
            case ActionResult.Reviewed(ReviewOutcome.NotFound notFound) -> apiError(ctx, 404, "not_found", "no alert with id " + id);
            case ActionResult.NoSuchAlert none -> apiError(ctx, 404, "not_found", "no alert with id " + ctx.pathParam("id"));
            case ActionResult.NoSuchAction none -> apiError(ctx, 404, "unknown_action",
                    "actions: acknowledge, assign, feedback, resolve, false-positive, reopen");
            case ActionResult.Forbidden forbidden -> apiError(ctx, 403, "forbidden", "user " + caller.user().name() + " may only read");
        }
    }

    /** What a review request came to, before it is rendered as a page or as JSON. */
    private sealed interface ActionResult {
        record Reviewed(ReviewOutcome outcome) implements ActionResult {
        }

        record NoSuchAlert() implements ActionResult {
        }

        record NoSuchAction() implements ActionResult {
        }

        record Forbidden() implements ActionResult {
        }

        /** The request lacks what the action needs (a disposition note, an assignee, a valid due date). */
        record Refused(String message) implements ActionResult {
        }
    }

    /** Applies a review action as the caller; the caller's user name is the actor in the audit trail. */
    private ActionResult review(Caller caller, Long id, String action, Context ctx) {
        String note = blankTo(ctx.formParam("note"), "");
        // Visibility first: another desk's alert is "not found", so ids cannot be probed.
        if (visibleAlert(caller, id).isEmpty()) {
            return new ActionResult.NoSuchAlert();
        }
        if (!caller.user().canAct()) {
            return new ActionResult.Forbidden();
        }
        String actor = caller.user().name();
        try {
            ReviewOutcome outcome = switch (action) {
                case "acknowledge" -> service.reviews().acknowledge(id, actor, note);
                case "assign" -> service.reviews().assign(id, actor, blankTo(ctx.formParam("assignee"), ""), dueAt(ctx.formParam("due")), note);
                case "feedback" -> service.reviews().feedback(id, actor, note);
                case "resolve" -> service.reviews().resolve(id, actor, note);
                case "false-positive" -> service.reviews().markFalsePositive(id, actor, note);
                case "reopen" -> service.reviews().reopen(id, actor, note);
                default -> null;
            };
            return outcome == null ? new ActionResult.NoSuchAction() : new ActionResult.Reviewed(outcome);
        } catch (IllegalArgumentException e) {
            // The review service refuses incomplete requests (办结 without a disposition note, 交办 without an assignee).
            return new ActionResult.Refused(e.getMessage());
        }
    }

    /** A due date from a date field: the end of that day in the city's time zone; blank means none. */
    private java.time.Instant dueAt(String day) {
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(day.strip()).plusDays(1).atStartOfDay(service.config().alerting().zone()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("期限日期格式应为 2026-11-30");
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

    /** Readiness checks run here so a hung database cannot hold the request thread. */
    private static final java.util.concurrent.Executor READINESS_CHECKS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean ok = true;
        // Answered within a probe's patience: a pool waiting for a dead database would otherwise hold this for 10 s.
        var check = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (Connection c = service.database().dataSource().getConnection()) {
                return c.isValid(2) ? "up" : "down";
            } catch (Exception e) {
                return "down: " + e.getMessage();
            }
        }, READINESS_CHECKS);
        try {
            checks.put("database", check.get(2, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            checks.put("database", "down: no answer within 2 s");
        } catch (Exception e) {
            checks.put("database", "down: " + e.getMessage());
        }
        // Down while the latest write was refused (the disk-full case says so) or the index does not answer.
        checks.put("index", switch (service.store().health()) {
            case io.yuqing.indexer.store.StoreHealth.Up up -> "up";
            case io.yuqing.indexer.store.StoreHealth.Down down -> "down: " + down.reason();
        });
        for (String v : checks.values()) {
            ok &= v.equals("up");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "up" : "down");
        body.put("checks", checks);
        ctx.status(ok ? 200 : 503).contentType("application/json").result(toJson(body));
    }

    private void apiAlerts(Context ctx) {
        InboxFilter filter = InboxFilter.from(ctx).restrictTo(caller(ctx).user());
        if (!filter.ignored().isEmpty()) {
            apiError(ctx, 400, "bad_request", "not understood: " + String.join(", ", filter.ignored()) + " (see /api/docs)");
            return;
        }
        int limit = Math.min(InboxQueries.MAX_LIMIT, Math.max(1, intParam(ctx, "limit", 50)));
        int offset = Math.max(0, intParam(ctx, "offset", 0));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", inbox.countsByLevel(filter).values().stream().mapToLong(Long::longValue).sum());
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("items", inbox.list(filter, offset, limit).stream().map(ConsoleServer::alertJson).toList());
        ctx.contentType("application/json").result(toJson(body));
    }

    /** Counts for the inbox poller: per level, the newest id, and how many arrived after the caller's {@code after}. */
    private void apiSummary(Context ctx) {
        InboxFilter filter = InboxFilter.from(ctx).restrictTo(caller(ctx).user());
        if (!filter.ignored().isEmpty()) {
            apiError(ctx, 400, "bad_request", "not understood: " + String.join(", ", filter.ignored()) + " (see /api/docs)");
            return;
        }
        String after = ctx.queryParam("after");
        Long afterId = after == null ? null : parseId(after);
        if (after != null && afterId == null && !after.equals("0")) {
            apiError(ctx, 400, "bad_request", "after must be an alert id");
            return;
        }
        var byLevel = inbox.countsByLevel(filter.withLevel(null));
        Map<String, Object> levels = new LinkedHashMap<>();
        for (var level : java.util.List.of(io.yuqing.core.model.RiskLevel.RED, io.yuqing.core.model.RiskLevel.ORANGE,
                io.yuqing.core.model.RiskLevel.YELLOW, io.yuqing.core.model.RiskLevel.BLUE)) {
            levels.put(level.code(), byLevel.getOrDefault(level, 0L));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", filter.level() == null ? byLevel.values().stream().mapToLong(Long::longValue).sum()
                : byLevel.getOrDefault(filter.level(), 0L));
        body.put("byLevel", levels);
        body.put("newestId", inbox.newestId(filter));
        body.put("newSince", inbox.countAfter(filter, afterId == null ? 0 : afterId));
        ctx.contentType("application/json").result(toJson(body));
    }

    private void apiAlert(Context ctx) {
        Long id = parseId(ctx.pathParam("id"));
        var alert = visibleAlert(caller(ctx), id);
        if (alert.isEmpty()) {
            apiError(ctx, 404, "not_found", "no alert with id " + ctx.pathParam("id"));
            return;
        }
        Map<String, Object> body = alertJson(alert.get());
        // One alert only (not lists): its notification groups, as the alert page shows them.
        body.put("groups", service.alerts().groupsOf(alert.get().id()).stream()
                .filter(g -> caller(ctx).user().seesDesk(g.deskId())).map(ConsoleServer::groupJson).toList());
        ctx.contentType("application/json").result(toJson(body));
    }

    static Map<String, Object> groupJson(io.yuqing.alerting.routing.GroupMembership g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.groupId());
        m.put("route", g.routeName());
        m.put("desk", g.deskId());
        m.put("groupKey", g.groupKey());
        // The key's labels for programs (values as stored: enterprise ids, category codes) with what people read.
        m.put("labels", g.labels().labels().stream().map(l -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("label", l.name());
            x.put("values", l.values());
            x.put("names", l.shown());
            return x;
        }).toList());
        m.put("description", g.describe());
        m.put("addedAt", g.addedAt().toString());
        m.put("notifiedIn", g.notifiedIn());
        m.put("notifiedAt", g.notifiedAt() == null ? null : g.notifiedAt().toString());
        m.put("notifications", g.notifications());
        m.put("lastNotifiedAt", g.lastNotifiedAt() == null ? null : g.lastNotifiedAt().toString());
        m.put("nextAt", g.nextAt() == null ? null : g.nextAt().toString());
        m.put("otherCount", g.otherCount());
        m.put("others", g.others().stream().map(o -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", o.alertId());
            x.put("level", o.level().code());
            x.put("status", o.status().code());
            x.put("enterprise", o.enterpriseName());
            x.put("title", o.title());
            x.put("createdAt", o.createdAt().toString());
            x.put("notifiedIn", o.notifiedIn());
            return x;
        }).toList());
        return m;
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
