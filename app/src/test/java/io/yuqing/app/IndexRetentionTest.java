package io.yuqing.app;

import io.yuqing.app.cli.DemoCommand;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.time.AdjustableClock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * index.retention through the service: documents leave the index once they were fetched longer ago than the
 * retention (time advanced on the service's clock, not waited for), while the alerts about them stay.
 */
class IndexRetentionTest {
    @TempDir
    Path data;

    @Test
    void documentsLeaveTheIndexAfterTheRetentionAndAlertsStay() throws Exception {
        AdjustableClock clock = new AdjustableClock(Instant.now());
        try (DemoSite site = DemoSite.start(Clock.systemUTC())) {
            YuqingConfig demo = DemoCommand.demoConfig(site.baseUrl(), data, 0, null);
            YuqingConfig config = demo.withIndex(demo.index().withRetention(Duration.ofDays(180)));
            PrometheusMeterRegistry registry = ServiceRunner.newRegistry();
            try (YuqingService service = YuqingService.open(config, clock, registry)) {
                service.crawlOnce();
                long indexed = service.store().count();
                String someDocument = service.alerts().list(io.yuqing.alerting.AlertFilter.all(), 0, 1).getFirst().documentId();
                assertTrue(service.pageCopies().find(someDocument).isPresent(), "a page copy is kept");
                long alerts = service.alerts().list(io.yuqing.alerting.AlertFilter.all(), 0, 1000).size();
                assertEquals(site.articles().size(), indexed);
                assertTrue(alerts > 0);

                clock.advance(Duration.ofDays(179));
                assertEquals(0, service.applyRetention(), "nothing is 180 days old yet");
                assertEquals(indexed, service.store().count());

                clock.advance(Duration.ofDays(2));
                assertEquals(indexed, service.applyRetention(), "every document is past the retention");
                assertEquals(0, service.store().count());
                assertTrue(service.pageCopies().find(someDocument).isEmpty(), "page copies follow their documents out");
                assertEquals(alerts, service.alerts().list(io.yuqing.alerting.AlertFilter.all(), 0, 1000).size(), "alerts stay");
                assertTrue(registry.scrape().contains("yuqing_index_expired_total " + (double) indexed), registry.scrape().lines()
                        .filter(l -> l.startsWith("yuqing_index_expired")).toList().toString());
            }
        }
    }
}
