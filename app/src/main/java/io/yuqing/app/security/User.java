package io.yuqing.app.security;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;

/** A console user as the web layer sees it: who, which role, and for desk members which desk. */
public record User(String name, Role role, String deskId) {
    /** Whether the alert is visible to this user: admins and viewers see all, desk members their desk's. */
    public boolean canSee(Alert alert) {
        return role != Role.DESK || alert.deskIds().contains(deskId);
    }

    /** Whether this user sees what went to this desk (its notification groups, for one): desk members only their own. */
    public boolean seesDesk(String deskId) {
        return role != Role.DESK || java.util.Objects.equals(this.deskId, deskId);
    }

    /** Whether this user may change the state of an alert it can see. */
    public boolean canAct() {
        return role != Role.VIEWER;
    }

    /** Narrows a filter to what this user may see. */
    public AlertFilter restrict(AlertFilter filter) {
        return role == Role.DESK ? filter.withDesk(deskId) : filter;
    }
}
