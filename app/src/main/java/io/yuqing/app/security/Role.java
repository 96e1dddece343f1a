package io.yuqing.app.security;

import java.util.Locale;

/** What a console user may do: admin everything, desk its own desk's alerts, viewer read only. */
public enum Role {
    ADMIN("admin"), DESK("desk"), VIEWER("viewer");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The role for a code (admin, desk, viewer), or empty for anything else. */
    public static java.util.Optional<Role> fromCode(String code) {
        if (code == null) {
            return java.util.Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.code.equals(c)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
