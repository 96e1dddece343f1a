package io.yuqing.app.web;

import io.javalin.http.Context;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.util.Locale;
import java.util.Map;

/**
 * The console's fixed strings in Chinese (default) and English, chosen by the {@code lang} cookie. The key is the
 * Chinese text itself, so pages read naturally and a string is found by grepping for it; every fixed string of a page
 * goes through {@link #t} (MessagesCoverageTest checks each Chinese literal of this package has an English entry).
 * Crawled text and configured names are never translated; risk categories, levels and statuses have their English
 * labels here because their Chinese labels live in core. Keys with markup (&lt;b&gt;, &lt;code&gt;) are fixed text
 * and are rendered unescaped, as their Chinese is.
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

    /** The string for a key with its placeholders {0}, {1} … filled in order (values are not translated). */
    String t(String zh, Object... values) {
        String text = t(zh);
        for (int i = 0; i < values.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(values[i]));
        }
        return text;
    }

    /** Separates the items of a list: 、 in Chinese, a comma in English. */
    String separator() {
        return english() ? ", " : "、";
    }

    /** A remark in brackets after a word: full-width in Chinese, spaced ASCII in English. */
    String paren(String inner) {
        return english() ? " (" + inner + ")" : "（" + inner + "）";
    }

    /** Introduces what follows a label. */
    String colon() {
        return english() ? ": " : "：";
    }

    /** Whether a key has an English entry (for the test that every fixed string of the console has one). */
    static boolean hasEnglish(String zh) {
        return EN.english.containsKey(zh);
    }

    /** The English table, Chinese key to English text. */
    static Map<String, String> englishEntries() {
        return EN.english;
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
                Map.entry("请检查引号、括号和 AND/OR/NOT 的用法：{0}", "check the quotes, brackets and AND/OR/NOT in {0}"),
                Map.entry("例如：欠薪 AND 云帆", "e.g. arrears AND Yunfan"),
                Map.entry("页面不存在", "Page not found"),
                Map.entry("没有保存这篇文章的网页存档。", "No copy of this page was kept."),
                Map.entry("原文已删除 ({0})", "Original deleted ({0})"),
                Map.entry("原文已修改 ({0})", "Original edited ({0})"),
                Map.entry("；以下为抓取时的留存。", "; below is the copy kept when it was fetched."),
                Map.entry("原文已删除", "Original deleted"),
                Map.entry("原文已修改", "Original edited"),
                Map.entry("系统复查", "Re-check"),
                Map.entry("没有找到这个页面。", "There is no such page."),
                Map.entry("返回预警列表", "Back to the alerts"),
                Map.entry("无权访问", "Not allowed"),
                Map.entry("仅管理员可以导出企业名单。", "Only administrators may export the watchlist."),
                Map.entry("已保存。", "Saved."),
                Map.entry("当前状态下不能执行这个操作。", "This action is not possible in the alert's current status."),
                Map.entry("企业：", "Enterprise: "),
                Map.entry("风险分数：", "Risk score: "),
                Map.entry("风险类别：", "Categories: "),
                Map.entry("状态：", "Status: "),
                Map.entry("预警时间", "Raised"),
                Map.entry("推送部门", "Sent to"),
                Map.entry("查看原文", "Original page"),
                Map.entry("预警依据", "Evidence"),
                Map.entry("处置", "Actions"),
                Map.entry("静默同类预警…", "Silence similar alerts…"),
                Map.entry("分组通知", "Grouped notifications"),
                Map.entry("分组：", "Group: "),
                Map.entry("规则", "Rule"),
                Map.entry("单条预警", "Single alert"),
                Map.entry("（无）", "(none)"),
                Map.entry("接收部门：", "Receiver: "),
                Map.entry("加入分组 {0}", "Joined the group {0}"),
                Map.entry("本条尚未在分组通知中发出", "not yet sent in a group notification"),
                Map.entry("本条尚未发出，预计 {0} 随分组通知发出", "not sent yet; due with the group's notification at {0}"),
                Map.entry("本条在第 {0} 次分组通知中发出", "sent in the group's notification no. {0}"),
                Map.entry("本条在第 {0} 次分组通知中发出（{1}）", "sent in the group's notification no. {0} ({1})"),
                Map.entry("本组已通知 {0} 次，最近一次 {1}", "group notified {0} times, last at {1}"),
                Map.entry("下次查看 {0}", "next look at {0}"),
                Map.entry("本组暂无其他预警。", "No other alerts in this group."),
                Map.entry("本组其他预警（{0} 条）：", "Other alerts of this group ({0}):"),
                Map.entry("（无标题）", "(no title)"),
                Map.entry("尚未发出", "not sent yet"),
                Map.entry("第 {0} 次通知", "notification no. {0}"),
                Map.entry("另有 {0} 条较早的预警未列出。", "{0} older alerts are not listed."),
                Map.entry("处理记录", "Case history"),
                Map.entry("尚无处理记录。", "Nothing recorded yet."),
                Map.entry("传播情况", "Spread"),
                Map.entry("同一报道已被转载 <b>{0}</b> 篇，来自 <b>{1}</b> 个网站。",
                        "The same story appears <b>{0}</b> times, on <b>{1}</b> sites."),
                Map.entry("原文留存", "Stored copy"),
                Map.entry("来源：", "Source: "),
                Map.entry("作者：", "Author: "),
                Map.entry("发布时间：", "Published: "),
                Map.entry("未知", "unknown"),
                Map.entry("抓取时间：", "Fetched: "),
                Map.entry("索引中没有这篇文档的留存。", "The index holds no copy of this document."),
                Map.entry("当前账号为只读（查看）权限，不能处置预警。", "This account is read-only: it cannot act on alerts."),
                Map.entry("确认（核实中）", "Acknowledge (checking)"),
                Map.entry("反馈进展", "Report progress"),
                Map.entry("办结（需填写处置情况）", "Resolve (note required)"),
                Map.entry("标记误报", "Mark false positive"),
                Map.entry("重新打开", "Reopen"),
                Map.entry("交办", "Assign"),
                Map.entry("承办人或部门", "Assignee (person or desk)"),
                Map.entry("期限", "Due"),
                Map.entry("转办", "Reassign"),
                Map.entry("处理人：", "Acting as: "),
                Map.entry("承办：", "Assigned to: "),
                Map.entry("期限：", "Due: "),
                Map.entry("处置意见、进展或备注（办结时必填）", "Disposition, progress or a note (required to resolve)"),
                Map.entry("备注", "Note"),
                Map.entry("确认", "Acknowledged"),
                Map.entry("办结", "Resolved"),
                Map.entry("反馈", "Progress reported"),
                Map.entry("静默（未发送通知）", "Silenced (no notification sent)"),
                Map.entry("事件升级中（并入升级通知）", "Escalating (included in the escalation notice)"),
                Map.entry("夜间延后通知", "Notification held for quiet hours"),
                Map.entry("再次提醒", "Reminder sent"),
                Map.entry("级别提升", "Level raised"),
                Map.entry("生成预警", "Alert raised"),
                Map.entry("yuqing watchlist import 名单.csv", "yuqing watchlist import list.csv"),
                Map.entry("导入名单（CSV）", "Import watchlist (CSV)"),
                Map.entry("导入", "Import"),
                Map.entry("已导入 {0} 家企业（新增 {1} 家）", "Imported {0} enterprises ({1} new)."),
                Map.entry("某企业（或其某类风险）的负面报道数量明显超出其以往水平时记为一次升级，并通知相关部门；报道平息 6 小时后自动解除。",
                        "An escalation is recorded, and the desks told, when negative reports about an enterprise (or one of its risk categories) clearly exceed its usual level; it ends by itself 6 hours after the reports calm down."),
                Map.entry("暂无事件升级。", "No escalations."),
                Map.entry("报道数", "Reports"),
                Map.entry("以往水平预计", "Usually expected"),
                Map.entry("来源数", "Sources"),
                Map.entry("统计窗口", "Window"),
                Map.entry("{0} 小时", "{0} h"),
                Map.entry("{0} 分钟", "{0} min"),
                Map.entry("{0} 天", "{0} days"),
                Map.entry("升级中", "Escalating"),
                Map.entry("已平息 {0}", "Calmed {0}"),
                Map.entry("未配置邮件服务器（smtp.host），预警邮件保留在发件箱中，配置后自动发送。",
                        "No mail server is configured (smtp.host): alert mail waits in the outbox and goes out once one is configured."),
                Map.entry("待发送", "Pending"),
                Map.entry("已发送", "Sent"),
                Map.entry("发送失败", "Failed"),
                Map.entry("收件人：", "To: "),
                Map.entry("渠道：{0}", "Channel: {0}"),
                Map.entry("地址：", "Address: "),
                Map.entry("邮件", "Mail"),
                Map.entry("钉钉机器人", "DingTalk robot"),
                Map.entry("企业微信机器人", "WeCom robot"),
                Map.entry("JSON 推送", "JSON webhook"),
                Map.entry("创建", "created"),
                Map.entry("发送", "sent"),
                Map.entry("最近错误：", "Last error: "),
                Map.entry("重新发送", "Send again"),
                Map.entry("{0} 于 {1} 重新发送", "sent again by {0} at {1}"),
                Map.entry("全部重新发送（{0} 条发送失败）", "Send all {0} failed again"),
                Map.entry("排除故障（如邮件服务器密码、机器人地址）后，可重新发送发送失败的消息。重新发送沿用原消息编号，已收到的一方可识别为重复。",
                        "Once the cause is fixed (a mail server password, a robot's address), failed deliveries can be sent again. "
                                + "They keep their original message ID, so a receiver that already has one can recognise the copy."),
                Map.entry("已重新发送，稍后即可在列表中看到结果。", "Sent again; the outcome shows in the list shortly."),
                Map.entry("已重新发送 {0} 条发送失败的消息。", "{0} failed deliveries sent again."),
                Map.entry("消息不存在", "No such delivery"),
                Map.entry("发件箱中没有这条消息。", "The outbox has no such delivery."),
                Map.entry("无法重新发送", "Not sent again"),
                Map.entry("只有发送失败的消息可以重新发送；这条消息目前是「{0}」，不会再发一次。",
                        "Only failed deliveries can be sent again; this one is \"{0}\" and is not sent a second time."),
                Map.entry("只有管理员可以重新发送发送失败的消息。", "Only administrators can send failed deliveries again."),
                Map.entry("邮件正文", "Mail text"),
                Map.entry("无法显示发件箱", "Cannot show the outbox"),
                Map.entry("无法识别的状态「{0}」：可选 pending（待发送）、sent（已发送）、dead（发送失败），不填为全部。",
                        "Status \"{0}\" is not understood: use pending, sent or dead, or leave it out for all."),
                Map.entry("每页条数（limit）须为 1 到 {0} 之间的整数：{1}", "limit must be a whole number from 1 to {0}: {1}"),
                Map.entry("翻页参数 before 须为消息编号（正整数）：{0}", "before must be a delivery id (a positive whole number): {0}"),
                Map.entry("发件箱中没有编号为 {0} 的消息，无法从它往后翻页。", "The outbox has no delivery {0} to page on from."),
                Map.entry("更早的消息", "Older"),
                Map.entry("回到最新", "Back to the newest"),
                Map.entry("没有符合条件的消息。", "No deliveries match."),
                Map.entry("从编号 {0} 之后的消息开始，按创建时间从新到旧，每页 {1} 条。",
                        "Deliveries after number {0}, newest first, {1} a page."),
                Map.entry("最新的消息在前，每页 {0} 条。", "Newest first, {0} a page."),
                Map.entry("登录", "Log in"),
                Map.entry("用户名", "User name"),
                Map.entry("密码", "Password"),
                Map.entry("忘记密码或账号被锁定，请联系系统管理员。连续输错 {0} 次密码，账号将锁定 {1} 分钟。",
                        "Forgotten password or locked account: ask your system administrator. After {0} wrong passwords in a row the account is locked for {1} minutes."),
                Map.entry("登录表单已过期，请重新输入。", "The login form expired; please enter your details again."),
                Map.entry("用户名或密码错误。", "Wrong user name or password."),
                Map.entry("密码错误次数过多，账号已锁定，请于 {0} 之后再试，或联系管理员。",
                        "Too many wrong passwords: the account is locked. Try again after {0}, or ask an administrator."),
                Map.entry("登录失败次数过多，请于 {0} 之后再试。", "Too many failed logins: try again after {0}."),
                Map.entry("静默", "Silences"),
                Map.entry("分发规则", "Routing"),
                Map.entry("服务器内部错误", "Server error"),
                Map.entry("请稍后重试；如果问题持续，请联系管理员并提供时间点。",
                        "Please try again later; if it keeps happening, tell an administrator the time it happened."),
                Map.entry("请求被拒绝", "Request refused"),
                Map.entry("登录已过期，请重新登录后再试。", "Your login has expired; log in again and retry."),
                Map.entry("表单已过期或来自其他网站（CSRF 校验失败）。请刷新页面后重试。",
                        "The form expired or came from another site (CSRF check failed). Reload the page and try again."),
                Map.entry("无权操作", "Not allowed"),
                Map.entry("当前账号为只读（查看）权限，不能设置静默。", "This account is read-only: it cannot set silences."),
                Map.entry("静默时长须为 {0} 小时之一。", "The silence must last one of {0} hours."),
                Map.entry("未知的风险类别：{0}", "Unknown risk category: {0}"),
                Map.entry("未知的预警级别：{0}（可选 blue、yellow、orange、red）",
                        "Unknown warning level: {0} (blue, yellow, orange or red)"),
                Map.entry("请填写静默原因", "Please give a reason for the silence."),
                Map.entry("无法设置静默", "Silence not set"),
                Map.entry("无法解除", "Cannot end the silence"),
                Map.entry("没有这条静默规则，或当前账号为只读权限。", "There is no such silence, or this account is read-only."),
                Map.entry("只有管理员可以导入企业名单。", "Only administrators may import the watchlist."),
                Map.entry("无法导入", "Import failed"),
                Map.entry("请选择一个 CSV 文件。", "Please choose a CSV file."),
                Map.entry("文件超过 10 MB。", "The file is larger than 10 MB."),
                Map.entry("文件不是 UTF-8 编码。在 Excel 中请另存为「CSV UTF-8（逗号分隔）」。",
                        "The file is not UTF-8. In Excel, save it as \"CSV UTF-8 (Comma delimited)\"."),
                Map.entry("发件箱包含所有部门的预警邮件，仅管理员和查看账号可以查看。",
                        "The outbox holds every desk's alert mail: only administrators and viewers may see it."),
                Map.entry("预警不存在", "No such alert"),
                Map.entry("没有这个预警，或它不属于您所在的部门。", "There is no such alert, or it belongs to another desk."),
                Map.entry("无法完成操作", "Action not completed"),
                Map.entry("没有这个预警。", "There is no such alert."),
                Map.entry("操作不存在", "No such action"),
                Map.entry("不支持这个操作。", "This action is not supported."),
                Map.entry("期限日期格式应为 2026-11-30", "Write the due date as year-month-day, e.g. 2026-11-30."),
                Map.entry("交办需填写承办人或承办部门 (an assignment needs an assignee)",
                        "An assignment needs an assignee (a person or a desk)."),
                Map.entry("承办人不能超过 200 个字 (assignee too long)", "The assignee may be at most 200 characters long."),
                Map.entry("反馈需填写进展情况 (feedback needs a note)", "Reporting progress needs a note."),
                Map.entry("办结需填写处置情况 (resolving needs a disposition note)",
                        "Resolving needs a note on how the case was handled."),
                Map.entry("静默规则", "Silences"),
                Map.entry("静默已设置", "Silence set."),
                Map.entry("静默已解除", "Silence ended."),
                Map.entry("这条静默已不存在", "That silence no longer exists."),
                Map.entry("静默期间，符合条件的预警照常记录、可在控制台查看，但不发送邮件通知。到期自动失效，也可提前解除。",
                        "While a silence lasts, matching alerts are recorded and shown in the console as usual, but no mail is sent. It ends by itself when it expires, or earlier when lifted."),
                Map.entry("当前没有生效的静默规则。", "No silence is in force."),
                Map.entry("条件", "Matches"),
                Map.entry("说明", "Reason"),
                Map.entry("设置人", "Set by"),
                Map.entry("开始", "Starts"),
                Map.entry("结束", "Ends"),
                Map.entry("解除", "End now"),
                Map.entry("新建静默", "New silence"),
                Map.entry("任意企业", "Any enterprise"),
                Map.entry("任意类别", "Any category"),
                Map.entry("任意级别", "Any level"),
                Map.entry("任意部门", "Any desk"),
                Map.entry("任意来源", "Any source"),
                Map.entry("时长", "Duration"),
                Map.entry("原因（必填），如：已核实为同一事件的重复报道", "Reason (required), e.g. checked: repeated reports of one event"),
                Map.entry("原因", "Reason"),
                Map.entry("设置静默", "Set silence"),
                Map.entry("类别：", "Category: "),
                Map.entry("级别：", "Level: "),
                Map.entry("部门：", "Desk: "),
                Map.entry("分发与规则", "Routing and rules"),
                Map.entry("预警级别（四级预警）", "Warning levels (four levels)"),
                Map.entry("风险分数达到 <b>{0}</b> 为蓝色预警，<b>{1}</b> 为黄色预警，<b>{2}</b> 为橙色预警，<b>{3}</b> 为红色预警。",
                        "A risk score of <b>{0}</b> makes a blue alert, <b>{1}</b> yellow, <b>{2}</b> orange, <b>{3}</b> red. "),
                Map.entry("分数由报道中的风险证据（词语、类别、是否在标题）综合得出，否认、辟谣、已妥善解决等表述不计入。",
                        "The score combines the risk evidence in an item (terms, categories, whether in the title); denials, rebuttals and reports of a settled matter do not count."),
                Map.entry("部门分发", "Desks"),
                Map.entry("收件人", "Recipients"),
                Map.entry("接收的风险类别", "Categories received"),
                Map.entry("最低级别", "Lowest level"),
                Map.entry("跟进规则", "Follow-up"),
                Map.entry("红色预警 {0} 内无人确认，再次提醒", "A red alert nobody acknowledges within {0} is notified again"),
                Map.entry("，并抄送 {0}", ", with a copy to {0}"),
                Map.entry("。", "."),
                Map.entry("预警超过 {0} 未办结（或超过交办期限）列为超期，写入每日简报。",
                        "An alert not resolved within {0} (or past its due date) is overdue and listed in the daily digest."),
                Map.entry("每日 {0}（{1}）向各部门发送前一日舆情简报。", "Every day at {0} ({1}) each desk gets a digest of the day before."),
                Map.entry("标记为误报后，同一企业、同样证据的报道 {0} 内不再预警。",
                        "After a false positive, items about the same enterprise with the same evidence raise no alert for {0}."),
                Map.entry("某企业报道量明显超出其以往水平时记为事件升级，单条预警并入升级通知，不再逐条发送。",
                        "When reports about an enterprise clearly exceed its usual level, an escalation is recorded and its single alerts go out within the escalation notice instead of one by one."),
                Map.entry("夜间 {0}–{1} 低于{2}的预警延至早上发送；红色预警随时发送。",
                        "At night, {0}–{1}, alerts below {2} wait until the morning; red alerts go out at any time."));
    }
}
