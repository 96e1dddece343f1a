package io.yuqing.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** yuqing.example.yml loads, and documents every setting the defaults file has. */
class ExampleConfigTest {
    private static final Path EXAMPLE = Path.of("..", "yuqing.example.yml");

    @Test
    void exampleLoadsAndNamesEverySetting() throws Exception {
        YuqingConfig config = new ConfigLoader().load(EXAMPLE);
        assertEquals(2, config.desks().size());
        assertEquals(5, config.sources().size());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode defaults;
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/yuqing-defaults.yml")) {
            defaults = yaml.readTree(in);
        }
        JsonNode example = yaml.readTree(EXAMPLE.toFile());
        List<String> missing = new ArrayList<>();
        missingKeys("", defaults, example, missing);
        assertTrue(missing.isEmpty(), "yuqing.example.yml does not document: " + missing);
    }

    private static void missingKeys(String prefix, JsonNode defaults, JsonNode example, List<String> missing) {
        Iterator<Map.Entry<String, JsonNode>> fields = defaults.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode other = example.get(f.getKey());
            if (other == null) {
                missing.add(prefix + f.getKey());
            } else if (f.getValue().isObject()) {
                missingKeys(prefix + f.getKey() + ".", f.getValue(), other, missing);
            }
        }
    }

    @Test
    void exclusionPhrasesFromTheConfigAreApplied(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                watchlist:
                  enterprises:
                    - name: 青州云帆科技有限公司
                      shortNames: [云帆科技]
                      aliases: [云帆]
                  exclusions:
                    青州云帆科技有限公司: [云帆路]
                """.formatted(dir.resolve("data")), "test.yml");
        try (var service = io.yuqing.app.service.YuqingService.open(config, java.time.Clock.systemUTC(),
                io.yuqing.app.service.ServiceRunner.newRegistry())) {
            java.time.Instant now = java.time.Instant.now();
            var onTheStreet = service.pipeline().process(new io.yuqing.core.model.Document(null, "https://n.cn/1", "s",
                    "云帆路发生交通事故", "今早云帆路与创业路口发生交通事故，云帆路一度拥堵。", "", "", now, now));
            assertTrue(onTheStreet.mentions().isEmpty(), "a street named after the brand is not the enterprise");
            var aboutTheCompany = service.pipeline().process(new io.yuqing.core.model.Document(null, "https://n.cn/2", "s",
                    "云帆科技发布新品", "青州云帆科技有限公司今日在云帆路总部发布新品。", "", "", now, now));
            assertEquals(1, aboutTheCompany.mentions().size());
        }
    }

    @Test
    void demoConfigLoads() throws IOException, io.yuqing.core.config.ConfigException {
        YuqingConfig demo = io.yuqing.app.cli.DemoCommand.demoConfig("http://127.0.0.1:1", Path.of("x"), 0, null);
        assertEquals(3, demo.sources().size());
        assertTrue(demo.watchlist().enterprises().size() >= 10);
    }
}
