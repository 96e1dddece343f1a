package io.yuqing.alerting;

/**
 * The alerting tables could not be read or written (database down, schema missing). Not an expected outcome:
 * callers such as the crawler's document sink let it propagate so the document is offered again later.
 */
public final class AlertingDatabaseException extends RuntimeException {
    public AlertingDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
