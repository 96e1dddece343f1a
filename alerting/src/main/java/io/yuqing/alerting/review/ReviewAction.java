package io.yuqing.alerting.review;

import io.yuqing.alerting.AlertStatus;

import java.util.Set;

/** The review actions and the status transitions each allows. */
enum ReviewAction {
    ACKNOWLEDGE("acknowledge", Set.of(AlertStatus.NEW), AlertStatus.ACKNOWLEDGED),
    RESOLVE("resolve", Set.of(AlertStatus.NEW, AlertStatus.ACKNOWLEDGED), AlertStatus.RESOLVED),
    MARK_FALSE_POSITIVE("mark_false_positive", Set.of(AlertStatus.NEW, AlertStatus.ACKNOWLEDGED),
            AlertStatus.FALSE_POSITIVE),
    // A reopened alert goes back to the to-do list.
    REOPEN("reopen", Set.of(AlertStatus.RESOLVED, AlertStatus.FALSE_POSITIVE), AlertStatus.NEW);

    private final String code;
    private final Set<AlertStatus> from;
    private final AlertStatus to;

    ReviewAction(String code, Set<AlertStatus> from, AlertStatus to) {
        this.code = code;
        this.from = from;
        this.to = to;
    }

    String code() {
        return code;
    }

    boolean allowedFrom(AlertStatus status) {
        return from.contains(status);
    }

    AlertStatus target() {
        return to;
    }
}
