package io.yuqing.core.config;

import java.time.Duration;

final class Checks {
    private Checks() {
    }

    static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration such as 10s or 5m");
        }
    }
}
