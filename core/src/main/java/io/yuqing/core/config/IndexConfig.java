package io.yuqing.core.config;

/** The document index. An empty dir means {@code <dataDir>/index}. */
public record IndexConfig(String dir) {
    public IndexConfig {
        dir = dir == null ? "" : dir.strip();
    }
}
