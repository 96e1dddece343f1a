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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.yuqing.core.text.Html.escape;

/** Server-rendered console pages, zh-CN. Every crawled string is escaped with {@link Html}. */
final class ConsolePages {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(CHINA);
    private static final int PAGE_SIZE = 50;

    private final YuqingService service;
    private final OutboxQueries outbox;

    ConsolePages(YuqingService service) {
        this.service = service;
        this.outbox = new OutboxQueries(service.database().dataSource());
    }

    static AlertFilter filterFrom(Context ctx) {
        AlertFilter f = AlertFilter.all();
        String level = ctx.queryParam("level");
        if (level != null && !level.isBlank()) {
            try {
                f = f.withLevel(RiskLevel.fromCode(level));
            } catch (IllegalArgumentException ignored) {
                // an unknown level in a hand-edited URL filters nothing rather than failing the page
            }
        }
        AlertStatus status = ConsoleServer.statusOrNull(ctx.queryParam("status"));
        if (status != null) {
            f = f.withStatus(status);
        }
        String desk = ctx.queryParam("desk");
        if (desk != null && !desk.isBlank()) {
            f = f.withDesk(desk);
        }
        String enterprise = ctx.queryParam("enterprise");
        if (enterprise != null && !enterprise.isBlank()) {
            f = f.withEnterprise(enterprise);
        }
        return f;
    }

    String alertList(Context ctx, Caller who) {
        AlertFilter filter = who.user().restrict(filterFrom(ctx));
        int offset = Math.max(0, ConsoleServer.intParam(ctx, "offset", 0));
        List<Alert> alerts = service.alerts().list(filter, offset, PAGE_SIZE);
        long total = service.alerts().count(filter);
        Map<RiskLevel, Long> counts = service.alerts().countsByLevel(filter.withLevel(null));
        StringBuilder b = new StringBuilder();
        b.append("<h1>风险预警</h1>");
        b.append("<div class=\"counts\">");
        b.append(countChip("全部", counts.values().stream().mapToLong(Long::longValue).sum(), link(filter.withLevel(null), 0), filter.level() == null));
        for (RiskLevel level : List.of(RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.BLUE)) {
            b.append(countChip(levelBadge(level), counts.getOrDefault(level, 0L), link(filter.withLevel(level), 0), level == filter.level()));
        }
        b.append("</div>");
        b.append("<form class=\"filters\" method=\"get\" action=\"/alerts\">");
        b.append(select("level", "预警级别", filter.level() == null ? "" : filter.level().code(),
                List.of(Map.entry("", "全部级别"), Map.entry("red", "红色预警"), Map.entry("orange", "橙色预警"),
                        Map.entry("yellow", "黄色预警"), Map.entry("blue", "蓝色预警"))));
        var statusOptions = new java.util.ArrayList<Map.Entry<String, String>>();
        statusOptions.add(Map.entry("", "全部状态"));
        for (AlertStatus s : AlertStatus.values()) {
            statusOptions.add(Map.entry(s.code(), s.label()));
        }
        b.append(select("status", "处理状态", filter.status() == null ? "" : filter.status().code(), statusOptions));
        var deskOptions = new java.util.ArrayList<Map.Entry<String, String>>();
        deskOptions.add(Map.entry("", "全部部门"));
        for (DeskConfig d : service.config().desks()) {
            if (who.user().role() == Role.DESK && !d.id().equals(who.user().deskId())) {
                continue;
            }
            deskOptions.add(Map.entry(d.id(), d.name()));
        }
        b.append(select("desk", "部门", filter.deskId() == null ? "" : filter.deskId(), deskOptions));
        b.append("<button type=\"submit\">筛选</button></form>");
        if (alerts.isEmpty()) {
            b.append("<div class=\"empty\">暂无符合条件的预警。</div>");
        } else {
            b.append("<table><thead><tr><th>时间</th><th>级别</th><th>企业</th><th>标题</th><th>风险类别</th><th>分数</th><th>状态</th><th>部门</th></tr></thead><tbody>");
            for (Alert a : alerts) {
                b.append("<tr><td class=\"meta\">").append(TIME.format(a.createdAt())).append("</td>")
                        .append("<td>").append(levelBadge(a.level())).append("</td>")
                        .append("<td>").append(escape(a.enterpriseName())).append("</td>")
                        .append("<td><a href=\"/alerts/").append(a.id()).append("\">").append(escape(a.title())).append("</a></td>")
                        .append("<td>").append(categoryLabels(a.categories())).append("</td>")
                        .append("<td>").append(a.score()).append("</td>")
                        .append("<td>").append(statusBadge(a.status())).append("</td>")
                        .append("<td>").append(deskNames(a.deskIds())).append("</td></tr>");
            }
            b.append("</tbody></table>");
            b.append("<div class=\"pager\"><span class=\"meta\">共 ").append(total).append(" 条</span>");
            if (offset > 0) {
                b.append("<a href=\"").append(link(filter, Math.max(0, offset - PAGE_SIZE))).append("\">上一页</a>");
            }
            if (offset + PAGE_SIZE < total) {
                b.append("<a href=\"").append(link(filter, offset + PAGE_SIZE)).append("\">下一页</a>");
            }
            b.append("</div>");
        }
        return layout("风险预警", "alerts", b.toString(), true, who);
    }

    String alertDetail(Alert a, String msg, Caller who) throws java.io.IOException {
        List<String> terms = a.evidence().stream().map(Evidence::term).distinct().toList();
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"/alerts\">← 返回预警列表</a></p>");
        if ("done".equals(msg)) {
            b.append("<div class=\"notice\">已保存。</div>");
        } else if ("invalid".equals(msg)) {
            b.append("<div class=\"notice\">当前状态下不能执行这个操作。</div>");
        }
        b.append("<h1>").append(levelBadge(a.level())).append(' ').append(escape(a.title())).append("</h1>");
        b.append("<div class=\"card\"><p><b>企业：</b>").append(escape(a.enterpriseName()))
                .append(" &nbsp; <b>风险分数：</b>").append(a.score())
                .append(" &nbsp; <b>风险类别：</b>").append(categoryLabels(a.categories()))
                .append(" &nbsp; <b>状态：</b>").append(statusBadge(a.status())).append("</p>")
                .append("<p class=\"meta\">预警时间 ").append(TIME.format(a.createdAt()))
                .append(" · 推送部门 ").append(deskNames(a.deskIds()))
                .append(" · 来源 ").append(escape(sourceName(a.sourceId())))
                .append(" · <a href=\"").append(Html.hrefOrHash(a.url())).append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">查看原文</a></p></div>");

        b.append("<h2>预警依据</h2><div class=\"card\"><ul class=\"evidence\">");
        for (Evidence e : a.evidence()) {
            b.append("<li><b>").append(escape(e.term())).append("</b>（").append(escape(e.category().label())).append("）")
                    .append(e.inTitle() ? " <span class=\"meta\">标题</span>" : "")
                    .append("：").append(Html.highlight(e.sentence(), List.of(e.term()))).append("</li>");
        }
        b.append("</ul></div>");

        b.append("<h2>处置</h2><div class=\"card actions\">");
        b.append(actionForm(a, who));
        b.append("</div>");

        b.append("<h2>处理记录</h2><div class=\"card\"><ul class=\"timeline\">");
        List<AlertAction> history = service.reviews().history(a.id());
        if (history.isEmpty()) {
            b.append("<li class=\"meta\">尚无处理记录。</li>");
        }
        for (AlertAction action : history) {
            b.append("<li><span class=\"meta\">").append(TIME.format(action.at())).append("</span> ")
                    .append(escape(action.actor())).append(" · ").append(escape(actionLabel(action.action())));
            if (action.toStatus() != null) {
                b.append(" → ").append(statusBadge(action.toStatus()));
            }
            if (action.note() != null && !action.note().isBlank()) {
                b.append("：").append(escape(action.note()));
            }
            b.append("</li>");
        }
        b.append("</ul></div>");

        service.clusters().clusterOf(a.documentId()).filter(c -> c.size() > 1).ifPresent(c -> b.append("<h2>传播情况</h2>")
                .append("<div class=\"card\">同一报道已被转载 <b>").append(c.size()).append("</b> 篇，来自 <b>").append(c.distinctHosts())
                .append("</b> 个网站。</div>"));

        Optional<ScoredDocument> doc = service.store().get(a.documentId());
        b.append("<h2>原文留存</h2><div class=\"card\">");
        if (doc.isPresent()) {
            var d = doc.get().document();
            b.append("<p class=\"meta\">").append(escape(d.outlet().isEmpty() ? "" : "来源：" + d.outlet() + " · "))
                    .append(d.author().isEmpty() ? "" : "作者：" + escape(d.author()) + " · ")
                    .append("发布时间：").append(d.publishedAt() == null ? "未知" : TIME.format(d.publishedAt()))
                    .append(" · 抓取时间：").append(TIME.format(d.fetchedAt())).append("</p>");
            b.append("<div class=\"doc-text\">").append(Html.highlight(d.text(), terms)).append("</div>");
        } else {
            b.append("<p class=\"meta\">索引中没有这篇文档的留存。</p>");
        }
        b.append("</div>");
        return layout(a.title(), "alerts", b.toString(), false, who);
    }

    /** One form: a note, then a button per action the alert's status allows (核实 → 办结, or 误报). The actor is the logged-in user. */
    private String actionForm(Alert a, Caller who) {
        if (!who.user().canAct()) {
            return "<p class=\"meta\">当前账号为只读（查看）权限，不能处置预警。</p>";
        }
        StringBuilder buttons = new StringBuilder();
        AlertStatus st = a.status();
        if (st == AlertStatus.NEW) {
            buttons.append(actionButton(a.id(), "acknowledge", "确认（核实中）", ""));
        }
        if (st == AlertStatus.NEW || st == AlertStatus.ACKNOWLEDGED) {
            buttons.append(actionButton(a.id(), "resolve", "办结", ""));
            buttons.append(actionButton(a.id(), "false-positive", "标记误报", "danger"));
        }
        if (st == AlertStatus.RESOLVED || st == AlertStatus.FALSE_POSITIVE) {
            buttons.append(actionButton(a.id(), "reopen", "重新打开", "secondary"));
        }
        return "<form method=\"post\" action=\"/alerts/" + a.id() + "/acknowledge\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(who.csrfToken()) + "\">"
                + "<p class=\"meta\">处理人：" + escape(who.user().name()) + "</p>"
                + "<textarea name=\"note\" placeholder=\"处置意见或备注（可选）\" aria-label=\"备注\"></textarea>"
                + buttons + "</form>";
    }

    private static String actionButton(long id, String action, String label, String cssClass) {
        return "<button type=\"submit\" formaction=\"/alerts/" + id + "/" + action + "\" class=\"" + cssClass + "\">"
                + escape(label) + "</button> ";
    }

    String search(Context ctx, Caller who) throws java.io.IOException {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        int offset = Math.max(0, ConsoleServer.intParam(ctx, "offset", 0));
        StringBuilder b = new StringBuilder("<h1>全文检索</h1>");
        b.append("<form class=\"filters\" method=\"get\" action=\"/search\"><input type=\"search\" name=\"q\" size=\"50\" value=\"")
                .append(escape(q)).append("\" placeholder=\"例如：欠薪 AND 云帆\"><button type=\"submit\">检索</button></form>");
        SearchResults results;
        try {
            results = service.store().search(SearchQuery.of(q).page(offset, 20));
        } catch (InvalidQueryException e) {
            b.append("<div class=\"notice\">检索式有误：").append(escape(e.getMessage())).append("</div>");
            return layout("全文检索", "search", b.toString(), false, who);
        }
        b.append("<p class=\"meta\">共 ").append(results.total()).append(" 篇文档</p>");
        for (SearchHit hit : results.hits()) {
            var d = hit.doc().document();
            b.append("<div class=\"card\"><b><a href=\"").append(Html.hrefOrHash(d.url())).append("\" rel=\"noopener noreferrer nofollow\">")
                    .append(escape(d.title())).append("</a></b> ").append(levelBadge(hit.doc().risk().level()))
                    .append("<p>").append(hit.snippetHtml()).append("</p><p class=\"meta\">")
                    .append(escape(hit.doc().mentions().stream().map(m -> m.name()).collect(Collectors.joining("、"))))
                    .append(" · ").append(TIME.format(d.effectiveTime())).append("</p></div>");
        }
        return layout("全文检索", "search", b.toString(), false, who);
    }

    String sources(Caller who) {
        Map<String, CycleReport> reports = service.lastReports();
        Map<String, SourceConfig> byId = new java.util.LinkedHashMap<>();
        service.config().sources().forEach(src -> byId.put(src.id(), src));
        StringBuilder b = new StringBuilder("<h1>监测源</h1><p class=\"meta\">连续失败的监测源排在最前；连续失败 3 次即视为异常并触发系统告警。</p>"
                + "<table><thead><tr><th>名称</th><th>状态</th><th>类型</th><th>地址</th><th>频率</th><th>上次成功</th>"
                + "<th>本轮发现链接</th><th>本轮新文档</th><th>本轮失败</th><th>最近问题</th></tr></thead><tbody>");
        for (SourceState state : service.sourceHealth().byConcern(service.config().sources())) {
            SourceConfig s = byId.get(state.sourceId());
            CycleReport r = reports.get(s.id());
            String health = state.consecutiveFailures() >= 3 ? "<span class=\"status status-new\">异常（连续失败 " + state.consecutiveFailures() + " 次）</span>"
                    : state.consecutiveFailures() > 0 ? "<span class=\"status status-acknowledged\">最近失败</span>"
                    : state.lastSuccess() == null ? "<span class=\"status\">尚未抓取</span>" : "<span class=\"status status-resolved\">正常</span>";
            b.append("<tr><td>").append(escape(s.name())).append("</td><td>").append(health).append("</td><td>")
                    .append(switch (s.kind()) {
                        case RSS -> "RSS/Atom";
                        case HTML_LIST -> "列表页";
                        case SITEMAP -> "站点地图";
                    })
                    .append("</td><td><a href=\"").append(Html.hrefOrHash(s.url())).append("\" rel=\"noopener noreferrer nofollow\">")
                    .append(escape(Html.abbreviate(s.url(), 60)))
                    .append("</a></td><td>每 ").append(escape(io.yuqing.core.config.Durations.format(s.every()))).append("</td><td class=\"meta\">")
                    .append(state.lastSuccess() == null ? "—" : formatTime(state.lastSuccess())).append("</td>");
            if (r == null) {
                b.append("<td colspan=\"3\" class=\"meta\">本次运行尚未抓取</td>");
            } else {
                b.append("<td>").append(r.linksFound()).append("</td><td>").append(r.newDocuments()).append("</td><td>")
                        .append(r.failures()).append("</td>");
            }
            String problem = r != null && !r.problems().isEmpty() ? String.join("；", r.problems().stream().limit(3).toList())
                    : state.lastError() == null ? "" : state.lastError();
            b.append("<td>").append(escape(Html.abbreviate(problem, 200))).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return layout("监测源", "sources", b.toString(), true, who);
    }

    String watchlist(Caller who) {
        StringBuilder b = new StringBuilder("<h1>监测企业名单</h1><p class=\"meta\">共 ").append(service.watchlist().size())
                .append(" 家。导入名单：<code>yuqing watchlist import 名单.csv</code></p>");
        b.append("<table><thead><tr><th>企业名称</th><th>简称</th><th>别名</th><th>统一社会信用代码</th><th>区县</th><th>行业</th></tr></thead><tbody>");
        for (Enterprise e : service.watchlist()) {
            b.append("<tr><td><a href=\"/alerts?enterprise=").append(java.net.URLEncoder.encode(e.id(), java.nio.charset.StandardCharsets.UTF_8))
                    .append("\">").append(escape(e.name())).append("</a></td><td>").append(escape(String.join("、", e.shortNames())))
                    .append("</td><td>").append(escape(String.join("、", e.aliases()))).append("</td><td>").append(escape(e.creditCode()))
                    .append("</td><td>").append(escape(e.district())).append("</td><td>").append(escape(e.industry())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return layout("监测企业名单", "watchlist", b.toString(), false, who);
    }

    String escalations(Caller who) {
        StringBuilder b = new StringBuilder("<h1>事件升级</h1><p class=\"meta\">某企业（或其某类风险）的负面报道数量明显超出其以往水平时记为一次升级，"
                + "并通知相关部门；报道平息 6 小时后自动解除。</p>");
        var list = service.escalations().recent(200);
        if (list.isEmpty()) {
            b.append("<div class=\"empty\">暂无事件升级。</div>");
            return layout("事件升级", "escalations", b.toString(), true, who);
        }
        b.append("<table><thead><tr><th>时间</th><th>企业</th><th>风险类别</th><th>报道数</th><th>以往水平预计</th><th>来源数</th>"
                + "<th>统计窗口</th><th>状态</th></tr></thead><tbody>");
        for (var e : list) {
            b.append("<tr><td class=\"meta\">").append(formatTime(e.firedAt())).append("</td><td><a href=\"/alerts?enterprise=")
                    .append(escape(java.net.URLEncoder.encode(e.enterpriseId(), java.nio.charset.StandardCharsets.UTF_8))).append("\">")
                    .append(escape(e.enterpriseName())).append("</a></td><td>")
                    .append(e.category() == null ? "全部" : escape(e.category().label())).append("</td><td><b>").append(e.count())
                    .append("</b></td><td>").append(String.format(java.util.Locale.ROOT, "%.1f", e.expected())).append("</td><td>")
                    .append(e.sources()).append("</td><td>").append(e.window().toMinutes() >= 60 ? e.window().toHours() + " 小时" : e.window().toMinutes() + " 分钟")
                    .append("</td><td>").append(e.open() ? "<span class=\"status status-new\">升级中</span>"
                            : "<span class=\"status status-resolved\">已平息 " + formatTime(e.resolvedAt()) + "</span>")
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
        return layout("事件升级", "escalations", b.toString(), true, who);
    }

    String outbox(Caller who) {
        StringBuilder b = new StringBuilder("<h1>发件箱</h1>");
        if (!service.mailEnabled()) {
            b.append("<div class=\"notice\">未配置邮件服务器（smtp.host），预警邮件保留在发件箱中，配置后自动发送。</div>");
        }
        b.append("<p class=\"meta\">待发送 ").append(outbox.count("pending")).append(" · 已发送 ").append(outbox.count("sent"))
                .append(" · 发送失败 ").append(outbox.count("dead")).append("</p>");
        for (OutboxQueries.OutboxEntry m : outbox.recent(100)) {
            b.append("<div class=\"card\"><b>").append(escape(m.subject())).append("</b> <span class=\"status\">")
                    .append(escape(mailStatus(m.status()))).append("</span><p class=\"meta\">收件人：").append(escape(m.recipients().strip().replace("\n", "、")))
                    .append(" · 创建 ").append(TIME.format(m.createdAt()))
                    .append(m.sentAt() == null ? "" : " · 发送 " + TIME.format(m.sentAt()))
                    .append(m.lastError() == null ? "" : " · 最近错误：" + escape(m.lastError()))
                    .append("</p><details><summary>邮件正文</summary><pre class=\"mail\">").append(escape(m.textBody()))
                    .append("</pre></details></div>");
        }
        return layout("发件箱", "outbox", b.toString(), true, who);
    }

    /** An error page; {@code who} is null for anonymous requests. */
    String error(String title, String message, Caller who) {
        return layout(title, "", "<h1>" + escape(title) + "</h1><div class=\"card\">" + escape(message)
                + "</div><p><a href=\"/alerts\">返回预警列表</a></p>", false, who);
    }

    /** The login form; {@code loginCsrf} is the value of the pre-login cookie the form must echo. */
    String login(String message, String name, String loginCsrf) {
        StringBuilder b = new StringBuilder("<div class=\"login card\"><h1>登录</h1>");
        if (message != null) {
            b.append("<div class=\"notice\" role=\"alert\">").append(escape(message)).append("</div>");
        }
        b.append("<form method=\"post\" action=\"/login\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(loginCsrf)).append("\">")
                .append("<p><label>用户名<br><input type=\"text\" name=\"username\" id=\"username\" autocomplete=\"username\" required value=\"")
                .append(escape(name == null ? "" : name)).append("\"></label></p>")
                .append("<p><label>密码<br><input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label></p>")
                .append("<p><button type=\"submit\" id=\"login\">登录</button></p></form>")
                .append("<p class=\"meta\">忘记密码或账号被锁定，请联系系统管理员。连续输错 ")
                .append(io.yuqing.app.security.Authenticator.MAX_FAILED_ATTEMPTS).append(" 次密码，账号将锁定 ")
                .append(io.yuqing.app.security.Authenticator.LOCKOUT.toMinutes()).append(" 分钟。</p></div>");
        return layout("登录", "", b.toString(), false, null);
    }

    static String roleLabel(Role role) {
        return switch (role) {
            case ADMIN -> "管理员";
            case DESK -> "部门成员";
            case VIEWER -> "只读";
        };
    }

    private static String mailStatus(String status) {
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
            case "raise" -> "生成预警";
            default -> action;
        };
    }

    private String sourceName(String sourceId) {
        return service.config().sources().stream().filter(s -> s.id().equals(sourceId)).map(SourceConfig::name)
                .findFirst().orElse(sourceId);
    }

    private String deskNames(List<String> deskIds) {
        return escape(deskIds.stream().map(id -> service.config().desks().stream().filter(d -> d.id().equals(id))
                .map(DeskConfig::name).findFirst().orElse(id)).collect(Collectors.joining("、")));
    }

    static String levelBadge(RiskLevel level) {
        return "<span class=\"level level-" + level.code() + "\">" + escape(level.label()) + "</span>";
    }

    static String statusBadge(AlertStatus status) {
        return "<span class=\"status status-" + status.code() + "\">" + escape(status.label()) + "</span>";
    }

    static String categoryLabels(List<RiskCategory> categories) {
        return escape(categories.stream().map(RiskCategory::label).collect(Collectors.joining("、")));
    }

    private static String countChip(String labelHtml, long count, String href, boolean on) {
        return "<a href=\"" + href + "\"" + (on ? " class=\"on\"" : "") + ">" + labelHtml + "<b>" + count + "</b></a>";
    }

    private static String link(AlertFilter f, int offset) {
        StringBuilder q = new StringBuilder("/alerts?");
        if (f.level() != null) {
            q.append("level=").append(f.level().code()).append("&amp;");
        }
        if (f.status() != null) {
            q.append("status=").append(f.status().code()).append("&amp;");
        }
        if (f.deskId() != null) {
            q.append("desk=").append(enc(f.deskId())).append("&amp;");
        }
        if (f.enterpriseId() != null) {
            q.append("enterprise=").append(enc(f.enterpriseId())).append("&amp;");
        }
        q.append("offset=").append(offset);
        return q.toString();
    }

    private static String enc(String s) {
        return escape(java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String select(String name, String label, String current, List<Map.Entry<String, String>> options) {
        StringBuilder b = new StringBuilder("<select name=\"").append(name).append("\" aria-label=\"").append(escape(label)).append("\">");
        for (var o : options) {
            b.append("<option value=\"").append(escape(o.getKey())).append("\"").append(o.getKey().equals(current) ? " selected" : "")
                    .append(">").append(escape(o.getValue())).append("</option>");
        }
        return b.append("</select>").toString();
    }

    private static String layout(String title, String active, String body, boolean autoRefresh, Caller who) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                // New alerts show up without staff reloading by hand; no script needed.
                + (autoRefresh ? "<meta http-equiv=\"refresh\" content=\"30\">" : "")
                + "<title>" + escape(title) + " · 舆情风险监测</title><link rel=\"stylesheet\" href=\"/static/console.css\"></head><body>"
                + "<header><span class=\"brand\">涉企舆情风险监测</span>" + (who == null ? "" : "<nav>"
                + nav("alerts", "/alerts", "风险预警", active) + nav("escalations", "/escalations", "事件升级", active)
                + nav("search", "/search", "全文检索", active)
                + nav("watchlist", "/watchlist", "企业名单", active) + nav("sources", "/sources", "监测源", active)
                + (who.user().role() == Role.DESK ? "" : nav("outbox", "/outbox", "发件箱", active))
                + "</nav>" + userBox(who)) + "</header><main>" + body + "</main></body></html>";
    }

    private static String userBox(Caller who) {
        String desk = who.user().deskId() == null ? "" : " · " + who.user().deskId();
        return "<span class=\"user\" id=\"current-user\">" + escape(who.user().name()) + "（" + roleLabel(who.user().role())
                + escape(desk) + "）</span>"
                + (who.session() == null ? "" : "<form class=\"logout\" method=\"post\" action=\"/logout\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(who.csrfToken()) + "\">"
                + "<button type=\"submit\" class=\"secondary\" id=\"logout\">退出登录</button></form>");
    }

    private static String nav(String key, String href, String label, String active) {
        return "<a href=\"" + href + "\"" + (key.equals(active) ? " class=\"active\"" : "") + ">" + label + "</a>";
    }

    static String formatTime(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
