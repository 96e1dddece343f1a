package io.yuqing.crawler.fetch;

import java.util.Map;
import java.util.Objects;

/**
 * One URL to fetch and how.
 *
 * @param allowPrivateNetwork whether loopback, private and link-local targets may be contacted
 * @param etag                validator from an earlier response (If-None-Match), or empty
 * @param lastModified        validator from an earlier response (If-Modified-Since), or empty
 * @param headers             extra request headers (a source's API key, say); sent only to the requested URL's host,
 *                            never after a redirect to another host
 */
public record FetchRequest(String url, boolean allowPrivateNetwork, String etag, String lastModified,
                           Map<String, String> headers) {
    public FetchRequest {
        Objects.requireNonNull(url, "url");
        etag = etag == null ? "" : etag;
        lastModified = lastModified == null ? "" : lastModified;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public FetchRequest(String url, boolean allowPrivateNetwork, String etag, String lastModified) {
        this(url, allowPrivateNetwork, etag, lastModified, Map.of());
    }

    public static FetchRequest of(String url, boolean allowPrivateNetwork) {
        return new FetchRequest(url, allowPrivateNetwork, "", "");
    }

    public FetchRequest withHeaders(Map<String, String> extra) {
        return new FetchRequest(url, allowPrivateNetwork, etag, lastModified, extra);
    }

    /** Header values are left out of logs and messages: they may be secrets. */
    @Override
    public String toString() {
        return "FetchRequest[url=" + url + ", allowPrivateNetwork=" + allowPrivateNetwork + ", etag=" + etag
                + ", lastModified=" + lastModified + ", headers=" + headers.keySet() + "]";
    }
}
