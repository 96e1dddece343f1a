package io.yuqing.crawler;

import java.util.Map;
import java.util.Optional;

/** Where {@code ${NAME}} in a source's headers is looked up: the process environment, or given values in tests. */
@FunctionalInterface
public interface Environment {
    Environment SYSTEM = name -> Optional.ofNullable(System.getenv(name));

    Optional<String> get(String name);

    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
