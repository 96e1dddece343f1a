package io.yuqing.core.model;

import java.util.Locale;

/** The four warning levels of 四级预警, plus none. Ordered from least to most severe. */
public enum RiskLevel {
    NONE("无", "none"),
    BLUE("蓝色预警", "blue"),
    YELLOW("黄色预警", "yellow"),
    ORANGE("橙色预警", "orange"),
    RED("红色预警", "red");

    private final String label;
    private final String code;

    RiskLevel(String label, String code) {
        this.label = label;
        this.code = code;
    }

    /** Chinese label shown to staff. */
    public String label() {
        return label;
    }

    /** Stable lower-case code used in config, JSON, metrics and the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    public boolean atLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static RiskLevel fromCode(String code) {
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (RiskLevel level : values()) {
            if (level.code.equals(c)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown risk level '" + code + "' (expected none, blue, yellow, orange or red)");
    }
}
