package io.yuqing.alerting.silence;

import java.time.Instant;

/**
 * A stored silence (静默): while active, mail for the alerts it matches is not sent; the alerts are still stored.
 * Author and comment are staff input: escape them wherever they are rendered.
 */
public record Silence(long id, SilenceMatchers matchers, String author, String comment, Instant startsAt,
                      Instant endsAt, Instant createdAt) {
    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
