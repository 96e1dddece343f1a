package io.yuqing.app.web;

import java.util.List;

import static io.yuqing.core.text.Html.escape;

/**
 * The API reference at /api/docs: every /api endpoint, its parameters, response and errors, as plain HTML. The
 * reference itself is written in English (parameter names and JSON are English either way); a Chinese reader gets the
 * headings and the introduction in Chinese.
 */
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

    // Keys of Messages holding markup (<code>): fixed text, so not escaped.
    private static final String INTRO = "JSON over HTTP，UTF-8 编码。认证方式：请求头 <code>Authorization: Bearer &lt;token&gt;</code>"
            + "（令牌由 <code>yuqing user token 用户名</code> 签发），或在控制台内使用会话 Cookie；会话发出的 POST 还需带上 "
            + "<code>X-CSRF-Token</code> 请求头或 <code>csrf</code> 表单字段。部门成员只能查看和处置本部门的预警，访问其他部门的预警返回 404。";
    private static final String ERROR_BODY = "所有错误的响应体格式相同：<code>{\"error\": code, \"message\": text}</code>。";
    private static final String MONITORING = "监控接口，无需登录：<code>GET /health/live</code>、<code>GET /health/ready</code>、"
            + "<code>GET /metrics</code>（Prometheus）。";

    private ApiDocs() {
    }

    static String body(Messages m) {
        StringBuilder b = new StringBuilder("<h1>").append(escape(m.t("接口文档"))).append("</h1><div class=\"card\"><p>")
                .append(m.t(INTRO)).append("</p><p>").append(m.t(ERROR_BODY)).append("</p></div>");
        b.append("<h2>").append(escape(m.t("接口列表"))).append("</h2><table id=\"endpoints\"><thead><tr>");
        for (String h : List.of("方法", "路径", "用途", "参数", "响应")) {
            b.append("<th>").append(escape(m.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
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
        b.append("</tbody></table><h2>").append(escape(m.t("预警（alert）的字段"))).append("</h2><pre class=\"mail\">").append(escape("""
                {"id": 42, "level": "red", "status": "new", "enterpriseId": "...", "enterprise": "...",
                 "title": "...", "url": "...", "source": "...", "score": 87, "categories": ["wage-arrears"],
                 "evidence": [{"term": "...", "category": "wage-arrears", "sentence": "..."}],
                 "desks": ["publicity"], "createdAt": "2025-03-01T08:00:00Z", "updatedAt": "..."}"""));
        b.append("</pre><h2>").append(escape(m.t("错误"))).append("</h2><table><thead><tr><th>HTTP</th><th>error</th><th>")
                .append(escape(m.t("何时出现"))).append("</th></tr></thead><tbody>");
        for (List<String> e : ERRORS) {
            b.append("<tr><td>").append(e.get(0)).append("</td><td><code>").append(escape(e.get(1))).append("</code></td><td>")
                    .append(escape(e.get(2))).append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"meta\">").append(m.t(MONITORING)).append("</p>");
        return b.toString();
    }
}
