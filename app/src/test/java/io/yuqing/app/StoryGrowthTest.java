package io.yuqing.app;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reposts of a story on other sites raise the story's one alert in level instead of raising new alerts. */
class StoryGrowthTest {
    @TempDir
    Path dir;

    private static final String STORY = "近日，有订户反映在青州牧歌乳业有限公司订购的鲜奶多次延迟送达，并向12345热线投诉。"
            + "记者联系牧歌乳业，客服表示近期配送线路调整，正在统计受影响订户并将逐一回访。"
            + "公司称预计下周恢复正常配送，对给订户带来的不便表示歉意。";

    @Test
    void repostsRaiseTheOneAlertInsteadOfDuplicatingIt() throws Exception {
        YuqingConfig config = ServiceFixture.publicityDeskWatching(dir.resolve("data"), "青州牧歌乳业有限公司", "牧歌乳业");
        try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), ServiceRunner.newRegistry())) {
            List<String> hosts = List.of("news.example.cn", "daily.example.cn", "forum.example.cn", "wx.example.cn");
            for (int i = 0; i < hosts.size(); i++) {
                Instant now = Instant.now();
                service.pipeline().accept(new Document(null, "https://" + hosts.get(i) + "/a/" + i + ".html", "s" + i,
                        "牧歌乳业送奶延迟 部分订户不满", (i == 0 ? "" : "本文转自青州新闻网。\n") + STORY, "", "", now, now));
                if (i == 0) {
                    RiskLevel first = service.alerts().list(AlertFilter.all(), 0, 1).getFirst().level();
                    assertTrue(first.compareTo(RiskLevel.ORANGE) < 0, "the first report alone is below orange: " + first);
                }
            }
            List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 50);
            assertEquals(1, alerts.size(), "one story, one alert: " + alerts);
            Alert story = alerts.getFirst();
            assertTrue(story.level().atLeast(RiskLevel.ORANGE), "raised as the story spread to 4 sites: " + story.level());
            long mails = new io.yuqing.alerting.outbox.OutboxQueries(service.database().dataSource()).recent(20).size();
            assertTrue(mails >= 1 && mails <= 3, "the first mail and one per raised level, not one per repost: " + mails);
        }
    }
}
