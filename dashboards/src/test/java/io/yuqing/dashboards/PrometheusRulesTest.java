package io.yuqing.dashboards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The system's alerting rules pass {@code promtool check rules} and their unit tests ({@code promtool test rules}).
 * promtool comes from Debian's prometheus package, which .ci/run installs; without it the test is skipped.
 */
class PrometheusRulesTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void rulesAreValid() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool not installed");
        run("check", "rules", "prometheus/yuqing-rules.yml");
    }

    @Test
    void rulesPassTheirUnitTests() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool not installed");
        run("test", "rules", "prometheus/yuqing-rules.test.yml");
    }

    private static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertEquals(0, done ? p.exitValue() : -1, String.join(" ", command) + "\n" + output);
    }
}
