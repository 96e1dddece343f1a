package io.yuqing.alerting.routing;

import io.yuqing.alerting.AlertStatus;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.List;

/**
 * One notification group an alert is in, as the alert page and the API show it: the route and desk (receiver), the
 * group's labels, when this alert joined and in which notification it went out, the group's last and next
 * notification, and the group's other alerts.
 *
 * @param notifiedIn the group notification (1, 2 …) that first listed this alert, or null while it waits
 * @param notifiedAt when that notification was enqueued; null while waiting, or for members listed before it was recorded
 * @param nextAt     when the group is next looked at (group wait, interval or repeat), or null when idle
 * @param others     the group's other alerts, newest first (open and closed alike, each with its status), at most
 *                   {@link #MAX_OTHERS}
 * @param otherCount how many other alerts the group has in all
 * @param labels     the group key's labels with what people read for them (enterprise names for ids)
 */
public record GroupMembership(long groupId, String routeName, String deskId, String groupKey, Instant addedAt,
                              Integer notifiedIn, Instant notifiedAt, int notifications, Instant lastNotifiedAt,
                              Instant nextAt, List<Member> others, int otherCount, GroupLabels labels) {
    /** Other alerts listed per group: a group by district can collect hundreds over months. */
    public static final int MAX_OTHERS = 50;

    public GroupMembership {
        others = List.copyOf(others);
    }

    /** Another alert of the group. */
    public record Member(long alertId, RiskLevel level, AlertStatus status, String enterpriseName, String title,
                         Instant createdAt, Integer notifiedIn) {
    }

    /** Route name and group labels in one line, as the group's mail shows them (全部 when grouped by nothing). */
    public String describe() {
        return GroupMailRenderer.describe(routeName, labels);
    }
}
