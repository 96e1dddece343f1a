package io.yuqing.app.web;

import java.util.List;

import static io.yuqing.core.text.Html.escape;

/**
 * The API's one description: every /api endpoint with its parameters, response and who may call it. The console
 * registers exactly these routes from this table (a handler without an entry, or an entry without a handler, stops the
 * server from starting), the reference page at /api/docs renders it, and {@link OpenApi} turns it into
 * /api/openapi.json — so the documentation cannot drift from the routes.
 */
final class ApiDocs {
    /** Where a parameter goes. */
    enum In { PATH, QUERY, FORM, BODY }

    /** @param type an OpenAPI scalar type: string, integer, boolean */
    record Param(String name, In in, String type, boolean required, String description) {
        static Param path(String name, String description) {
            return new Param(name, In.PATH, "string", true, description);
        }

        static Param query(String name, String description) {
            return new Param(name, In.QUERY, "string", false, description);
        }

        static Param queryInt(String name, String description) {
            return new Param(name, In.QUERY, "integer", false, description);
        }

        static Param form(String name, boolean required, String description) {
            return new Param(name, In.FORM, "string", required, description);
        }
    }

    /**
     * @param bodyType  media type of the request body when a parameter is {@link In#BODY}
     * @param access    who may call it beyond any logged-in user
     */
    record Endpoint(String method, String path, String summary, List<Param> params, String bodyType, String response,
                    String access) {
        String key() {
            return method + " " + path;
        }

        String operationId() {
            StringBuilder b = new StringBuilder(method.toLowerCase(java.util.Locale.ROOT));
            for (String part : path.substring("/api/".length()).split("[/.]")) {
                String word = part.replaceAll("[{}]", "");
                if (!word.isEmpty()) {
                    b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).replace("-", ""));
                }
            }
            return b.toString();
        }
    }

    private static final List<Param> ALERT_FILTERS = List.of(
            Param.query("level", "blue | yellow | orange | red"),
            Param.query("status", "new | acknowledged | assigned | resolved | false_positive | open"),
            Param.query("desk", "desk id"), Param.query("enterprise", "enterprise id"),
            Param.query("category", "risk category code, e.g. wage-arrears"),
            Param.query("district", "district name from the watchlist"),
            Param.query("from", "first day, yyyy-MM-dd (China time)"), Param.query("to", "last day, yyyy-MM-dd (included)"));

    private static List<Param> with(List<Param> first, Param... more) {
        List<Param> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/alerts", "Alerts visible to the caller, newest first.",
                    with(ALERT_FILTERS, Param.queryInt("offset", "default 0"), Param.queryInt("limit", "1..500, default 50")),
                    null, "{\"total\": n, \"offset\": n, \"limit\": n, \"items\": [alert, ...]}", "any user; a desk member sees its desk's alerts"),
            new Endpoint("GET", "/api/alerts/summary", "Counts for the inbox and how many alerts arrived after a known one "
                    + "(the console polls this every 20 seconds).",
                    with(ALERT_FILTERS, Param.queryInt("after", "an alert id; alerts with a larger id count as new")), null,
                    "{\"total\": n, \"byLevel\": {\"red\": n, \"orange\": n, \"yellow\": n, \"blue\": n}, \"newestId\": n, \"newSince\": n}",
                    "any user"),
            new Endpoint("GET", "/api/alerts/{id}", "One alert, with the notification groups it is in (routes that group "
                    + "alerts; a desk member sees its desk's groups).", List.of(Param.path("id", "alert id")), null,
                    "alert with \"groups\": [group, ...]", "any user"),
            new Endpoint("POST", "/api/alerts/{id}/{action}", "Reviews an alert as the caller: acknowledge → assign → feedback → resolve, or false-positive.",
                    List.of(Param.path("id", "alert id"),
                            Param.path("action", "acknowledge | assign | feedback | resolve | false-positive | reopen"),
                            Param.form("note", false, "a note; required to resolve"),
                            Param.form("assignee", false, "assign: who handles it"),
                            Param.form("due", false, "assign: due date yyyy-MM-dd")),
                    "application/x-www-form-urlencoded", "the alert after the action", "admins and desk members"),
            new Endpoint("GET", "/api/search", "Full-text search over every stored document (the index's query syntax), "
                    + "with facets and highlighted snippets.",
                    List.of(Param.query("q", "query in the index's syntax (AND, OR, NOT, \"phrases\", parentheses); empty matches all"), Param.query("enterprise", "enterprise id"),
                            Param.query("category", "risk category code"), Param.query("level", "blue | yellow | orange | red"),
                            Param.query("source", "source id"), Param.query("day", "yyyy-MM-dd (China time)"),
                            Param.queryInt("offset", "default 0"), Param.queryInt("limit", "1..100, default 20")),
                    null, "{\"total\": n, \"items\": [{\"id\", \"url\", \"title\", \"source\", \"publishedAt\", \"score\", \"level\", "
                    + "\"categories\", \"enterprises\", \"snippetHtml\"}], \"facets\": {name: {value: count}}}; snippetHtml is escaped "
                    + "text with <mark> around matches", "any user"),
            new Endpoint("GET", "/api/enterprises", "The watchlist, optionally filtered by a name fragment.",
                    List.of(Param.query("q", "part of a name, short name or alias"), Param.queryInt("offset", "default 0"),
                            Param.queryInt("limit", "1..1000, default 100")),
                    null, "{\"total\": n, \"items\": [enterprise, ...]}", "any user"),
            new Endpoint("GET", "/api/enterprises/{id}", "One enterprise with its daily risk index and open alerts over 30 days.",
                    List.of(Param.path("id", "enterprise id")), null,
                    "{\"enterprise\": {...}, \"riskIndex\": [{\"day\", \"alerts\", \"riskIndex\"}], \"openAlerts\": [alert, ...]}", "any user"),
            new Endpoint("GET", "/api/watchlist.csv", "The watchlist as the CSV the import reads (UTF-8 with BOM).", List.of(), null,
                    "text/csv", "admins"),
            new Endpoint("POST", "/api/watchlist", "Imports enterprises from CSV (the export's columns); matched from the next document on.",
                    List.of(new Param("csv", In.BODY, "string", true, "UTF-8 CSV with a header row")), "text/csv",
                    "{\"imported\": n, \"added\": n}", "admins"),
            new Endpoint("GET", "/api/silences", "Active silences.", List.of(), null, "{\"items\": [silence, ...]}", "any user"),
            new Endpoint("POST", "/api/silences", "Mutes mail for matching alerts for a while (the alerts are still recorded).",
                    List.of(Param.form("enterprise", false, "enterprise id"), Param.form("category", false, "risk category code"),
                            Param.form("level", false, "blue | yellow | orange | red"), Param.form("desk", false, "desk id"),
                            Param.form("source", false, "source id"), Param.form("hours", true, "1, 4, 24, 72, 168 or 720"),
                            Param.form("comment", true, "why")),
                    "application/x-www-form-urlencoded", "silence", "admins and desk members (a desk member's silence covers its desk)"),
            new Endpoint("POST", "/api/silences/{id}/expire", "Ends a silence now.", List.of(Param.path("id", "silence id")),
                    null, "silence", "admins and desk members"),
            new Endpoint("GET", "/api/escalations", "Recent escalations: enterprises whose risky coverage surged against their own baseline.",
                    List.of(Param.queryInt("limit", "1..500, default 100")), null, "{\"items\": [escalation, ...]}", "any user"),
            new Endpoint("GET", "/api/outbox", "Outgoing mail and webhook deliveries with their state, newest first, "
                    + "one page at a time: pass a page's nextBefore as before for the next, older page (null on the last). "
                    + "counts are per state over the whole outbox. A value not understood answers 400.",
                    List.of(Param.query("status", "pending | sent | dead; left out (or all): every state"),
                            Param.queryInt("before", "a delivery id: only deliveries listed after it (nextBefore of the previous page)"),
                            Param.queryInt("limit", "1..500, default 100")), null,
                    "{\"status\": s, \"limit\": n, \"counts\": {\"pending\": n, \"sent\": n, \"dead\": n}, "
                            + "\"items\": [delivery, ...], \"nextBefore\": id}",
                    "admins and viewers (it holds every desk's mail)"),
            new Endpoint("POST", "/api/outbox/{id}/resend", "Sends a dead (failed) delivery again once its cause is fixed: "
                    + "same idempotency key and Message-ID, attempts from 0, due now; who and when are recorded on the row "
                    + "(resentBy, resentAt) and in the audit trail. A pending or sent row answers 409 and is not sent.",
                    List.of(Param.path("id", "outbox row id (id in GET /api/outbox)")), null, "delivery", "admins"),
            new Endpoint("POST", "/api/outbox/resend-dead", "Sends every dead delivery again, as the single resend does.",
                    List.of(), null, "{\"resent\": n}", "admins"),
            new Endpoint("GET", "/api/sources", "Every source with its state and health.", List.of(), null,
                    "{\"sources\": [source, ...]}", "any user"),
            new Endpoint("POST", "/api/sources", "Adds a source at run time from its definition in the config file's shape.",
                    List.of(new Param("definition", In.BODY, "string", true, "YAML or JSON: id, name, kind, url, every, ...")),
                    "application/yaml", "source (201)", "admins"),
            new Endpoint("POST", "/api/sources/{id}/{action}", "Pauses, resumes or tests a source (a test fetches a few articles and stores nothing).",
                    List.of(Param.path("id", "source id"), Param.path("action", "pause | resume | test")), null,
                    "source, or the test's result", "admins"),
            new Endpoint("DELETE", "/api/sources/{id}", "Removes a source added at run time; its documents stay.",
                    List.of(Param.path("id", "source id")), null, "source", "admins"));

    static final List<List<String>> ERRORS = List.of(
            List.of("400", "bad_request / invalid", "a parameter or body is malformed; the message says which"),
            List.of("401", "unauthorized", "no session and no valid Bearer token"),
            List.of("403", "forbidden / csrf", "the caller's role may not do this, or a session POST without its CSRF token"),
            List.of("404", "not_found / unknown_action", "no such item (or another desk's), or no such endpoint"),
            List.of("409", "invalid_transition / conflict / not_allowed", "the item's state does not allow it, or it exists already"),
            List.of("500", "internal", "the server failed; the message says nothing more"));

    private ApiDocs() {
    }

    static String body() {
        StringBuilder b = new StringBuilder("<h1>API</h1><div class=\"card\"><p>JSON over HTTP, UTF-8. "
                + "Authenticate with <code>Authorization: Bearer &lt;token&gt;</code> (tokens are issued with "
                + "<code>yuqing user token NAME</code>) or, from the console, the session cookie; a session's POST also needs "
                + "the <code>X-CSRF-Token</code> header or <code>csrf</code> form field. A desk member sees and acts on its own "
                + "desk's alerts only; another desk's alert answers 404.</p>"
                + "<p>Every error has the same body: <code>{\"error\": code, \"message\": text}</code>. "
                + "Machine-readable description: <a href=\"/api/openapi.json\">OpenAPI 3.1</a>.</p></div>");
        b.append("<h2>Endpoints</h2><table id=\"endpoints\"><thead><tr><th>Method</th><th>Path</th><th>Purpose</th><th>Parameters</th>"
                + "<th>Response</th><th>Who</th></tr></thead><tbody>");
        for (Endpoint e : ENDPOINTS) {
            b.append("<tr><td><code>").append(e.method()).append("</code></td><td><code>").append(escape(e.path()))
                    .append("</code></td><td>").append(escape(e.summary())).append("</td><td>");
            if (e.params().isEmpty()) {
                b.append("—");
            } else {
                b.append("<ul>");
                e.params().forEach(p -> b.append("<li><code>").append(escape(p.name())).append("</code> (")
                        .append(p.in().name().toLowerCase(java.util.Locale.ROOT)).append(p.required() ? ", required" : "")
                        .append("): ").append(escape(p.description())).append("</li>"));
                b.append("</ul>");
            }
            b.append("</td><td><code>").append(escape(e.response())).append("</code></td><td>").append(escape(e.access()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table><h2>Alert</h2><pre class=\"mail\">").append(escape("""
                {"id": 42, "level": "red", "status": "new", "enterpriseId": "...", "enterprise": "...",
                 "title": "...", "url": "...", "source": "...", "score": 87, "categories": ["wage-arrears"],
                 "evidence": [{"term": "...", "category": "wage-arrears", "sentence": "..."}],
                 "desks": ["publicity"], "createdAt": "2025-03-01T08:00:00Z", "updatedAt": "..."}"""));
        b.append("</pre><p>One alert (<code>GET /api/alerts/{id}</code>) also has <code>groups</code>: the notification "
                + "groups holding it. <code>notifiedIn</code> is the group notification (1, 2 …) that first listed the alert "
                + "and <code>notifiedAt</code> when (both null while it waits; <code>notifiedAt</code> is null for alerts "
                + "listed before it was recorded); <code>nextAt</code> is the group's next look (null when idle); "
                + "<code>others</code> are up to 50 of the group's other alerts, newest first, and <code>otherCount</code> "
                + "how many there are. <code>groupKey</code> is the group's labels as stored (enterprise ids, category "
                + "codes); <code>labels</code> has them one by one, <code>values</code> as stored and <code>names</code> "
                + "as people read them (the enterprise's name, the category's Chinese name); <code>description</code> is "
                + "the route and labels in one line, as the group's mail shows them.</p><pre class=\"mail\">").append(escape("""
                "groups": [{"id": 7, "route": "...", "desk": "publicity", "groupKey": "enterprise=...",
                  "labels": [{"label": "enterprise", "values": ["<enterprise id>"], "names": ["<enterprise name>"]}],
                  "description": "<route>; <label>: <names>",
                  "addedAt": "...", "notifiedIn": 1, "notifiedAt": "...", "notifications": 2, "lastNotifiedAt": "...",
                  "nextAt": "...", "otherCount": 1, "others": [{"id": 41, "level": "yellow", "status": "new",
                  "enterprise": "...", "title": "...", "createdAt": "...", "notifiedIn": 1}]}]"""));
        b.append("</pre><h2>Errors</h2><table><thead><tr><th>HTTP</th><th>error</th><th>When</th></tr></thead><tbody>");
        for (List<String> e : ERRORS) {
            b.append("<tr><td>").append(e.get(0)).append("</td><td><code>").append(escape(e.get(1))).append("</code></td><td>")
                    .append(escape(e.get(2))).append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"meta\">Monitoring, without login: <code>GET /health/live</code>, "
                + "<code>GET /health/ready</code>, <code>GET /metrics</code> (Prometheus).</p>");
        return b.toString();
    }
}
