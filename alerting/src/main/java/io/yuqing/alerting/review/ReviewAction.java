package io.yuqing.alerting.review;

import io.yuqing.alerting.AlertStatus;

import java.util.Set;

/** The review actions and the status transitions each allows (核实 → 交办 → 处置 → 反馈 → 办结). */
enum ReviewAction {
    ACKNOWLEDGE("acknowledge", Set.of(AlertStatus.NEW), AlertStatus.ACKNOWLEDGED),
    // Assigning an assigned alert again hands it on (转办) with a new assignee and deadline.
    ASSIGN("assign", Set.of(AlertStatus.NEW, AlertStatus.ACKNOWLEDGED, AlertStatus.ASSIGNED), AlertStatus.ASSIGNED),
    // Progress report on an open case; the status stays.
    FEEDBACK("feedback", Set.of(AlertStatus.NEW, AlertStatus.ACKNOWLEDGED, AlertStatus.ASSIGNED), null),
    RESOLVE("resolve", Set.of(AlertStatus.NEW, AlertStatus.ACKNOWLEDGED, AlertStatus.ASSIGNED), AlertStatus.RESOLVED),
    MARK_FALSE_POSITIVE("mark_false_positive", Set.of(AlertStatus.NEW, AlertStatus.ACKNOWLEDGED, AlertStatus.ASSIGNED),
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

    /** The status after the action: the same one for an action that changes none. */
    AlertStatus target(AlertStatus current) {
        return to == null ? current : to;
    }

    boolean changesStatus() {
        return to != null;
    }
}
