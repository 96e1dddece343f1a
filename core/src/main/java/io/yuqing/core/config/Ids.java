package io.yuqing.core.config;

final class Ids {
    private Ids() {
    }

    static String require(String what, String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException(what + " id '" + id + "' must be 1–64 letters, digits, - or _");
        }
        return id;
    }
}
