package io.yuqing.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the crawler fetches: identity, timeouts, limits and politeness; how source intervals adapt ({@code adaptive}),
 * how stored articles are re-checked for edits and deletions ({@code recheck}), and how many source cycles one node
 * runs at once ({@code concurrentSources}).
 */
public record CrawlerConfig(String userAgent, Duration connectTimeout, Duration readTimeout, long maxBodyBytes,
                            int maxRedirects, Duration politenessDelay, int maxNewItemsPerCycle,
                            AdaptiveRecrawlConfig adaptive, RecheckConfig recheck, int concurrentSources) {
    /** Source cycles at once for a config made without that setting (the scheduler's historical default). */
    public static final int DEFAULT_CONCURRENT_SOURCES = 4;

    public CrawlerConfig {
        if (concurrentSources < 1 || concurrentSources > 1000) {
            throw new IllegalArgumentException("concurrentSources must be between 1 and 1000, not " + concurrentSources);
        }
        adaptive = adaptive == null ? AdaptiveRecrawlConfig.off() : adaptive;
        recheck = recheck == null ? RecheckConfig.off() : recheck;
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

    /** Fetching settings alone: fixed source intervals and no re-checks. */
    public CrawlerConfig(String userAgent, Duration connectTimeout, Duration readTimeout, long maxBodyBytes,
                         int maxRedirects, Duration politenessDelay, int maxNewItemsPerCycle) {
        this(userAgent, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, politenessDelay, maxNewItemsPerCycle,
                null, null, DEFAULT_CONCURRENT_SOURCES);
    }

    public CrawlerConfig withAdaptive(AdaptiveRecrawlConfig newAdaptive) {
        return new CrawlerConfig(userAgent, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, politenessDelay,
                maxNewItemsPerCycle, newAdaptive, recheck, concurrentSources);
    }

    public CrawlerConfig withRecheck(RecheckConfig newRecheck) {
        return new CrawlerConfig(userAgent, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, politenessDelay,
                maxNewItemsPerCycle, adaptive, newRecheck, concurrentSources);
    }
}
