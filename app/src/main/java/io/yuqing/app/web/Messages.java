package io.yuqing.app.web;

import io.javalin.http.Context;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.util.Locale;
import java.util.Map;

/**
 * The console's fixed strings in Chinese (default) and English, chosen by the {@code lang} cookie. Crawled text is
 * never translated; risk categories, levels and statuses have their English labels here because their Chinese
 * labels live in core.
 */
final class Messages {
    static final String COOKIE = "lang";
    static final Messages ZH = new Messages("zh-CN", Map.ofEntries());
    static final Messages EN = new Messages("en", englishTable());

    private final String htmlLang;
    private final Map<String, String> english;

    private Messages(String htmlLang, Map<String, String> english) {
        this.htmlLang = htmlLang;
        this.english = english;
    }

    /** The table for a request: English only when the cookie says so. */
    static Messages of(Context ctx) {
        return "en".equals(ctx.cookie(COOKIE)) ? EN : ZH;
    }

    boolean english() {
        return this == EN;
    }

    String htmlLang() {
        return htmlLang;
    }

    /** The string for a key: the key itself is the Chinese text, so a missing English entry falls back to Chinese. */
    String t(String zh) {
        return english() ? english.getOrDefault(zh, zh) : zh;
    }

    String level(RiskLevel level) {
        return english() ? switch (level) {
            case NONE -> "None";
            case BLUE -> "Blue";
            case YELLOW -> "Yellow";
            case ORANGE -> "Orange";
            case RED -> "Red";
        } : level.label();
    }

    String status(AlertStatus status) {
        return english() ? switch (status) {
            case NEW -> "New";
            case ACKNOWLEDGED -> "Acknowledged";
            case ASSIGNED -> "Assigned";
            case RESOLVED -> "Resolved";
            case FALSE_POSITIVE -> "False positive";
        } : status.label();
    }

    String category(RiskCategory category) {
        return english() ? category.code().replace('-', ' ').toLowerCase(Locale.ROOT) : category.label();
    }

    private static Map<String, String> englishTable() {
        return Map.ofEntries(
                Map.entry("涉企舆情风险监测", "Enterprise News Risk Monitor"),
                Map.entry("舆情风险监测", "News Risk Monitor"),
                Map.entry("风险预警", "Alerts"),
                Map.entry("事件升级", "Escalations"),
                Map.entry("全文检索", "Search"),
                Map.entry("企业名单", "Watchlist"),
                Map.entry("监测企业名单", "Watchlist"),
                Map.entry("监测源", "Sources"),
                Map.entry("发件箱", "Outbox"),
                Map.entry("接口文档", "API"),
                Map.entry("退出登录", "Log out"),
                Map.entry("管理员", "admin"),
                Map.entry("部门成员", "desk member"),
                Map.entry("只读", "read only"),
                Map.entry("全部", "All"),
                Map.entry("全部级别", "All levels"),
                Map.entry("全部状态", "All statuses"),
                Map.entry("未处理（待处理+已确认）", "Open (new + acknowledged)"),
                Map.entry("全部部门", "All desks"),
                Map.entry("全部类别", "All categories"),
                Map.entry("全部区县", "All districts"),
                Map.entry("全部企业", "All enterprises"),
                Map.entry("预警级别", "Level"),
                Map.entry("处理状态", "Status"),
                Map.entry("部门", "Desk"),
                Map.entry("企业", "Enterprise"),
                Map.entry("风险类别", "Category"),
                Map.entry("区县", "District"),
                Map.entry("起始日期", "From"),
                Map.entry("截止日期", "To"),
                Map.entry("筛选", "Filter"),
                Map.entry("清除筛选", "Clear filters"),
                Map.entry("时间", "Time"),
                Map.entry("级别", "Level"),
                Map.entry("标题", "Title"),
                Map.entry("分数", "Score"),
                Map.entry("状态", "Status"),
                Map.entry("选择", "Select"),
                Map.entry("全选本页", "Select all on this page"),
                Map.entry("批量确认", "Acknowledge selected"),
                Map.entry("暂无符合条件的预警。", "No alerts match."),
                Map.entry("共", "Total"),
                Map.entry("条", ""),
                Map.entry("上一页", "Previous"),
                Map.entry("下一页", "Next"),
                Map.entry("有 {n} 条新预警，点击刷新", "{n} new alerts, click to refresh"),
                Map.entry("已确认 {n} 条预警，{m} 条未变（已处理或无权限）。", "{n} alerts acknowledged, {m} unchanged (already handled or not allowed)."),
                Map.entry("没有选中任何预警。", "No alert was selected."),
                Map.entry("日期格式应为 年-月-日，例如 2025-03-01；已忽略：", "Dates are written year-month-day, e.g. 2025-03-01; ignored: "),
                Map.entry("企业档案", "Enterprise"),
                Map.entry("简称", "Short names"),
                Map.entry("别名", "Aliases"),
                Map.entry("统一社会信用代码", "Credit code"),
                Map.entry("行业", "Industry"),
                Map.entry("企业名称", "Name"),
                Map.entry("近 30 天风险走势", "Risk over the last 30 days"),
                Map.entry("柱：每日预警数；折线：风险指数（0–100，近期预警越多越高，随时间衰减，半衰期 3 天）",
                        "Bars: alerts per day; line: risk index (0–100; rises with recent alerts, decays with a 3-day half-life)"),
                Map.entry("预警数", "alerts"),
                Map.entry("风险指数", "risk index"),
                Map.entry("未处理预警", "Open alerts"),
                Map.entry("近期报道", "Recent items"),
                Map.entry("暂无未处理预警。", "No open alerts."),
                Map.entry("索引中暂无相关报道。", "No items in the index."),
                Map.entry("查看全部预警", "All alerts of this enterprise"),
                Map.entry("企业不存在", "No such enterprise"),
                Map.entry("名单中没有这家企业。", "This enterprise is not on the watchlist."),
                Map.entry("导出名单（CSV）", "Export watchlist (CSV)"),
                Map.entry("检索", "Search"),
                Map.entry("篇文档", "documents"),
                Map.entry("来源", "Source"),
                Map.entry("日期", "Day"),
                Map.entry("当前筛选", "Filters"),
                Map.entry("检索式有误：", "The query is not valid: "),
                Map.entry("例如：欠薪 AND 云帆", "e.g. 欠薪 AND 云帆"),
                Map.entry("页面不存在", "Page not found"),
                Map.entry("没有找到这个页面。", "There is no such page."),
                Map.entry("返回预警列表", "Back to the alerts"),
                Map.entry("无权访问", "Not allowed"),
                Map.entry("仅管理员可以导出企业名单。", "Only administrators may export the watchlist."));
    }
}
