package io.yuqing.crawler;

import io.yuqing.core.config.SourceConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** A source's request headers with {@code ${NAME}} filled in from the environment. Values never reach a log. */
final class SourceHeaders {
    private SourceHeaders() {
    }

    sealed interface Result {
        record Headers(Map<String, String> values) implements Result {
        }

        /** A referenced variable is not set or not usable; the message names the header and the variable, not any value. */
        record Missing(String message) implements Result {
        }
    }

    static Result resolve(SourceConfig source, Environment environment) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : source.headers().entrySet()) {
            Matcher m = SourceConfig.ENV_REFERENCE.matcher(h.getValue());
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                Optional<String> v = environment.get(m.group(1)).map(String::strip).filter(s -> !s.isEmpty());
                if (v.isEmpty()) {
                    return new Result.Missing("header " + h.getKey() + " needs environment variable " + m.group(1)
                            + ", which is not set");
                }
                if (!SourceConfig.isHeaderValue(v.get())) {
                    // The HTTP client refuses such values; say which variable, never what it holds.
                    return new Result.Missing("header " + h.getKey() + ": environment variable " + m.group(1)
                            + " holds a line break, control character or non-Latin text, which a header cannot carry");
                }
                m.appendReplacement(value, Matcher.quoteReplacement(v.get()));
            }
            m.appendTail(value);
            out.put(h.getKey(), value.toString());
        }
        return new Result.Headers(out);
    }
}
