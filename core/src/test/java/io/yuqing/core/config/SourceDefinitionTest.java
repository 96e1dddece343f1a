package io.yuqing.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One source read and written on its own, as the console and CLI store sources added at run time. */
class SourceDefinitionTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void aSourceReadsAndWritesBackToAnEqualRecord() throws ConfigException {
        SourceConfig source = loader.source("""
                id: jinhua-news
                name: 金华新闻网
                kind: html-list
                url: https://news.example.cn/list.html
                every: 15m
                linkPattern: /\\d+\\.html$
                """, "console");
        assertEquals("jinhua-news", source.id());
        assertEquals(Duration.ofMinutes(15), source.every());
        String yaml = loader.sourceYaml(source);
        assertTrue(yaml.contains("15m"), yaml);
        assertEquals(source, loader.source(yaml, "stored"));
    }

    @Test
    void mistakesAreNamedWithTheirPlace() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> loader.source("""
                id: a
                kind: rss
                url: https://example.cn/feed
                evry: 5m
                """, "console"));
        assertTrue(unknown.getMessage().startsWith("console:4:"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("did you mean every"), unknown.getMessage());

        ConfigException badUrl = assertThrows(ConfigException.class, () -> loader.source("id: a\nkind: rss\nurl: ftp://x\n", "console"));
        assertTrue(badUrl.getMessage().contains("url must be an absolute http(s) URL"), badUrl.getMessage());

        ConfigException notAMapping = assertThrows(ConfigException.class, () -> loader.source("- a\n- b\n", "console"));
        assertTrue(notAMapping.getMessage().contains("a source is a YAML mapping"), notAMapping.getMessage());

        ConfigException broken = assertThrows(ConfigException.class, () -> loader.source("id: [a\n", "console"));
        assertTrue(broken.getMessage().contains("not valid YAML"), broken.getMessage());
    }
}
