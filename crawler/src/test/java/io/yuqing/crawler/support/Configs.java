package io.yuqing.crawler.support;

import io.yuqing.core.config.CrawlerConfig;
import io.yuqing.core.config.SourceConfig;

import java.time.Duration;

/** Configurations for tests: short timeouts, no politeness delay. */
public final class Configs {
    private Configs() {
    }

    public static CrawlerConfig crawler() {
        return crawler(Duration.ofSeconds(5), 1024 * 1024);
    }

    public static CrawlerConfig crawler(Duration readTimeout, long maxBodyBytes) {
        return new CrawlerConfig("YuqingBot/0.1 (test)", Duration.ofSeconds(2), readTimeout, maxBodyBytes, 5,
                Duration.ZERO, 50);
    }

    public static SourceConfig rss(String id, String url) {
        return new SourceConfig(id, id, SourceConfig.Kind.RSS, url, Duration.ofMinutes(10), "", "", true);
    }

    public static SourceConfig htmlList(String id, String url, String selector, String pattern) {
        return new SourceConfig(id, id, SourceConfig.Kind.HTML_LIST, url, Duration.ofMinutes(10), selector, pattern, true);
    }
}
