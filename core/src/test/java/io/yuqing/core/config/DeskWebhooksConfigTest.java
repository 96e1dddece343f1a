package io.yuqing.core.config;

import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** desks[].webhooks: loaded, validated with a clear message, secrets kept out of toString. */
class DeskWebhooksConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void webhooksLoadPerDesk() throws ConfigException {
        YuqingConfig config = loader.load("""
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                    webhooks:
                      - kind: dingtalk
                        url: https://oapi.dingtalk.com/robot/send?access_token=abc
                        secret: SECxyz
                      - kind: wecom
                        url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1
                      - kind: json
                        url: http://10.0.0.5:9000/hooks/yuqing
                  - id: united-front
                    recipients: [tz@example.gov.cn]
                """, "w.yml");
        DeskConfig publicity = config.desks().getFirst();
        assertEquals(List.of(WebhookConfig.Kind.DINGTALK, WebhookConfig.Kind.WECOM, WebhookConfig.Kind.JSON),
                publicity.webhooks().stream().map(WebhookConfig::kind).toList());
        assertEquals("SECxyz", publicity.webhooks().getFirst().secret());
        assertEquals("", publicity.webhooks().get(1).secret());
        assertEquals(List.of(), config.desks().get(1).webhooks(), "a desk without webhooks is mail only");
        assertEquals("https://oapi.dingtalk.com/robot/send", publicity.webhooks().getFirst().redactedUrl());
        String shown = publicity.webhooks().getFirst().toString();
        assertFalse(shown.contains("abc") || shown.contains("SECxyz"), shown);
        assertTrue(loader.defaults().desks().isEmpty());
    }

    @Test
    void badWebhooksAreClearErrors() {
        ConfigException kind = assertThrows(ConfigException.class, () -> loader.load("""
                desks:
                  - id: publicity
                    webhooks:
                      - kind: slack
                        url: https://hooks.example.com/x
                """, "k.yml"));
        assertTrue(kind.getMessage().contains("unknown webhook kind 'slack'"), kind.getMessage());
        assertTrue(kind.getMessage().startsWith("k.yml:"), kind.getMessage());

        ConfigException url = assertThrows(ConfigException.class, () -> loader.load("""
                desks:
                  - id: publicity
                    webhooks:
                      - kind: wecom
                        url: ftp://qyapi.weixin.qq.com/send
                """, "u.yml"));
        assertTrue(url.getMessage().contains("url must be an absolute http(s) URL"), url.getMessage());

        ConfigException secret = assertThrows(ConfigException.class, () -> loader.load("""
                desks:
                  - id: publicity
                    webhooks:
                      - kind: wecom
                        url: https://qyapi.weixin.qq.com/send?key=1
                        secret: SEC1
                """, "s.yml"));
        assertTrue(secret.getMessage().contains("only dingtalk webhooks take a secret"), secret.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new WebhookConfig(null, "https://a.example.cn/", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new WebhookConfig(WebhookConfig.Kind.JSON, "https:///nohost", ""));
        assertEquals(List.of(), new DeskConfig("d", "D", List.of(), List.of(), RiskLevel.BLUE).webhooks());
    }
}
