package io.yuqing.alerting;

import java.util.Locale;

/** Where an alert stands in review. Codes are stored in the database and used in the API. */
public enum AlertStatus {
    NEW("new", "待处理"),
    ACKNOWLEDGED("acknowledged", "已确认"),
    /** Handed to a person or department with a deadline (交办). */
    ASSIGNED("assigned", "已交办"),
    RESOLVED("resolved", "已办结"),
    FALSE_POSITIVE("false_positive", "误报");

    private final String code;
    private final String label;

    AlertStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    /** Chinese label shown to staff. */
    public String label() {
        return label;
    }

    /** Still to be handled: not resolved and not a false positive. */
    public boolean open() {
        return this != RESOLVED && this != FALSE_POSITIVE;
    }

    public static AlertStatus fromCode(String code) {
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (AlertStatus s : values()) {
            if (s.code.equals(c)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown alert status '" + code
                + "' (expected new, acknowledged, assigned, resolved or false_positive)");
    }
}
