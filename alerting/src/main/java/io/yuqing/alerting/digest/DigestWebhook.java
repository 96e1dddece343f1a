package io.yuqing.alerting.digest;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.webhook.WebhookMessage;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A desk's daily digest as a chat message: the figures of the mail in a few lines, with a link to the console (chat
 * robots show no inline chart). Enterprise names and titles stay raw here; each webhook sender escapes them.
 */
final class DigestWebhook {
    /** Risers and overdue cases named in the message; the mail and the console list them all. */
    static final int NAMED = 5;

    private DigestWebhook() {
    }

    static WebhookMessage message(String key, DailyDigest d, String consoleBaseUrl, Instant now) {
        List<WebhookMessage.Fact> facts = new ArrayList<>();
        StringBuilder levels = new StringBuilder().append("共 ").append(d.newAlertCount()).append(" 条");
        List<String> parts = new ArrayList<>();
        for (RiskLevel level : RiskLevel.values()) {
            long n = d.newAlertsByLevel().getOrDefault(level, 0L);
            if (n > 0) {
                parts.add(level.label() + " " + n);
            }
        }
        if (!parts.isEmpty()) {
            levels.append("（").append(String.join("，", parts.reversed())).append("）");
        }
        facts.add(new WebhookMessage.Fact("当日新增预警", levels.toString()));
        if (!d.risers().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (DailyDigest.EnterpriseRise r : d.risers().subList(0, Math.min(NAMED, d.risers().size()))) {
                names.add(r.name() + "（" + r.alertsToday() + " 条）");
            }
            facts.add(new WebhookMessage.Fact("风险上升企业", String.join("、", names)));
        }
        facts.add(new WebhookMessage.Fact("未办结", d.openCases() + " 件，其中超期（" + DigestRenderer.hours(d.overdueAfter())
                + "以上）" + d.overdue().size() + " 件"));
        for (Alert a : d.overdue().subList(0, Math.min(NAMED, d.overdue().size()))) {
            facts.add(new WebhookMessage.Fact("超期", a.enterpriseName() + "：" + a.title()));
        }
        DailyDigest.Handling h = d.handling();
        String median = h.medianTimeToClose() == null ? "—" : DigestRenderer.hours(h.medianTimeToClose());
        facts.add(new WebhookMessage.Fact("近 " + DigestBuilder.HANDLING_DAYS + " 天办结率", String.format(Locale.ROOT,
                "%.0f%%（%d/%d），办结时长中位数 %s", 100 * h.closeRate(), h.closed(), h.raised(), median)));
        String desk = d.deskName() == null || d.deskName().isBlank() ? "全部" : d.deskName();
        return new WebhookMessage(key, WebhookMessage.Kind.DIGEST, 0, RiskLevel.BLUE, "", desk + " " + d.date(),
                List.of(), "", consoleBaseUrl.replaceAll("/+$", "") + "/alerts", now, facts);
    }
}
