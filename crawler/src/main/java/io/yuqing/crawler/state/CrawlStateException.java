package io.yuqing.crawler.state;

/** The crawl state database could not be read or written (not an expected per-URL failure). */
public final class CrawlStateException extends RuntimeException {
    public CrawlStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
