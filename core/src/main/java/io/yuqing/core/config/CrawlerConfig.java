package io.yuqing.core.config;

import java.time.Duration;
import java.util.Objects;

/** How the crawler fetches: identity, timeouts, limits and politeness. */
public record CrawlerConfig(String userAgent, Duration connectTimeout, Duration readTimeout, long maxBodyBytes,
                            int maxRedirects, Duration politenessDelay, int maxNewItemsPerCycle) {
    public CrawlerConfig {
        Objects.requireNonNull(userAgent, "userAgent");
        Checks.positive("connectTimeout", connectTimeout);
        Checks.positive("readTimeout", readTimeout);
        Objects.requireNonNull(politenessDelay, "politenessDelay");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, not " + maxBodyBytes);
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be between 0 and 20, not " + maxRedirects);
        }
        if (maxNewItemsPerCycle < 1) {
            throw new IllegalArgumentException("maxNewItemsPerCycle must be at least 1, not " + maxNewItemsPerCycle);
        }
    }
}
