package io.yuqing.alerting.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.alerting.outbox.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * One JSON POST with timeouts, its outcome classified: 2xx sent; 429 and 5xx retryable; other 4xx permanent; timeouts
 * and connection failures retryable. Chat robots also answer 200 with {@code errcode} in the body, checked when asked.
 */
final class JsonPost {
    private static final Logger log = LoggerFactory.getLogger(JsonPost.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** The longest response excerpt quoted in a failure reason. */
    private static final int EXCERPT = 300;

    private final HttpClient client;
    private final Duration timeout;

    JsonPost(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param retryableErrcodes robot errcodes that mean "try later" (rate limits, busy); null when the receiver does
     *                          not answer with an errcode
     */
    SendResult post(URI uri, String json, String messageKey, Set<Long> retryableErrcodes) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", messageKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return failed(uri, "webhook timed out after " + timeout.toMillis() + " ms", true);
        } catch (IOException e) {
            return failed(uri, "webhook unreachable: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(uri, "interrupted while posting the webhook", true);
        } catch (IllegalArgumentException | SecurityException e) {
            return failed(uri, "webhook request rejected before sending: " + e.getMessage(), false);
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 429 || status >= 500) {
            return failed(uri, "webhook answered HTTP " + status + ": " + excerpt(body), true);
        }
        if (status < 200 || status >= 300) {
            return failed(uri, "webhook answered HTTP " + status + ": " + excerpt(body), false);
        }
        if (retryableErrcodes != null) {
            return robotResult(uri, body, messageKey, retryableErrcodes);
        }
        return new SendResult.Sent(messageKey);
    }

    private static SendResult robotResult(URI uri, String body, String messageKey, Set<Long> retryableErrcodes) {
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (IOException e) {
            return failed(uri, "robot answered HTTP 200 with a body that is not JSON: " + excerpt(body), true);
        }
        if (reply == null || !reply.path("errcode").canConvertToLong()) {
            return failed(uri, "robot answered HTTP 200 without an errcode: " + excerpt(body), true);
        }
        long errcode = reply.path("errcode").asLong();
        if (errcode == 0) {
            return new SendResult.Sent(messageKey);
        }
        return failed(uri, "robot refused the message: errcode " + errcode + " " + excerpt(reply.path("errmsg")
                .asText("")), retryableErrcodes.contains(errcode));
    }

    private static SendResult failed(URI uri, String reason, boolean retryable) {
        log.warn("webhook {}{}: {}", uri.getHost(), retryable ? " (will retry)" : "", reason);
        return new SendResult.Failed(reason, retryable);
    }

    private static String excerpt(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= EXCERPT ? one : one.substring(0, EXCERPT) + "…";
    }
}
