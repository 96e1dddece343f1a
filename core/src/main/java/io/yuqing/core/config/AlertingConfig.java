package io.yuqing.core.config;

import java.time.Duration;

/** Delivery retries for the outbox. */
public record AlertingConfig(Duration retryDelay, int maxAttempts) {
    public AlertingConfig {
        Checks.positive("retryDelay", retryDelay);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
    }
}
