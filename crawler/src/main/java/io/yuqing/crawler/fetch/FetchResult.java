package io.yuqing.crawler.fetch;

import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Objects;

/** What fetching one URL came to. Expected failures are values, never exceptions. */
public sealed interface FetchResult {

    /** The URL that was asked for (for {@link Fetched}, the URL after redirects). */
    String url();

    /**
     * A 2xx response with its whole, decoded body.
     *
     * @param finalUrl    the URL after following redirects
     * @param contentType the Content-Type header, or empty
     * @param body        the body after gzip/deflate decoding
     * @param wireBytes   the body's size as it came over the wire, before decoding (the decoded size when unknown)
     */
    record Fetched(String finalUrl, int status, String contentType, byte[] body, HttpHeaders headers, long wireBytes)
            implements FetchResult {
        public Fetched {
            Objects.requireNonNull(finalUrl, "finalUrl");
            contentType = contentType == null ? "" : contentType;
            body = body == null ? new byte[0] : body;
            wireBytes = wireBytes < 0 ? body.length : wireBytes;
        }

        /** A response whose size on the wire is not known apart from its body. */
        public Fetched(String finalUrl, int status, String contentType, byte[] body, HttpHeaders headers) {
            this(finalUrl, status, contentType, body, headers, -1);
        }

        @Override
        public String url() {
            return finalUrl;
        }

        public String etag() {
            return headers == null ? "" : headers.firstValue("ETag").orElse("");
        }

        public String lastModified() {
            return headers == null ? "" : headers.firstValue("Last-Modified").orElse("");
        }
    }

    /** The server said 304: the content is what we saw last time. */
    record NotModified(String url) implements FetchResult {
    }

    /**
     * The URL could not be fetched.
     *
     * @param retryable whether trying again later may succeed (timeouts, 5xx) rather than not (404, robots, too large)
     */
    record Failed(String url, Reason reason, String message, boolean retryable) implements FetchResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            message = message == null ? reason.code() : message;
        }
    }

    enum Reason {
        NOT_FOUND, HTTP_ERROR, TIMEOUT, TOO_LARGE, REDIRECT_LOOP, TOO_MANY_REDIRECTS, BLOCKED_ADDRESS,
        ROBOTS_DISALLOWED, CONNECT_ERROR, UNKNOWN_HOST, INVALID_URL, IO_ERROR, UNSUPPORTED_ENCODING, INTERRUPTED,
        /** The host asked us (429/503 with Retry-After) to stay away for a while; it was not contacted. */
        HOST_PAUSED;

        /** Lower-case code, as used in metric tags and the state table. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
