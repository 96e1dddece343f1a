package io.yuqing.alerting.review;

import io.yuqing.alerting.AlertStatus;

import java.time.Instant;

/**
 * One row of the audit log.
 *
 * @param alertId    the alert acted on, or null for an event not about one alert (config reload, login)
 * @param fromStatus status before the action, or null when the action did not change a status
 * @param toStatus   status after the action, or null when the action did not change a status
 * @param note       the actor's note or the event's detail, possibly empty
 */
public record AlertAction(long id, Long alertId, String actor, String action, AlertStatus fromStatus,
                          AlertStatus toStatus, String note, Instant at) {
}
