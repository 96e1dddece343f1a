package io.yuqing.alerting.outbox;

/** What one {@link OutboxDispatcher#dispatchDue()} run did. */
public record DispatchReport(int sent, int retried, int dead) {
    public int attempted() {
        return sent + retried + dead;
    }
}
