package io.yuqing.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The new source settings load from YAML, old files still load, and every mistake names the source and the setting. */
class SourceKindsConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private SourceConfig one(String yaml) throws ConfigException {
        return loader.load("sources:\n" + yaml, "s.yml").sources().getFirst();
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> one(yaml)).getMessage();
    }

    @Test
    void aSourceWrittenBeforeTheNewKindsLoadsAsBefore() throws ConfigException {
        SourceConfig s = one("""
                  - id: old
                    kind: html-list
                    url: https://a.example.cn/list.html
                """);
        assertNull(s.extraction());
        assertNull(s.forum());
        assertNull(s.json());
        assertEquals(Map.of(), s.headers());
        assertEquals("UTF-8", s.queryCharset());
        assertEquals(SourceConfig.DEFAULT_MAX_QUERIES_PER_CYCLE, s.maxQueriesPerCycle());
    }

    @Test
    void everyNewSettingBinds() throws ConfigException {
        List<SourceConfig> sources = loader.load("""
                sources:
                  - id: profiled
                    kind: html-list
                    url: https://a.example.cn/list.html
                    extraction: {title: "h1.t", body: "div.c p", time: "span.time", author: ".writer", timeFormat: "yyyy-MM-dd HH:mm"}
                  - id: search
                    kind: site-search
                    url: https://s.example.cn/search?kw={query}&sort=time
                    queryCharset: GBK
                    maxQueriesPerCycle: 3
                  - id: bbs
                    kind: forum
                    url: https://bbs.example.cn/forum-12-1.html
                    forum: {post: "div.post", body: "td.t_f", author: "a.xw1", time: "em[id^=authorposton]"}
                  - id: api
                    kind: json-api
                    url: https://api.example.cn/v1/news
                    json: {items: /data/list, url: /link, title: /title, text: /content, time: /pubTime, author: /author}
                    headers: {X-Api-Key: "${NEWS_API_KEY}"}
                """, "s.yml").sources();
        assertEquals("h1.t", sources.get(0).extraction().title());
        assertEquals("yyyy-MM-dd HH:mm", sources.get(0).extraction().timeFormat());
        assertEquals(SourceConfig.Kind.SITE_SEARCH, sources.get(1).kind());
        assertEquals("GBK", sources.get(1).queryCharset());
        assertEquals(3, sources.get(1).maxQueriesPerCycle());
        assertEquals("td.t_f", sources.get(2).forum().body());
        assertEquals("/data/list", sources.get(3).json().items());
        assertEquals(List.of("NEWS_API_KEY"), sources.get(3).headerEnvironmentVariables());
        assertFalse(sources.get(3).toString().contains("${NEWS_API_KEY}"), "header values stay out of toString");
    }

    @Test
    void mistakesNameTheSourceAndTheSetting() {
        assertTrue(error("""
                  - id: s1
                    kind: site-search
                    url: https://s.example.cn/search
                """).contains("source 's1': a site-search url must contain {query}"));
        assertTrue(error("""
                  - id: s2
                    kind: html-list
                    url: https://s.example.cn/search?q={query}
                """).contains("source 's2': url contains {query}, which only kind site-search fills in"));
        assertTrue(error("""
                  - id: s3
                    kind: site-search
                    url: https://s.example.cn/search?q={query}
                    queryCharset: GBX
                """).contains("source 's3': queryCharset 'GBX' is not a charset"));
        assertTrue(error("""
                  - id: s4
                    kind: site-search
                    url: https://s.example.cn/search?q={query}
                    maxQueriesPerCycle: 0
                """).contains("source 's4': maxQueriesPerCycle must be at least 1"));
        assertTrue(error("""
                  - id: f1
                    kind: forum
                    url: https://bbs.example.cn/
                """).contains("source 'f1': a forum source needs forum:"));
        assertTrue(error("""
                  - id: f2
                    kind: forum
                    url: https://bbs.example.cn/
                    forum: {body: "td"}
                """).contains("source 'f2': forum.post is required"));
        assertTrue(error("""
                  - id: j1
                    kind: json-api
                    url: https://api.example.cn/
                    json: {items: data/list, url: /link, title: /title}
                """).contains("source 'j1': json.items 'data/list' is not a JSON Pointer"));
        assertTrue(error("""
                  - id: j2
                    kind: json-api
                    url: https://api.example.cn/
                    json: {items: /data, title: /title}
                """).contains("source 'j2': json.url is required"));
        assertTrue(error("""
                  - id: j3
                    kind: rss
                    url: https://a.example.cn/rss
                    json: {items: /data, url: /u, title: /title}
                """).contains("source 'j3': json: settings only apply to kind json-api"));
        assertTrue(error("""
                  - id: x1
                    kind: rss
                    url: https://a.example.cn/rss
                    extraction: {timeFormat: "yyyy-MM-dd"}
                """).contains("source 'x1': extraction names no selector"));
        assertTrue(error("""
                  - id: x2
                    kind: rss
                    url: https://a.example.cn/rss
                    extraction: {time: ".t", timeFormat: "yyyy-MM-dd {"}
                """).contains("source 'x2': extraction.timeFormat 'yyyy-MM-dd {' is not a date pattern"));
        assertTrue(error("""
                  - id: x3
                    kind: forum
                    url: https://bbs.example.cn/
                    forum: {post: div.post}
                    extraction: {title: h1}
                """).contains("source 'x3': extraction profiles apply to article pages"));
        assertTrue(error("""
                  - id: h1
                    kind: json-api
                    url: https://api.example.cn/
                    json: {url: /u, title: /t}
                    headers: {Host: evil.example.com}
                """).contains("source 'h1': headers: Host is set by the crawler itself"));
        assertTrue(error("""
                  - id: h2
                    kind: json-api
                    url: https://api.example.cn/
                    json: {url: /u, title: /t}
                    headers: {X-Api-Key: "${NEWS API}"}
                """).contains("source 'h2': headers: the value of X-Api-Key has a malformed ${...}"));
        assertTrue(error("""
                  - id: h3
                    kind: json-api
                    url: https://api.example.cn/
                    json: {url: /u, title: /t}
                    headers: {X-Client: "青州舆情"}
                """).contains("source 'h3': headers: the value of X-Client may hold only Latin letters"));
        String typo = error("""
                  - id: t1
                    kind: rss
                    url: https://a.example.cn/rss
                    extraction:
                      titel: h1
                """);
        assertTrue(typo.startsWith("s.yml:6:7: sources[0].extraction.titel: unknown setting"), typo);
        assertTrue(typo.contains("did you mean title?"), typo);
        assertTrue(error("""
                  - id: k1
                    kind: newsletter
                    url: https://a.example.cn/
                """).contains("expected rss, html-list, sitemap, site-search, forum or json-api"));
    }
}
