package io.yuqing.app.service;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.crawler.CycleReport;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs the service: either a fixed number of crawl cycles (scripts), or console and schedules until stopped. */
public final class ServiceRunner {
    private ServiceRunner() {
    }

    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // JvmGcMetrics holds listeners; it lives as long as the process, like the registry.
        new JvmGcMetrics().bindTo(registry);
        return registry;
    }

    /** Runs {@code cycles} crawl cycles of every source and prints what they found. */
    public static void runCycles(YuqingConfig config, Clock clock, int cycles, java.io.PrintWriter out)
            throws ConfigException, IOException, SQLException {
        try (YuqingService service = YuqingService.open(config, clock, newRegistry())) {
            for (int i = 1; i <= cycles; i++) {
                List<CycleReport> reports = service.crawlOnce();
                int docs = reports.stream().mapToInt(CycleReport::newDocuments).sum();
                int failures = reports.stream().mapToInt(CycleReport::failures).sum();
                out.printf(java.util.Locale.ROOT, "cycle %d: %d sources, %d new documents, %d failures%n", i, reports.size(), docs, failures);
                for (CycleReport r : reports) {
                    for (String problem : r.problems()) {
                        out.println("  " + r.sourceId() + ": " + problem);
                    }
                }
            }
            long alerts = service.alerts().count(io.yuqing.alerting.AlertFilter.all());
            out.printf(java.util.Locale.ROOT, "documents indexed: %d, alerts: %d%n", service.store().count(), alerts);
            out.flush();
        }
    }

    /** A running service with its console; closing stops both. */
    public record Running(YuqingService service, ConsoleServer console, ConsoleServer management) implements AutoCloseable {
        @Override
        public void close() {
            if (management != null) {
                management.close();
            }
            console.close();
            service.close();
        }
    }

    /** Opens the service, starts the console on the configured port and the schedules. */
    public static Running start(YuqingConfig config, Clock clock) throws ConfigException, IOException, SQLException {
        PrometheusMeterRegistry registry = newRegistry();
        YuqingService service = YuqingService.open(config, clock, registry);
        ConsoleServer console;
        try {
            console = ConsoleServer.start(service, registry, config.server().port());
        } catch (RuntimeException e) {
            service.close();
            throw new ConfigException("cannot start the console on " + config.server().host() + ":" + config.server().port()
                    + " (" + rootMessage(e) + "); choose another port with --port or server.port");
        }
        ConsoleServer management = null;
        int managementPort = config.server().managementPort();
        if (managementPort > 0) {
            try {
                management = ConsoleServer.startManagement(service, registry, config.server().host(), managementPort);
            } catch (RuntimeException e) {
                console.close();
                service.close();
                throw new ConfigException("cannot start the management port " + config.server().host() + ":" + managementPort
                        + " (" + rootMessage(e) + "); choose another server.managementPort");
            }
        }
        service.startBackground();
        return new Running(service, console, management);
    }

    /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM), then shuts down cleanly. */
    public static void awaitShutdown(AutoCloseable... resources) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // shutting down: nothing left to tell
                }
            }
            stopped.countDown();
        }, "yuqing-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
