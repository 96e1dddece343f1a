package io.yuqing.app;

import io.yuqing.app.service.ServiceRunner;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running service with schedules, console and a separate management port for monitoring. */
class ServiceRunnerTest {
    @TempDir
    Path dir;

    @Test
    void managementPortServesHealthAndMetricsOnly() throws Exception {
        int managementPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            managementPort = probe.getLocalPort();
        }
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                server:
                  port: 0
                  managementPort: %d
                """.formatted(dir.resolve("data"), managementPort), "test.yml");
        try (ServiceRunner.Running running = ServiceRunner.start(config, Clock.systemUTC())) {
            String management = "http://127.0.0.1:" + managementPort;
            assertEquals(200, TestHttp.get(management + "/health/ready").statusCode());
            assertTrue(TestHttp.get(management + "/metrics").body().contains("jvm_memory_used_bytes"));
            assertEquals(404, TestHttp.get(management + "/alerts").statusCode(), "no console on the management port");
            String console = "http://127.0.0.1:" + running.console().port();
            assertEquals(302, TestHttp.get(console + "/alerts").statusCode(), "the console asks for a login");
        }
    }
}
