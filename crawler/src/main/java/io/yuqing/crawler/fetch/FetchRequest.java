package io.yuqing.crawler.fetch;

import java.util.Objects;

/**
 * One URL to fetch and how.
 *
 * @param allowPrivateNetwork whether loopback, private and link-local targets may be contacted
 * @param etag                validator from an earlier response (If-None-Match), or empty
 * @param lastModified        validator from an earlier response (If-Modified-Since), or empty
 */
public record FetchRequest(String url, boolean allowPrivateNetwork, String etag, String lastModified) {
    public FetchRequest {
        Objects.requireNonNull(url, "url");
        etag = etag == null ? "" : etag;
        lastModified = lastModified == null ? "" : lastModified;
    }

    public static FetchRequest of(String url, boolean allowPrivateNetwork) {
        return new FetchRequest(url, allowPrivateNetwork, "", "");
    }
}
