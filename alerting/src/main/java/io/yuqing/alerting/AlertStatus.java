package io.yuqing.alerting;

import java.util.Locale;

/** Where an alert stands in review. Codes are stored in the database and used in the API. */
public enum AlertStatus {
    NEW("new", "待处理"),
    ACKNOWLEDGED("acknowledged", "已确认"),
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

    public static AlertStatus fromCode(String code) {
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (AlertStatus s : values()) {
            if (s.code.equals(c)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown alert status '" + code
                + "' (expected new, acknowledged, resolved or false_positive)");
    }
}
