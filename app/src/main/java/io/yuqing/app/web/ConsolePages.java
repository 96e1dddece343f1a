package io.yuqing.app.web;

import io.yuqing.core.text.Html;

import io.javalin.http.Context;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.outbox.OutboxQueries;
import io.yuqing.alerting.review.AlertAction;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.DocumentRevision;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.state.SourceState;
import io.yuqing.indexer.store.InvalidQueryException;
import io.yuqing.indexer.store.SearchHit;
import io.yuqing.indexer.store.SearchQuery;
import io.yuqing.indexer.store.SearchResults;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.yuqing.core.text.Html.escape;

/** Server-rendered console pages, zh-CN or English (fixed strings through {@link Messages}). Every crawled string is escaped with {@link Html}. */
final class ConsolePages {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(CHINA);
    private static final int PAGE_SIZE = 50;

    private final YuqingService service;
    private final OutboxQueries outbox;

    private final InboxQueries inbox;

    ConsolePages(YuqingService service) {
        this.service = service;
        this.inbox = new InboxQueries(service.database().dataSource(), service::watchlist, CHINA);
        this.outbox = new OutboxQueries(service.database().dataSource());
    }

    InboxQueries inbox() {
        return inbox;
    }

    String alertList(Context ctx, Caller who) {
        Messages m = who.messages();
        InboxFilter filter = InboxFilter.from(ctx).restrictTo(who.user());
        int offset = Math.max(0, ConsoleServer.intParam(ctx, "offset", 0));
        List<Alert> alerts = inbox.list(filter, offset, PAGE_SIZE);
        Map<RiskLevel, Long> counts = inbox.countsByLevel(filter.withLevel(null));
        long total = filter.level() == null ? counts.values().stream().mapToLong(Long::longValue).sum()
                : counts.getOrDefault(filter.level(), 0L);
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(escape(m.t("风险预警"))).append("</h1>");
        // The poller (console.js) compares the newest id under this filter with this marker.
        b.append("<div id=\"new-alerts\" class=\"notice\" hidden data-summary=\"")
                .append(filter.link("/api/alerts/summary", 0)).append("&amp;after=").append(inbox.newestId(filter))
                .append("\" data-text=\"").append(escape(m.t("有 {n} 条新预警，点击刷新"))).append("\"></div>");
        bulkNotice(ctx, m, b);
        for (String bad : filter.ignored()) {
            b.append("<div class=\"notice\">").append(escape(m.t("日期格式应为 年-月-日，例如 2025-03-01；已忽略："))).append(escape(bad)).append("</div>");
        }
        b.append("<div class=\"counts\">");
        b.append(countChip(escape(m.t("全部")), counts.values().stream().mapToLong(Long::longValue).sum(),
                filter.withLevel(null).link("/alerts", 0), filter.level() == null));
        for (RiskLevel level : List.of(RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.BLUE)) {
            b.append(countChip(levelBadge(level, m), counts.getOrDefault(level, 0L), filter.withLevel(level).link("/alerts", 0),
                    level == filter.level()));
        }
        b.append("</div>");
        b.append(inboxFilters(filter, who));
        if (alerts.isEmpty()) {
            b.append("<div class=\"empty\">").append(escape(m.t("暂无符合条件的预警。"))).append("</div>");
            return layout(m.t("风险预警"), "alerts", b.toString(), Refresh.POLL, who);
        }
        boolean canAct = who.user().canAct();
        if (canAct) {
            b.append("<form method=\"post\" action=\"/alerts/bulk\" id=\"bulk\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(who.csrfToken())).append("\">")
                    .append("<input type=\"hidden\" name=\"back\" value=\"").append(filter.link("/alerts", offset)).append("\">");
        }
        b.append("<table><thead><tr>");
        if (canAct) {
            b.append("<th><input type=\"checkbox\" id=\"select-all\" aria-label=\"").append(escape(m.t("全选本页"))).append("\"></th>");
        }
        for (String h : List.of("时间", "级别", "企业", "标题", "风险类别", "分数", "状态", "部门")) {
            b.append("<th>").append(escape(m.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (Alert a : alerts) {
            b.append("<tr>");
            if (canAct) {
                b.append("<td><input type=\"checkbox\" name=\"id\" value=\"").append(a.id()).append("\" aria-label=\"")
                        .append(escape(m.t("选择"))).append(' ').append(escape(Html.abbreviate(a.title(), 40))).append("\"></td>");
            }
            b.append("<td class=\"meta\">").append(TIME.format(a.createdAt())).append("</td>")
                    .append("<td>").append(levelBadge(a.level(), m)).append("</td>")
                    .append("<td><a href=\"/enterprises/").append(enc(a.enterpriseId())).append("\">").append(escape(a.enterpriseName())).append("</a></td>")
                    .append("<td><a href=\"/alerts/").append(a.id()).append("\">").append(escape(a.title())).append("</a></td>")
                    .append("<td>").append(categoryLabels(a.categories(), m)).append("</td>")
                    .append("<td>").append(a.score()).append("</td>")
                    .append("<td>").append(statusBadge(a.status(), m)).append("</td>")
                    .append("<td>").append(deskNames(a.deskIds(), m)).append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (canAct) {
            b.append("<p><button type=\"submit\" id=\"bulk-acknowledge\" name=\"action\" value=\"acknowledge\">")
                    .append(escape(m.t("批量确认"))).append("</button></p></form>");
        }
        b.append("<div class=\"pager\"><span class=\"meta\">").append(escape(m.t("共"))).append(' ').append(total).append(' ')
                .append(escape(m.t("条"))).append("</span>");
        if (offset > 0) {
            b.append("<a href=\"").append(filter.link("/alerts", Math.max(0, offset - PAGE_SIZE))).append("\">").append(escape(m.t("上一页"))).append("</a>");
        }
        if (offset + PAGE_SIZE < total) {
            b.append("<a href=\"").append(filter.link("/alerts", offset + PAGE_SIZE)).append("\">").append(escape(m.t("下一页"))).append("</a>");
        }
        b.append("</div>");
        return layout(m.t("风险预警"), "alerts", b.toString(), Refresh.POLL, who);
    }

    private static void bulkNotice(Context ctx, Messages m, StringBuilder b) {
        String done = ctx.queryParam("acked");
        String skipped = ctx.queryParam("skipped");
        if (done != null && skipped != null && done.matches("\\d{1,4}") && skipped.matches("\\d{1,4}")) {
            String text = done.equals("0") && skipped.equals("0") ? m.t("没有选中任何预警。")
                    : m.t("已确认 {n} 条预警，{m} 条未变（已处理或无权限）。").replace("{n}", done).replace("{m}", skipped);
            b.append("<div class=\"notice\" role=\"status\">").append(escape(text)).append("</div>");
        }
    }

    private String inboxFilters(InboxFilter filter, Caller who) {
        Messages m = who.messages();
        StringBuilder b = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/alerts\">");
        var levels = new java.util.ArrayList<Map.Entry<String, String>>();
        levels.add(Map.entry("", m.t("全部级别")));
        for (RiskLevel level : List.of(RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.BLUE)) {
            levels.add(Map.entry(level.code(), m.level(level)));
        }
        b.append(select("level", m.t("预警级别"), filter.level() == null ? "" : filter.level().code(), levels));
        var statusOptions = new java.util.ArrayList<Map.Entry<String, String>>();
        statusOptions.add(Map.entry("", m.t("全部状态")));
        statusOptions.add(Map.entry(InboxFilter.OPEN, m.t("未处理（待处理+已确认）")));
        for (AlertStatus s : AlertStatus.values()) {
            statusOptions.add(Map.entry(s.code(), m.status(s)));
        }
        b.append(select("status", m.t("处理状态"), filter.openOnly() ? InboxFilter.OPEN : filter.status() == null ? "" : filter.status().code(), statusOptions));
        var deskOptions = new java.util.ArrayList<Map.Entry<String, String>>();
        deskOptions.add(Map.entry("", m.t("全部部门")));
        for (DeskConfig d : service.config().desks()) {
            if (who.user().role() == Role.DESK && !d.id().equals(who.user().deskId())) {
                continue;
            }
            deskOptions.add(Map.entry(d.id(), d.name()));
        }
        b.append(select("desk", m.t("部门"), filter.deskId() == null ? "" : filter.deskId(), deskOptions));
        var categories = new java.util.ArrayList<Map.Entry<String, String>>();
        categories.add(Map.entry("", m.t("全部类别")));
        for (RiskCategory c : RiskCategory.values()) {
            categories.add(Map.entry(c.code(), m.category(c)));
        }
        b.append(select("category", m.t("风险类别"), filter.category() == null ? "" : filter.category().code(), categories));
        var enterprises = new java.util.ArrayList<Map.Entry<String, String>>();
        enterprises.add(Map.entry("", m.t("全部企业")));
        var districts = new java.util.TreeSet<String>();
        for (Enterprise e : service.watchlist()) {
            enterprises.add(Map.entry(e.id(), e.name()));
            if (e.district() != null && !e.district().isBlank()) {
                districts.add(e.district());
            }
        }
        b.append(select("enterprise", m.t("企业"), filter.enterpriseId() == null ? "" : filter.enterpriseId(), enterprises));
        var districtOptions = new java.util.ArrayList<Map.Entry<String, String>>();
        districtOptions.add(Map.entry("", m.t("全部区县")));
        districts.forEach(d -> districtOptions.add(Map.entry(d, d)));
        b.append(select("district", m.t("区县"), filter.district() == null ? "" : filter.district(), districtOptions));
        b.append("<label>").append(escape(m.t("起始日期"))).append(" <input type=\"date\" name=\"from\" value=\"")
                .append(filter.from() == null ? "" : filter.from()).append("\"></label>");
        b.append("<label>").append(escape(m.t("截止日期"))).append(" <input type=\"date\" name=\"to\" value=\"")
                .append(filter.to() == null ? "" : filter.to()).append("\"></label>");
        b.append("<button type=\"submit\">").append(escape(m.t("筛选"))).append("</button>");
        b.append("<a href=\"/alerts\">").append(escape(m.t("清除筛选"))).append("</a></form>");
        return b.toString();
    }

    String alertDetail(Alert a, String msg, Caller who) throws java.io.IOException {
        Messages m = who.messages();
        List<String> terms = a.evidence().stream().map(Evidence::term).distinct().toList();
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"/alerts\">← ").append(escape(m.t("返回预警列表"))).append("</a></p>");
        if ("done".equals(msg)) {
            b.append("<div class=\"notice\">").append(escape(m.t("已保存。"))).append("</div>");
        } else if ("invalid".equals(msg)) {
            b.append("<div class=\"notice\">").append(escape(m.t("当前状态下不能执行这个操作。"))).append("</div>");
        }
        b.append("<h1>").append(levelBadge(a.level(), m)).append(' ').append(escape(a.title())).append("</h1>");
        b.append("<div class=\"card\"><p><b>").append(escape(m.t("企业："))).append("</b>").append(escape(a.enterpriseName()))
                .append(" &nbsp; <b>").append(escape(m.t("风险分数："))).append("</b>").append(a.score())
                .append(" &nbsp; <b>").append(escape(m.t("风险类别："))).append("</b>").append(categoryLabels(a.categories(), m))
                .append(" &nbsp; <b>").append(escape(m.t("状态："))).append("</b>").append(statusBadge(a.status(), m)).append("</p>")
                .append("<p class=\"meta\">").append(escape(m.t("预警时间"))).append(' ').append(TIME.format(a.createdAt()))
                .append(" · ").append(escape(m.t("推送部门"))).append(' ').append(deskNames(a.deskIds(), m))
                .append(" · ").append(escape(m.t("来源"))).append(' ').append(escape(sourceNames().getOrDefault(a.sourceId(), a.sourceId())))
                .append(" · <a href=\"").append(Html.hrefOrHash(a.url())).append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">")
                .append(escape(m.t("查看原文"))).append("</a></p></div>");

        b.append("<h2>").append(escape(m.t("预警依据"))).append("</h2><div class=\"card\"><ul class=\"evidence\">");
        for (Evidence e : a.evidence()) {
            b.append("<li><b>").append(escape(e.term())).append("</b>").append(escape(m.paren(m.category(e.category()))))
                    .append(e.inTitle() ? " <span class=\"meta\">" + escape(m.t("标题")) + "</span>" : "")
                    .append(escape(m.colon())).append(Html.highlight(e.sentence(), List.of(e.term()))).append("</li>");
        }
        b.append("</ul></div>");

        b.append("<h2>").append(escape(m.t("处置"))).append("</h2><div class=\"card actions\">");
        b.append(actionForm(a, who));
        if (who.user().canAct()) {
            b.append("<p><a id=\"silence-similar\" href=\"/silences?enterprise=").append(escape(java.net.URLEncoder.encode(a.enterpriseId(),
                    java.nio.charset.StandardCharsets.UTF_8))).append(a.categories().isEmpty() ? "" : "&amp;category=" + a.categories().getFirst().code())
                    .append("\">").append(escape(m.t("静默同类预警…"))).append("</a></p>");
        }
        b.append("</div>");

        b.append(groupsSection(a, who));

        b.append("<h2>").append(escape(m.t("处理记录"))).append("</h2><div class=\"card\"><ul class=\"timeline\">");
        List<AlertAction> history = service.reviews().history(a.id());
        List<DocumentRevision> revisions = service.revisions().of(a.documentId());
        if (history.isEmpty() && revisions.isEmpty()) {
            b.append("<li class=\"meta\">").append(escape(m.t("尚无处理记录。"))).append("</li>");
        }
        // What happened to the original (edits, 删帖) stands in the timeline at its time, among the staff's actions.
        java.util.Iterator<DocumentRevision> pending = revisions.iterator();
        DocumentRevision nextRevision = pending.hasNext() ? pending.next() : null;
        for (AlertAction action : history) {
            while (nextRevision != null && nextRevision.detectedAt().isBefore(action.at())) {
                b.append(revisionEntry(nextRevision, m));
                nextRevision = pending.hasNext() ? pending.next() : null;
            }
            b.append("<li><span class=\"meta\">").append(TIME.format(action.at())).append("</span> ")
                    .append(escape(action.actor())).append(" · ").append(escape(m.t(actionLabel(action.action()))));
            if (action.toStatus() != null) {
                b.append(" → ").append(statusBadge(action.toStatus(), m));
            }
            if (action.note() != null && !action.note().isBlank()) {
                b.append(escape(m.colon())).append(auditNote(action));
            }
            b.append("</li>");
        }
        while (nextRevision != null) {
            b.append(revisionEntry(nextRevision, m));
            nextRevision = pending.hasNext() ? pending.next() : null;
        }
        b.append("</ul></div>");

        service.clusters().clusterOf(a.documentId()).filter(c -> c.size() > 1).ifPresent(c -> b.append("<h2>").append(escape(m.t("传播情况"))).append("</h2>")
                .append("<div class=\"card\">").append(m.t("同一报道已被转载 <b>{0}</b> 篇，来自 <b>{1}</b> 个网站。", c.size(), c.distinctHosts()))
                .append("</div>"));

        Optional<ScoredDocument> doc = service.store().get(a.documentId());
        b.append("<h2>").append(escape(m.t("原文留存"))).append("</h2><div class=\"card\">");
        b.append(originalStatus(revisions, m));
        b.append(PageCopyPage.link(service, a.documentId(), who));
        if (doc.isPresent()) {
            var d = doc.get().document();
            b.append("<p class=\"meta\">").append(escape(d.outlet().isEmpty() ? "" : m.t("来源：") + d.outlet() + " · "))
                    .append(d.author().isEmpty() ? "" : escape(m.t("作者：")) + escape(d.author()) + " · ")
                    .append(escape(m.t("发布时间："))).append(d.publishedAt() == null ? escape(m.t("未知")) : TIME.format(d.publishedAt()))
                    .append(" · ").append(escape(m.t("抓取时间："))).append(TIME.format(d.fetchedAt())).append("</p>");
            b.append("<div class=\"doc-text\">").append(Html.highlight(d.text(), terms)).append("</div>");
        } else {
            b.append("<p class=\"meta\">").append(escape(m.t("索引中没有这篇文档的留存。"))).append("</p>");
        }
        b.append("</div>");
        return layout(a.title(), "alerts", b.toString(), Refresh.NONE, who);
    }

    /**
     * A group's labels as staff read them, escaped: 企业：青州云帆科技有限公司 (the name, not the id the group is keyed
     * by), categories and levels by name in the page's language.
     */
    static String groupLabels(io.yuqing.alerting.routing.GroupLabels labels, Messages m) {
        if (labels.labels().isEmpty()) {
            return escape(m.t("全部"));
        }
        return labels.labels().stream().map(l -> {
            List<String> shown = new java.util.ArrayList<>();
            for (int i = 0; i < l.values().size(); i++) {
                String code = l.values().get(i);
                shown.add(switch (l.name()) {
                    case "category" -> Arrays.stream(RiskCategory.values()).filter(c -> c.code().equals(code)).findFirst()
                            .map(m::category).orElse(code);
                    case "level" -> Arrays.stream(RiskLevel.values()).filter(v -> v.code().equals(code)).findFirst()
                            .map(m::level).orElse(code);
                    default -> l.shown().get(i);
                });
            }
            return escape(groupLabelName(l.name(), m) + m.colon() + (shown.isEmpty() ? m.t("（无）") : String.join(m.separator(), shown)));
        }).collect(Collectors.joining(" · "));
    }

    private static String groupLabelName(String label, Messages m) {
        return switch (label) {
            case "desk" -> m.t("部门");
            case "district" -> m.t("区县");
            case "industry" -> m.t("行业");
            case "category" -> m.t("风险类别");
            case "level" -> m.t("级别");
            case "enterprise" -> m.t("企业");
            case "rule" -> m.t("规则");
            case "source" -> m.t("来源");
            case "alert" -> m.t("单条预警");
            default -> label;
        };
    }

    /**
     * The notification groups holding the alert (routes with group_by, group wait or repeat): the route and group
     * labels, the receiving desk, when this alert went out in the group's notifications and the group's other alerts,
     * linked. Empty when every route sent it on its own. A desk member sees its own desk's groups only.
     */
    private String groupsSection(Alert a, Caller who) {
        Messages m = who.messages();
        List<io.yuqing.alerting.routing.GroupMembership> groups = service.alerts().groupsOf(a.id()).stream()
                .filter(g -> who.user().seesDesk(g.deskId())).toList();
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>").append(escape(m.t("分组通知"))).append("</h2>");
        for (var g : groups) {
            b.append("<div class=\"card alert-group\" id=\"group-").append(g.groupId()).append("\"><p><b>")
                    .append(escape(m.t("分组："))).append("</b>").append(escape(g.routeName().isBlank() ? "" : g.routeName() + m.separator()))
                    .append(groupLabels(g.labels(), m))
                    .append(" &nbsp; <b>").append(escape(m.t("接收部门："))).append("</b>").append(deskNames(List.of(g.deskId()), m))
                    .append("</p><p class=\"meta\">").append(escape(m.t("加入分组 {0}", TIME.format(g.addedAt())))).append(" · ");
            if (g.notifiedIn() == null) {
                b.append(escape(g.nextAt() == null ? m.t("本条尚未在分组通知中发出")
                        : m.t("本条尚未发出，预计 {0} 随分组通知发出", TIME.format(g.nextAt()))));
            } else if (g.notifiedAt() == null) {
                b.append(escape(m.t("本条在第 {0} 次分组通知中发出", g.notifiedIn())));
            } else {
                b.append(escape(m.t("本条在第 {0} 次分组通知中发出（{1}）", g.notifiedIn(), TIME.format(g.notifiedAt()))));
            }
            if (g.notifications() > 0 && g.lastNotifiedAt() != null) {
                b.append(" · ").append(escape(m.t("本组已通知 {0} 次，最近一次 {1}", g.notifications(), TIME.format(g.lastNotifiedAt()))));
            }
            if (g.nextAt() != null && g.notifiedIn() != null) {
                b.append(" · ").append(escape(m.t("下次查看 {0}", TIME.format(g.nextAt()))));
            }
            b.append("</p>");
            if (g.others().isEmpty()) {
                b.append("<p class=\"meta\">").append(escape(m.t("本组暂无其他预警。"))).append("</p>");
            } else {
                b.append("<p>").append(escape(m.t("本组其他预警（{0} 条）：", g.otherCount()))).append("</p><ul class=\"group-members\">");
                for (var other : g.others()) {
                    b.append("<li>").append(levelBadge(other.level(), m)).append(" <a href=\"/alerts/").append(other.alertId())
                            .append("\">").append(escape(other.enterpriseName())).append(escape(m.colon()))
                            .append(escape(other.title().isBlank() ? m.t("（无标题）") : other.title())).append("</a> ")
                            .append(statusBadge(other.status(), m)).append(" <span class=\"meta\">").append(TIME.format(other.createdAt()))
                            .append(other.notifiedIn() == null ? " · " + escape(m.t("尚未发出"))
                                    : " · " + escape(m.t("第 {0} 次通知", other.notifiedIn()))).append("</span></li>");
                }
                b.append("</ul>");
                if (g.otherCount() > g.others().size()) {
                    b.append("<p class=\"meta\">").append(escape(m.t("另有 {0} 条较早的预警未列出。", g.otherCount() - g.others().size())))
                            .append("</p>");
                }
            }
            b.append("</div>");
        }
        return b.toString();
    }

    /** The original's fate above the stored copy: deleted (with when), or edited since we stored it. */
    private static String originalStatus(List<DocumentRevision> revisions, Messages m) {
        Optional<DocumentRevision> deleted = revisions.stream().filter(r -> r.kind() == DocumentRevision.Kind.DELETED).findFirst();
        if (deleted.isPresent()) {
            return "<div class=\"notice original-deleted\"><b>" + escape(m.t("原文已删除 ({0})", TIME.format(deleted.get().detectedAt())))
                    + "</b> <span class=\"meta\">" + escape(deleted.get().detail()) + escape(m.t("；以下为抓取时的留存。")) + "</span></div>";
        }
        Optional<DocumentRevision> edited = revisions.stream().filter(r -> r.kind() == DocumentRevision.Kind.EDITED)
                .reduce((first, second) -> second);
        return edited.map(r -> "<div class=\"notice original-edited\"><b>" + escape(m.t("原文已修改 ({0})", TIME.format(r.detectedAt())))
                + "</b> <span class=\"meta\">" + escape(r.detail()) + escape(m.t("；以下为抓取时的留存。")) + "</span></div>").orElse("");
    }

    private static String revisionEntry(DocumentRevision r, Messages m) {
        String what = r.kind() == DocumentRevision.Kind.DELETED ? m.t("原文已删除") : m.t("原文已修改");
        return "<li class=\"revision\"><span class=\"meta\">" + TIME.format(r.detectedAt()) + "</span> "
                + escape(m.t("系统复查")) + " · <b>" + escape(what) + "</b>" + escape(m.colon()) + escape(r.detail()) + "</li>";
    }

    /** One form: a note, then a button per action the alert's status allows (核实 → 办结, or 误报). The actor is the logged-in user. */
    private String actionForm(Alert a, Caller who) {
        Messages m = who.messages();
        if (!who.user().canAct()) {
            return "<p class=\"meta\">" + escape(m.t("当前账号为只读（查看）权限，不能处置预警。")) + "</p>";
        }
        StringBuilder buttons = new StringBuilder();
        AlertStatus st = a.status();
        if (st == AlertStatus.NEW) {
            buttons.append(actionButton(a.id(), "acknowledge", m.t("确认（核实中）"), ""));
        }
        boolean open = st == AlertStatus.NEW || st == AlertStatus.ACKNOWLEDGED || st == AlertStatus.ASSIGNED;
        if (st == AlertStatus.ASSIGNED) {
            buttons.append(actionButton(a.id(), "feedback", m.t("反馈进展"), "secondary"));
        }
        if (open) {
            buttons.append(actionButton(a.id(), "resolve", m.t("办结（需填写处置情况）"), ""));
            buttons.append(actionButton(a.id(), "false-positive", m.t("标记误报"), "danger"));
        }
        if (st == AlertStatus.RESOLVED || st == AlertStatus.FALSE_POSITIVE) {
            buttons.append(actionButton(a.id(), "reopen", m.t("重新打开"), "secondary"));
        }
        String assign = !open ? "" : "<fieldset class=\"assign\"><legend>" + escape(m.t("交办")) + "</legend>"
                + "<input type=\"text\" name=\"assignee\" placeholder=\"" + escape(m.t("承办人或部门")) + "\" aria-label=\""
                + escape(m.t("承办人或部门")) + "\" value=\""
                + escape(a.assignee() == null ? "" : a.assignee()) + "\"> "
                + "<label>" + escape(m.t("期限")) + " <input type=\"date\" name=\"due\" aria-label=\"" + escape(m.t("期限")) + "\"></label> "
                + actionButton(a.id(), "assign", m.t(st == AlertStatus.ASSIGNED ? "转办" : "交办"), "secondary") + "</fieldset>";
        return "<form method=\"post\" action=\"/alerts/" + a.id() + "/feedback\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(who.csrfToken()) + "\">"
                + "<p class=\"meta\">" + escape(m.t("处理人：")) + escape(who.user().name())
                + (a.assignee() == null ? "" : " · " + escape(m.t("承办：")) + escape(a.assignee()))
                + (a.dueAt() == null ? "" : " · " + escape(m.t("期限：")) + formatTime(a.dueAt())) + "</p>"
                + "<textarea name=\"note\" placeholder=\"" + escape(m.t("处置意见、进展或备注（办结时必填）")) + "\" aria-label=\""
                + escape(m.t("备注")) + "\"></textarea>"
                + buttons + assign + "</form>";
    }

    /**
     * A note in the case timeline. The alerting module writes its own notes in Chinese when it records them: every
     * note of the system actor (raise, silenced, level raised …) and the assignment line it composes around the
     * reviewer's note (交办：… 期限 …). They are stored text, shown as recorded and marked as Chinese for readers and tools.
     */
    private static String auditNote(AlertAction action) {
        boolean writtenByAlerting = "system".equals(action.actor()) || "assign".equals(action.action());
        return writtenByAlerting ? "<span lang=\"zh-CN\">" + escape(action.note()) + "</span>" : escape(action.note());
    }

    private static String actionButton(long id, String action, String label, String cssClass) {
        return "<button type=\"submit\" formaction=\"/alerts/" + id + "/" + action + "\" class=\"" + cssClass + "\">"
                + escape(label) + "</button> ";
    }

    /** The enterprise page; empty when the id is not on the watchlist. */
    Optional<String> enterprise(String id, Caller who) throws java.io.IOException {
        Messages m = who.messages();
        Optional<Enterprise> found = service.watchlist().stream().filter(e -> e.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Enterprise e = found.get();
        InboxFilter mine = InboxFilter.none().withEnterprise(e.id()).restrictTo(who.user());
        StringBuilder b = new StringBuilder("<p><a href=\"/watchlist\">← ").append(escape(m.t("企业名单"))).append("</a></p>");
        b.append("<h1>").append(escape(e.name())).append("</h1><div class=\"card\"><table class=\"facts\"><tbody>")
                .append(fact(m.t("简称"), String.join(m.separator(), e.shortNames())))
                .append(fact(m.t("别名"), String.join(m.separator(), e.aliases())))
                .append(fact(m.t("区县"), e.district()))
                .append(fact(m.t("行业"), e.industry()))
                .append(fact(m.t("统一社会信用代码"), e.creditCode()))
                .append("</tbody></table><p><a href=\"").append(mine.withDesk(null).link("/alerts", 0)).append("\">")
                .append(escape(m.t("查看全部预警"))).append("</a></p></div>");

        java.time.LocalDate today = service.clock().instant().atZone(CHINA).toLocalDate();
        // Two weeks before the window as well: the risk index carries decayed earlier alerts into its first days.
        java.time.Instant since = today.minusDays(RiskChart.DAYS - 1 + 14).atStartOfDay(CHINA).toInstant();
        List<RiskChart.Day> days = RiskChart.days(inbox.timesAndScores(mine, since), today, CHINA, service.config().scoring().levels());
        b.append("<h2>").append(escape(m.t("近 30 天风险走势"))).append("</h2><div class=\"card\">")
                .append(RiskChart.svg(days, m.t("预警数"), m.t("风险指数")))
                .append("<p class=\"meta\">").append(escape(m.t("柱：每日预警数；折线：风险指数（0–100，近期预警越多越高，随时间衰减，半衰期 3 天）")))
                .append("</p></div>");

        b.append("<h2>").append(escape(m.t("未处理预警"))).append("</h2>");
        List<Alert> open = inbox.list(mine.onlyOpen(), 0, PAGE_SIZE);
        if (open.isEmpty()) {
            b.append("<div class=\"empty\">").append(escape(m.t("暂无未处理预警。"))).append("</div>");
        } else {
            b.append("<table><thead><tr><th>").append(escape(m.t("时间"))).append("</th><th>").append(escape(m.t("级别")))
                    .append("</th><th>").append(escape(m.t("标题"))).append("</th><th>").append(escape(m.t("状态"))).append("</th></tr></thead><tbody>");
            for (Alert a : open) {
                b.append("<tr><td class=\"meta\">").append(TIME.format(a.createdAt())).append("</td><td>").append(levelBadge(a.level(), m))
                        .append("</td><td><a href=\"/alerts/").append(a.id()).append("\">").append(escape(a.title()))
                        .append("</a></td><td>").append(statusBadge(a.status(), m)).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }

        b.append("<h2>").append(escape(m.t("近期报道"))).append("</h2>");
        List<SearchHit> recent;
        try {
            recent = service.store().search(SearchQuery.all().withEnterprise(e.id()).page(0, 10)).hits();
        } catch (InvalidQueryException impossible) {
            // an empty query text has no syntax to get wrong
            recent = List.of();
        }
        if (recent.isEmpty()) {
            b.append("<div class=\"empty\">").append(escape(m.t("索引中暂无相关报道。"))).append("</div>");
        }
        Map<String, String> sourceNames = sourceNames();
        for (SearchHit hit : recent) {
            b.append(hitCard(hit, m, sourceNames));
        }
        return Optional.of(layout(e.name(), "watchlist", b.toString(), Refresh.NONE, who));
    }

    private static String fact(String label, String value) {
        return "<tr><th>" + escape(label) + "</th><td>" + escape(value == null || value.isBlank() ? "—" : value) + "</td></tr>";
    }

    private String hitCard(SearchHit hit, Messages m, Map<String, String> sourceNames) {
        var d = hit.doc().document();
        return "<div class=\"card\"><b><a href=\"" + Html.hrefOrHash(d.url()) + "\" rel=\"noopener noreferrer nofollow\">"
                + escape(d.title()) + "</a></b> " + levelBadge(hit.doc().risk().level(), m)
                + "<p>" + hit.snippetHtml() + "</p><p class=\"meta\">"
                + escape(hit.doc().mentions().stream().map(x -> x.name()).distinct().collect(Collectors.joining(m.separator())))
                + " · " + escape(sourceNames.getOrDefault(d.sourceId(), d.sourceId())) + " · " + TIME.format(d.effectiveTime()) + "</p></div>";
    }

    String search(Context ctx, Caller who) throws java.io.IOException {
        Messages m = who.messages();
        SearchParams p = SearchParams.from(ctx, CHINA);
        StringBuilder b = new StringBuilder("<h1>").append(escape(m.t("全文检索"))).append("</h1>");
        b.append("<form class=\"filters\" method=\"get\" action=\"/search\"><input type=\"search\" name=\"q\" size=\"50\" value=\"")
                .append(escape(p.q())).append("\" placeholder=\"").append(escape(m.t("例如：欠薪 AND 云帆"))).append("\" aria-label=\"")
                .append(escape(m.t("检索"))).append("\">").append(p.hiddenFiltersExceptQuery())
                .append("<button type=\"submit\">").append(escape(m.t("检索"))).append("</button></form>");
        SearchResults results;
        try {
            results = service.store().search(p.query().page(p.offset(), SearchParams.PAGE_SIZE));
        } catch (InvalidQueryException e) {
            // The message is bilingual, with the parser's own (English) detail; an English reader gets the English advice.
            String why = m.english() ? m.t("请检查引号、括号和 AND/OR/NOT 的用法：{0}", e.query()) : e.getMessage();
            b.append("<div class=\"notice\">").append(escape(m.t("检索式有误："))).append(escape(why)).append("</div>");
            return layout(m.t("全文检索"), "search", b.toString(), Refresh.NONE, who);
        }
        Map<String, String> sourceNames = sourceNames();
        b.append("<div class=\"search\"><aside class=\"facets\">");
        Map<String, String> enterpriseNames = service.watchlist().stream()
                .collect(Collectors.toMap(Enterprise::id, Enterprise::name, (x, y) -> x));
        b.append(facet(m.t("企业"), p, "enterprise", p.enterprise(), results.facets().get(SearchResults.ENTERPRISE),
                id -> enterpriseNames.getOrDefault(id, id)));
        b.append(facet(m.t("风险类别"), p, "category", p.category() == null ? null : p.category().code(),
                results.facets().get(SearchResults.CATEGORY), code -> categoryName(code, m)));
        b.append(facet(m.t("级别"), p, "level", p.level() == null ? null : p.level().code(),
                results.facets().get(SearchResults.LEVEL), code -> levelName(code, m)));
        b.append(facet(m.t("来源"), p, "source", p.source(), results.facets().get(SearchResults.SOURCE), id -> sourceNames.getOrDefault(id, id)));
        b.append(facet(m.t("日期"), p, "day", p.day() == null ? null : p.day().toString(), dayCounts(p), day -> day));
        b.append("</aside><section class=\"hits\">");
        b.append("<p class=\"meta\">").append(escape(m.t("共"))).append(' ').append(results.total()).append(' ')
                .append(escape(m.t("篇文档"))).append("</p>");
        for (SearchHit hit : results.hits()) {
            b.append(hitCard(hit, m, sourceNames));
        }
        b.append("<div class=\"pager\">");
        if (p.offset() > 0) {
            b.append("<a href=\"").append(p.link("offset", String.valueOf(Math.max(0, p.offset() - SearchParams.PAGE_SIZE))))
                    .append("\">").append(escape(m.t("上一页"))).append("</a>");
        }
        if (p.offset() + SearchParams.PAGE_SIZE < results.total()) {
            b.append("<a href=\"").append(p.link("offset", String.valueOf(p.offset() + SearchParams.PAGE_SIZE)))
                    .append("\">").append(escape(m.t("下一页"))).append("</a>");
        }
        b.append("</div></section></div>");
        return layout(m.t("全文检索"), "search", b.toString(), Refresh.NONE, who);
    }

    /** Documents per day over the last week under the other filters: one count per day (no facets, hits or snippets). */
    private Map<String, Long> dayCounts(SearchParams p) throws java.io.IOException {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        java.time.LocalDate today = service.clock().instant().atZone(CHINA).toLocalDate();
        SearchQuery base = p.withoutDay().query();
        for (int i = 0; i < SearchParams.DAY_FACET_DAYS; i++) {
            java.time.LocalDate day = today.minusDays(i);
            try {
                long n = service.store().count(base.between(day.atStartOfDay(CHINA).toInstant(),
                        day.plusDays(1).atStartOfDay(CHINA).toInstant()));
                if (n > 0) {
                    out.put(day.toString(), n);
                }
            } catch (InvalidQueryException e) {
                return Map.of();
            }
        }
        return out;
    }

    /** A facet as a list of links; the chosen value links back to "any" so it can be cleared with one click. */
    private static String facet(String title, SearchParams p, String param, String chosen, Map<String, Long> counts,
                                java.util.function.Function<String, String> label) {
        if (counts == null || counts.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h3>").append(escape(title)).append("</h3><ul>");
        counts.entrySet().stream().limit(15).forEach(en -> {
            boolean on = en.getKey().equals(chosen);
            b.append("<li><a href=\"").append(p.link(param, on ? null : en.getKey())).append("\"").append(on ? " class=\"on\"" : "")
                    .append(">").append(escape(label.apply(en.getKey()))).append(" <span class=\"meta\">").append(en.getValue())
                    .append("</span>").append(on ? " ✕" : "").append("</a></li>");
        });
        return b.append("</ul>").toString();
    }

    private static String categoryName(String code, Messages m) {
        try {
            return m.category(RiskCategory.fromCode(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String levelName(String code, Messages m) {
        try {
            return m.level(RiskLevel.fromCode(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    String watchlist(Caller who) {
        return watchlist(who, null);
    }

    String watchlist(Caller who, String notice) {
        Messages m = who.messages();
        StringBuilder b = new StringBuilder(notice == null || notice.isBlank() ? ""
                : "<div class=\"notice\">" + escape(notice) + "</div>").append("<h1>").append(escape(m.t("监测企业名单"))).append("</h1><p class=\"meta\">")
                .append(escape(m.t("共"))).append(' ').append(service.watchlist().size())
                .append(" · <code>").append(escape(m.t("yuqing watchlist import 名单.csv"))).append("</code>");
        if (who.user().role() == Role.ADMIN) {
            b.append(" · <a href=\"/watchlist.csv\" download>").append(escape(m.t("导出名单（CSV）"))).append("</a>");
        }
        b.append("</p>");
        if (who.user().role() == Role.ADMIN) {
            // Offices keep the list in Excel: "CSV UTF-8" with the header name,shortNames,aliases,creditCode,district,industry.
            b.append("<form class=\"filters\" method=\"post\" action=\"/watchlist/import\" enctype=\"multipart/form-data\" id=\"watchlist-import\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(who.csrfToken())).append("\">")
                    .append("<label>").append(escape(m.t("导入名单（CSV）"))).append(" <input type=\"file\" name=\"file\" accept=\".csv,text/csv\"></label> ")
                    .append("<button type=\"submit\">").append(escape(m.t("导入"))).append("</button></form>");
        }
        b.append("<table><thead><tr>");
        for (String h : List.of("企业名称", "简称", "别名", "统一社会信用代码", "区县", "行业")) {
            b.append("<th>").append(escape(m.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (Enterprise e : service.watchlist()) {
            b.append("<tr><td><a href=\"/enterprises/").append(enc(e.id())).append("\">").append(escape(e.name()))
                    .append("</a></td><td>").append(escape(String.join(m.separator(), e.shortNames())))
                    .append("</td><td>").append(escape(String.join(m.separator(), e.aliases()))).append("</td><td>").append(escape(e.creditCode()))
                    .append("</td><td>").append(escape(e.district())).append("</td><td>").append(escape(e.industry())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return layout(m.t("监测企业名单"), "watchlist", b.toString(), Refresh.NONE, who);
    }

    /** The API reference (written in English); {@code who} is null for anonymous readers, {@code m} their language. */
    String apiDocs(Caller who, Messages m) {
        return layout("API", "api", ApiDocs.body(), Refresh.NONE, who, m);
    }

    String escalations(Caller who) {
        Messages m = who.messages();
        StringBuilder b = new StringBuilder("<h1>").append(escape(m.t("事件升级"))).append("</h1><p class=\"meta\">")
                .append(escape(m.t("某企业（或其某类风险）的负面报道数量明显超出其以往水平时记为一次升级，并通知相关部门；报道平息 6 小时后自动解除。")))
                .append("</p>");
        var list = service.escalations().recent(200);
        if (list.isEmpty()) {
            b.append("<div class=\"empty\">").append(escape(m.t("暂无事件升级。"))).append("</div>");
            return layout(m.t("事件升级"), "escalations", b.toString(), Refresh.META, who);
        }
        b.append("<table><thead><tr>");
        for (String h : List.of("时间", "企业", "风险类别", "报道数", "以往水平预计", "来源数", "统计窗口", "状态")) {
            b.append("<th>").append(escape(m.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (var e : list) {
            b.append("<tr><td class=\"meta\">").append(formatTime(e.firedAt())).append("</td><td><a href=\"/alerts?enterprise=")
                    .append(escape(java.net.URLEncoder.encode(e.enterpriseId(), java.nio.charset.StandardCharsets.UTF_8))).append("\">")
                    .append(escape(e.enterpriseName())).append("</a></td><td>")
                    .append(escape(e.category() == null ? m.t("全部") : m.category(e.category()))).append("</td><td><b>").append(e.count())
                    .append("</b></td><td>").append(String.format(java.util.Locale.ROOT, "%.1f", e.expected())).append("</td><td>")
                    .append(e.sources()).append("</td><td>").append(escape(e.window().toMinutes() >= 60 ? m.t("{0} 小时", e.window().toHours()) : m.t("{0} 分钟", e.window().toMinutes())))
                    .append("</td><td>").append(e.open() ? "<span class=\"status status-new\">" + escape(m.t("升级中")) + "</span>"
                            : "<span class=\"status status-resolved\">" + escape(m.t("已平息 {0}", formatTime(e.resolvedAt()))) + "</span>")
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
        return layout(m.t("事件升级"), "escalations", b.toString(), Refresh.META, who);
    }

    /**
     * The outbox: every row with its state; an administrator may send a dead row again, one by one or all at once.
     *
     * @param notice what the redirect after a resend says ({@code resent}, or {@code resent-all} with {@code count});
     *               anything else shows nothing
     * @param view   which rows: one status or all, from the newest or older than a row ({@link OutboxView})
     */
    String outbox(Caller who, String notice, String count, OutboxView view) {
        Messages t = who.messages();
        boolean admin = who.user().role() == Role.ADMIN;
        StringBuilder b = new StringBuilder("<h1>").append(escape(t.t("发件箱"))).append("</h1>");
        if (!service.mailEnabled()) {
            b.append("<div class=\"notice\">").append(escape(t.t("未配置邮件服务器（smtp.host），预警邮件保留在发件箱中，配置后自动发送。")))
                    .append("</div>");
        }
        if ("resent".equals(notice)) {
            b.append("<div class=\"notice\" role=\"status\" id=\"flash\">").append(escape(t.t("已重新发送，稍后即可在列表中看到结果。")))
                    .append("</div>");
        } else if ("resent-all".equals(notice) && count != null && count.matches("\\d{1,7}")) {
            b.append("<div class=\"notice\" role=\"status\" id=\"flash\">").append(escape(t.t("已重新发送 {0} 条发送失败的消息。", count)))
                    .append("</div>");
        }
        // One query for the counts; each state is also the filter link (as the inbox's level counts are).
        Map<String, Long> counts = outbox.counts();
        long dead = counts.getOrDefault("dead", 0L);
        b.append("<div class=\"counts\" id=\"outbox-status\">").append(countChip(escape(t.t("全部")),
                counts.values().stream().mapToLong(Long::longValue).sum(), escape(view.withStatus(null).link(null)), view.status() == null));
        for (String status : OutboxView.STATUSES) {
            b.append(countChip(escape(t.t(mailStatus(status))), counts.getOrDefault(status, 0L),
                    escape(view.withStatus(status).link(null)), status.equals(view.status())));
        }
        b.append("</div>");
        if (admin && dead > 0) {
            // Same CSRF-protected form as every other console action; the server checks the role again.
            b.append("<p class=\"meta\">").append(escape(t.t("排除故障（如邮件服务器密码、机器人地址）后，可重新发送发送失败的消息。重新发送沿用原消息编号，已收到的一方可识别为重复。")))
                    .append("</p><form method=\"post\" action=\"/outbox/resend-dead\" id=\"resend-dead\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(escape(who.csrfToken())).append("\">").append(viewFields(view))
                    .append("<button type=\"submit\" class=\"secondary\">")
                    .append(escape(t.t("全部重新发送（{0} 条发送失败）", dead))).append("</button></form>");
        }
        // Mail is written in Chinese for the desks (it is what was sent): marked as Chinese on an English page.
        b.append("<p class=\"meta\">").append(escape(view.before() == null ? t.t("最新的消息在前，每页 {0} 条。", view.limit())
                : t.t("从编号 {0} 之后的消息开始，按创建时间从新到旧，每页 {1} 条。", view.before(), view.limit()))).append("</p>");
        // One row more than the page: whether an older page exists, without counting.
        List<OutboxQueries.OutboxEntry> rows = outbox.page(view.status(), view.before(), view.limit() + 1);
        boolean older = rows.size() > view.limit();
        rows = older ? rows.subList(0, view.limit()) : rows;
        if (rows.isEmpty()) {
            b.append("<div class=\"empty\">").append(escape(t.t("没有符合条件的消息。"))).append("</div>");
        }
        for (OutboxQueries.OutboxEntry m : rows) {
            b.append("<div class=\"card\" data-outbox=\"").append(m.id()).append("\"><b lang=\"zh-CN\">").append(escape(m.subject()))
                    .append("</b> <span class=\"status\">")
                    .append(escape(t.t(mailStatus(m.status())))).append("</span><p class=\"meta\">")
                    .append(escape(t.t("渠道：{0}", channelLabel(m.channel(), t)))).append(" · ")
                    // A webhook row's "recipient" is its URL without the query (the token stays in the config).
                    .append(escape(t.t(m.channel() instanceof OutboxQueries.Webhook ? "地址：" : "收件人：")))
                    .append(escape(m.recipients().strip().replace("\n", t.separator())))
                    .append(" · ").append(escape(t.t("创建"))).append(' ').append(TIME.format(m.createdAt()))
                    .append(m.sentAt() == null ? "" : " · " + escape(t.t("发送")) + " " + TIME.format(m.sentAt()))
                    .append(m.resentBy() == null || m.resentAt() == null ? ""
                            : " · " + escape(t.t("{0} 于 {1} 重新发送", m.resentBy(), TIME.format(m.resentAt()))))
                    .append(m.lastError() == null ? "" : " · " + escape(t.t("最近错误：")) + escape(m.lastError()))
                    .append("</p>");
            if (admin && m.dead()) {
                b.append("<form method=\"post\" action=\"/outbox/").append(m.id()).append("/resend\" class=\"resend\">")
                        .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(who.csrfToken())).append("\">")
                        .append(viewFields(view))
                        .append("<button type=\"submit\">").append(escape(t.t("重新发送"))).append("</button></form>");
            }
            b.append("<details><summary>").append(escape(t.t("邮件正文"))).append("</summary><pre class=\"mail\" lang=\"zh-CN\">")
                    .append(escape(m.textBody())).append("</pre></details></div>");
        }
        if (view.before() != null || older) {
            b.append("<div class=\"pager\">");
            if (view.before() != null) {
                b.append("<a href=\"").append(escape(view.link(null))).append("\" id=\"outbox-newest\">").append(escape(t.t("回到最新"))).append("</a>");
            }
            if (older) {
                b.append("<a href=\"").append(escape(view.link(rows.getLast().id()))).append("\" id=\"outbox-older\">")
                        .append(escape(t.t("更早的消息"))).append("</a>");
            }
            b.append("</div>");
        }
        return layout(t.t("发件箱"), "outbox", b.toString(), Refresh.META, who);
    }

    /** Hidden fields that bring a resend back to the same filter and page (checked again when read). */
    private static String viewFields(OutboxView view) {
        return (view.status() == null ? "" : "<input type=\"hidden\" name=\"status\" value=\"" + escape(view.status()) + "\">")
                + (view.before() == null ? "" : "<input type=\"hidden\" name=\"before\" value=\"" + view.before() + "\">");
    }

    /**
     * An error page; {@code who} is null for anonymous requests. Title and message are keys of Messages (a message
     * that is not, such as a config error naming a file and line, is shown as it is).
     */
    String error(String title, String message, Caller who) {
        return error(title, message, who, who == null ? Messages.ZH : who.messages());
    }

    /** An error page in the reader's language, for anonymous readers too. */
    String error(String title, String message, Caller who, Messages m) {
        return layout(m.t(title), "", "<h1>" + escape(m.t(title)) + "</h1><div class=\"card\">" + escape(m.t(message))
                + "</div><p><a href=\"/alerts\">" + escape(m.t("返回预警列表")) + "</a></p>", Refresh.NONE, who, m);
    }

    /** The login form; {@code loginCsrf} is the value of the pre-login cookie the form must echo; {@code message} is already translated. */
    String login(String message, String name, String loginCsrf, Messages m) {
        StringBuilder b = new StringBuilder("<div class=\"login card\"><h1>").append(escape(m.t("登录"))).append("</h1>");
        if (message != null) {
            b.append("<div class=\"notice\" role=\"alert\">").append(escape(message)).append("</div>");
        }
        b.append("<form method=\"post\" action=\"/login\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(loginCsrf)).append("\">")
                .append("<p><label>").append(escape(m.t("用户名")))
                .append("<br><input type=\"text\" name=\"username\" id=\"username\" autocomplete=\"username\" required value=\"")
                .append(escape(name == null ? "" : name)).append("\"></label></p>")
                .append("<p><label>").append(escape(m.t("密码")))
                .append("<br><input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label></p>")
                .append("<p><button type=\"submit\" id=\"login\">").append(escape(m.t("登录"))).append("</button></p></form>")
                .append("<p class=\"meta\">").append(escape(m.t("忘记密码或账号被锁定，请联系系统管理员。连续输错 {0} 次密码，账号将锁定 {1} 分钟。",
                        io.yuqing.app.security.Authenticator.MAX_FAILED_ATTEMPTS, io.yuqing.app.security.Authenticator.LOCKOUT.toMinutes())))
                .append("</p></div>");
        return layout(m.t("登录"), "", b.toString(), Refresh.NONE, null, m);
    }

    static String roleLabel(Role role) {
        return switch (role) {
            case ADMIN -> "管理员";
            case DESK -> "部门成员";
            case VIEWER -> "只读";
        };
    }

    /** 邮件, or the webhook's kind and desk: 钉钉机器人（宣传部） — unescaped, the caller escapes. */
    private String channelLabel(OutboxQueries.Channel channel, Messages t) {
        return switch (channel) {
            case OutboxQueries.Mail mail -> t.t("邮件");
            case OutboxQueries.Webhook w -> t.t(switch (w.kind()) {
                case DINGTALK -> "钉钉机器人";
                case WECOM -> "企业微信机器人";
                case JSON -> "JSON 推送";
            }) + t.paren(service.config().desks().stream().filter(d -> d.id().equals(w.deskId()))
                    .map(DeskConfig::name).findFirst().orElse(w.deskId()));
        };
    }

    static String mailStatus(String status) {
        return switch (status) {
            case "pending" -> "待发送";
            case "sent" -> "已发送";
            case "dead" -> "发送失败";
            default -> status;
        };
    }

    private static String actionLabel(String action) {
        return switch (action) {
            case "acknowledge" -> "确认";
            case "resolve" -> "办结";
            case "false_positive", "false-positive", "mark_false_positive" -> "标记误报";
            case "reopen" -> "重新打开";
            case "assign" -> "交办";
            case "feedback" -> "反馈";
            case "silenced" -> "静默（未发送通知）";
            case "inhibited" -> "事件升级中（并入升级通知）";
            case "quiet_hours" -> "夜间延后通知";
            case "renotify" -> "再次提醒";
            case "level_raised" -> "级别提升";
            case "raise" -> "生成预警";
            default -> action;
        };
    }

    /**
     * Source names by id, read once per page: configured and added sources, paused ones included; the file's list
     * alone when the database cannot answer.
     */
    private Map<String, String> sourceNames() {
        Map<String, String> names = new java.util.HashMap<>();
        service.config().sources().forEach(s -> names.put(s.id(), s.name()));
        try {
            service.sourceRegistry().all().forEach(r -> names.put(r.id(), r.source().name()));
        } catch (java.sql.SQLException e) {
            // The configured names stand; an added source shows its id.
        }
        return names;
    }

    private String deskNames(List<String> deskIds, Messages m) {
        return escape(deskIds.stream().map(id -> service.config().desks().stream().filter(d -> d.id().equals(id))
                .map(DeskConfig::name).findFirst().orElse(id)).collect(Collectors.joining(m.separator())));
    }

    static String levelBadge(RiskLevel level, Messages m) {
        return "<span class=\"level level-" + level.code() + "\">" + escape(m.level(level)) + "</span>";
    }

    static String statusBadge(AlertStatus status, Messages m) {
        return "<span class=\"status status-" + status.code() + "\">" + escape(m.status(status)) + "</span>";
    }

    static String categoryLabels(List<RiskCategory> categories, Messages m) {
        return escape(categories.stream().map(m::category).collect(Collectors.joining(m.separator())));
    }

    private static String countChip(String labelHtml, long count, String href, boolean on) {
        return "<a href=\"" + href + "\"" + (on ? " class=\"on\"" : "") + ">" + labelHtml + "<b>" + count + "</b></a>";
    }

    /** Percent-encoded for a URL (spaces as %20, valid in paths and queries), then escaped for an attribute. */
    private static String enc(String s) {
        return escape(java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String select(String name, String label, String current, List<Map.Entry<String, String>> options) {
        StringBuilder b = new StringBuilder("<select name=\"").append(name).append("\" aria-label=\"").append(escape(label)).append("\">");
        for (var o : options) {
            b.append("<option value=\"").append(escape(o.getKey())).append("\"").append(o.getKey().equals(current) ? " selected" : "")
                    .append(">").append(escape(o.getValue())).append("</option>");
        }
        return b.append("</select>").toString();
    }

    /** How a page keeps itself current: not at all, a plain meta refresh, or the same-origin poller (meta refresh without script). */
    enum Refresh { NONE, META, POLL }

    /** A page that reloads itself every 30 s (no script needed), for pages built elsewhere in this package. */
    static String refreshingPage(String title, String active, String body, Caller who) {
        return layout(title, active, body, Refresh.META, who);
    }

    /** A plain page in the console's frame, for pages built elsewhere in this package. */
    static String page(String title, String active, String body, Caller who) {
        return layout(title, active, body, Refresh.NONE, who);
    }

    private static String layout(String title, String active, String body, Refresh refresh, Caller who) {
        return layout(title, active, body, refresh, who, who == null ? Messages.ZH : who.messages());
    }

    private static String layout(String title, String active, String body, Refresh refresh, Caller who, Messages m) {
        String refreshHead = switch (refresh) {
            case NONE -> "";
            case META -> "<meta http-equiv=\"refresh\" content=\"30\">";
            // With script the page polls a count and offers a refresh instead of reloading under the reader.
            case POLL -> "<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>";
        };
        return "<!DOCTYPE html><html lang=\"" + m.htmlLang() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" + refreshHead
                + "<title>" + escape(title) + " · " + escape(m.t("舆情风险监测")) + "</title><link rel=\"stylesheet\" href=\"/static/console.css\">"
                + "<script src=\"/static/console.js\" defer></script></head><body>"
                + "<header><span class=\"brand\">" + escape(m.t("涉企舆情风险监测")) + "</span>" + (who == null ? "" : "<nav>"
                + nav("alerts", "/alerts", m.t("风险预警"), active) + nav("escalations", "/escalations", m.t("事件升级"), active)
                + nav("search", "/search", m.t("全文检索"), active)
                + nav("watchlist", "/watchlist", m.t("企业名单"), active) + nav("sources", "/sources", m.t("监测源"), active)
                + (who.user().role() == Role.DESK ? "" : nav("outbox", "/outbox", m.t("发件箱"), active))
                + nav("silences", "/silences", m.t("静默"), active) + nav("routing", "/routing", m.t("分发规则"), active)
                + nav("api", "/api/docs", m.t("接口文档"), active)
                + "</nav>" + userBox(who))
                + "<a class=\"lang\" id=\"lang-switch\" href=\"/lang?to=" + (m.english() ? "zh" : "en") + "\">"
                + (m.english() ? "<span lang=\"zh-CN\">中文</span>" : "<span lang=\"en\">English</span>") + "</a></header><main>" + body + "</main></body></html>";
    }

    private static String userBox(Caller who) {
        String desk = who.user().deskId() == null ? "" : " · " + who.user().deskId();
        return "<span class=\"user\" id=\"current-user\">" + escape(who.user().name())
                + escape(who.messages().paren(who.messages().t(roleLabel(who.user().role())) + desk)) + "</span>"
                + (who.session() == null ? "" : "<form class=\"logout\" method=\"post\" action=\"/logout\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(who.csrfToken()) + "\">"
                + "<button type=\"submit\" class=\"secondary\" id=\"logout\">" + escape(who.messages().t("退出登录")) + "</button></form>");
    }

    private static String nav(String key, String href, String label, String active) {
        return "<a href=\"" + href + "\"" + (key.equals(active) ? " class=\"active\"" : "") + ">" + label + "</a>";
    }

    static String formatTime(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
