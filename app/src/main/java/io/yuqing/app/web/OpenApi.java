package io.yuqing.app.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** /api/openapi.json: the OpenAPI 3.1 form of {@link ApiDocs#ENDPOINTS}, for client generators and API tools. */
final class OpenApi {
    private OpenApi() {
    }

    static Map<String, Object> document(String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Yuqing API", "version", version,
                "description", "The console's functions as JSON. See /api/docs for the same in prose."));
        doc.put("servers", List.of(Map.of("url", "/")));
        doc.put("security", List.of(Map.of("bearer", List.of()), Map.of("session", List.of())));
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("bearer", Map.of("type", "http", "scheme", "bearer", "description", "a token from `yuqing user token NAME`"));
        schemes.put("session", Map.of("type", "apiKey", "in", "cookie", "name", ConsoleServer.SESSION_COOKIE,
                "description", "the console's session; POSTs also need the X-CSRF-Token header"));
        Map<String, Object> error = Map.of("type", "object", "required", List.of("error", "message"),
                "properties", Map.of("error", Map.of("type", "string"), "message", Map.of("type", "string")));
        doc.put("components", Map.of("securitySchemes", schemes, "schemas", Map.of("Error", error)));
        Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
        for (ApiDocs.Endpoint e : ApiDocs.ENDPOINTS) {
            paths.computeIfAbsent(e.path(), p -> new LinkedHashMap<>()).put(e.method().toLowerCase(Locale.ROOT), operation(e));
        }
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(ApiDocs.Endpoint e) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", e.operationId());
        op.put("summary", e.summary());
        op.put("description", "Who may call it: " + e.access() + ".");
        List<Map<String, Object>> parameters = new ArrayList<>();
        Map<String, Object> formProperties = new LinkedHashMap<>();
        List<String> formRequired = new ArrayList<>();
        ApiDocs.Param body = null;
        for (ApiDocs.Param p : e.params()) {
            switch (p.in()) {
                case PATH, QUERY -> parameters.add(Map.of("name", p.name(), "in", p.in().name().toLowerCase(Locale.ROOT),
                        "required", p.required(), "description", p.description(), "schema", Map.of("type", p.type())));
                case FORM -> {
                    formProperties.put(p.name(), Map.of("type", p.type(), "description", p.description()));
                    if (p.required()) {
                        formRequired.add(p.name());
                    }
                }
                case BODY -> body = p;
            }
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (!formProperties.isEmpty()) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", formProperties);
            if (!formRequired.isEmpty()) {
                schema.put("required", formRequired);
            }
            op.put("requestBody", Map.of("required", !formRequired.isEmpty(),
                    "content", Map.of("application/x-www-form-urlencoded", Map.of("schema", schema))));
        } else if (body != null) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put(e.bodyType(), Map.of("schema", Map.of("type", "string", "description", body.description())));
            if (e.bodyType().equals("application/yaml")) {
                content.put("application/json", Map.of("schema", Map.of("type", "object", "description", body.description())));
            }
            op.put("requestBody", Map.of("required", true, "content", content));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        String ok = e.response().startsWith("text/csv") ? "text/csv" : "application/json";
        responses.put(e.response().contains("(201)") ? "201" : "200", Map.of("description", e.response(),
                "content", Map.of(ok, Map.of("schema", Map.of("type", ok.equals("text/csv") ? "string" : "object")))));
        for (List<String> err : ApiDocs.ERRORS) {
            responses.put(err.get(0), Map.of("description", err.get(2),
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
        }
        op.put("responses", responses);
        return op;
    }
}
