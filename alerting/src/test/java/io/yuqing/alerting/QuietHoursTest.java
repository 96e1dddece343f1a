package io.yuqing.alerting;

import io.yuqing.core.config.QuietHoursConfig;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuietHoursTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final QuietHours night = new QuietHours(new QuietHoursConfig(LocalTime.of(22, 0), LocalTime.of(7, 0),
            RiskLevel.ORANGE), SHANGHAI);

    @Test
    void lowLevelsWaitUntilMorningAcrossMidnight() {
        Instant lateEvening = Instant.parse("2026-11-02T15:30:00Z"); // 23:30 in Shanghai
        Instant earlyMorning = Instant.parse("2026-11-02T19:00:00Z"); // 03:00 on 11-03
        Instant morning = Instant.parse("2026-11-02T23:00:00Z"); // 07:00 on 11-03
        assertEquals(morning, night.releaseAt(RiskLevel.BLUE, lateEvening));
        assertEquals(morning, night.releaseAt(RiskLevel.YELLOW, earlyMorning));
        assertEquals(morning, night.releaseAt(RiskLevel.YELLOW, Instant.parse("2026-11-02T14:00:00Z")), "22:00 is quiet");
        assertEquals(morning, night.releaseAt(RiskLevel.YELLOW, morning), "07:00 is not quiet any more");
        Instant day = Instant.parse("2026-11-02T06:00:00Z"); // 14:00
        assertEquals(day, night.releaseAt(RiskLevel.BLUE, day));
    }

    @Test
    void orangeAndRedGoOutAtOnce() {
        Instant lateEvening = Instant.parse("2026-11-02T15:30:00Z");
        assertEquals(lateEvening, night.releaseAt(RiskLevel.ORANGE, lateEvening));
        assertEquals(lateEvening, night.releaseAt(RiskLevel.RED, lateEvening));
    }

    @Test
    void aSpanWithinOneDayAndOffWork() {
        QuietHours lunch = new QuietHours(new QuietHoursConfig(LocalTime.of(12, 0), LocalTime.of(13, 30),
                RiskLevel.RED), SHANGHAI);
        assertEquals(Instant.parse("2026-11-02T05:30:00Z"), lunch.releaseAt(RiskLevel.ORANGE,
                Instant.parse("2026-11-02T04:10:00Z")));
        Instant evening = Instant.parse("2026-11-02T15:30:00Z");
        assertEquals(evening, lunch.releaseAt(RiskLevel.BLUE, evening));
        assertEquals(evening, new QuietHours(QuietHoursConfig.off(), SHANGHAI).releaseAt(RiskLevel.BLUE, evening));
        assertThrows(IllegalArgumentException.class,
                () -> new QuietHoursConfig(LocalTime.of(22, 0), LocalTime.of(7, 0), RiskLevel.BLUE));
    }
}
