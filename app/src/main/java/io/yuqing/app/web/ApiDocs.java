package io.yuqing.app.web;

import java.util.List;

import static io.yuqing.core.text.Html.escape;

/** The API reference at /api/docs: every /api endpoint, its parameters, response and errors, as plain HTML. */
final class ApiDocs {
    /** One documented endpoint. */
    record Endpoint(String method, String path, String purpose, List<String> parameters, String response) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/alerts", "Alerts visible to the caller, newest first.",
                    List.of("level: blue | yellow | orange | red", "status: new | acknowledged | resolved | false_positive | open",
                            "desk: desk id", "enterprise: enterprise id", "category: risk category code (e.g. wage-arrears)",
                            "district: district name from the watchlist", "from, to: dates yyyy-MM-dd (China time, both included)",
                            "offset (default 0), limit (1..500, default 50)"),
                    "{\"total\": n, \"offset\": n, \"limit\": n, \"items\": [alert, ...]}"),
            new Endpoint("GET", "/api/alerts/summary", "Counts for the inbox and how many alerts arrived after a known one "
                    + "(the console polls this every 20 seconds).",
                    List.of("the filters of /api/alerts", "after: an alert id; alerts with a larger id count as new"),
                    "{\"total\": n, \"byLevel\": {\"red\": n, \"orange\": n, \"yellow\": n, \"blue\": n}, \"newestId\": n, \"newSince\": n}"),
            new Endpoint("GET", "/api/alerts/{id}", "One alert.", List.of("id: alert id"), "alert"),
            new Endpoint("POST", "/api/alerts/{id}/{action}", "Reviews an alert as the caller (not for read-only users).",
                    List.of("action: acknowledge | resolve | false-positive | reopen", "note (form field, optional)"),
                    "the alert after the action"),
            new Endpoint("GET", "/api/docs", "This page.", List.of(), "HTML"));

    private static final List<List<String>> ERRORS = List.of(
            List.of("400", "bad_request", "a parameter is malformed"),
            List.of("401", "unauthorized", "no session and no valid Bearer token"),
            List.of("403", "forbidden / csrf", "read-only user acting, or a session POST without its CSRF token"),
            List.of("404", "not_found / unknown_action", "no such alert (or another desk's), or no such endpoint"),
            List.of("409", "invalid_transition", "the alert's status does not allow the action"),
            List.of("500", "internal", "the server failed; the message says nothing more"));

    private ApiDocs() {
    }

    static String body() {
        StringBuilder b = new StringBuilder("<h1>API</h1><div class=\"card\"><p>JSON over HTTP, UTF-8. "
                + "Authenticate with <code>Authorization: Bearer &lt;token&gt;</code> (tokens are issued with "
                + "<code>yuqing user token NAME</code>) or, from the console, the session cookie; a session's POST also needs "
                + "the <code>X-CSRF-Token</code> header or <code>csrf</code> form field. A desk member sees and acts on its own "
                + "desk's alerts only; another desk's alert answers 404.</p>"
                + "<p>Every error has the same body: <code>{\"error\": code, \"message\": text}</code>.</p></div>");
        b.append("<h2>Endpoints</h2><table id=\"endpoints\"><thead><tr><th>Method</th><th>Path</th><th>Purpose</th><th>Parameters</th>"
                + "<th>Response</th></tr></thead><tbody>");
        for (Endpoint e : ENDPOINTS) {
            b.append("<tr><td><code>").append(e.method()).append("</code></td><td><code>").append(escape(e.path()))
                    .append("</code></td><td>").append(escape(e.purpose())).append("</td><td>");
            if (e.parameters().isEmpty()) {
                b.append("—");
            } else {
                b.append("<ul>");
                e.parameters().forEach(p -> b.append("<li>").append(escape(p)).append("</li>"));
                b.append("</ul>");
            }
            b.append("</td><td><code>").append(escape(e.response())).append("</code></td></tr>");
        }
        b.append("</tbody></table><h2>Alert</h2><pre class=\"mail\">").append(escape("""
                {"id": 42, "level": "red", "status": "new", "enterpriseId": "...", "enterprise": "...",
                 "title": "...", "url": "...", "source": "...", "score": 87, "categories": ["wage-arrears"],
                 "evidence": [{"term": "...", "category": "wage-arrears", "sentence": "..."}],
                 "desks": ["publicity"], "createdAt": "2025-03-01T08:00:00Z", "updatedAt": "..."}"""));
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
