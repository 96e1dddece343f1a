package io.yuqing.app.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.sources.RegisteredSource;
import io.yuqing.app.sources.SourceChange;
import io.yuqing.app.sources.SourceTrial;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.Durations;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.text.Html;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.state.SourceState;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.yuqing.core.text.Html.escape;

/**
 * The sources page: each source's health (failing first), and for admins add, pause, resume, remove and "test now".
 * Changes go through the {@link io.yuqing.app.sources.SourceRegistry} (audited, shared by all nodes) and reschedule
 * this node at once. A source is added from a short form or, for every setting a kind has, its YAML definition — the
 * same shape and validator as the configuration file, so an error names the line and the setting.
 */
final class SourcesPages {
    /** Articles a console "test" reads at most: enough to judge the extraction, few enough to answer in seconds. */
    static final int TRIAL_LIMIT = 3;
    private final YuqingService service;

    SourcesPages(YuqingService service) {
        this.service = service;
    }

    private static String t(Caller who, String zh, String en) {
        return who != null && who.messages().english() ? en : zh;
    }

    String list(Caller who, String flash) throws SQLException {
        Map<String, CycleReport> reports = service.lastReports();
        List<RegisteredSource> sources = new ArrayList<>(service.sourceRegistry().all());
        var lastDay = service.sourceHealth().lastDay(service.clock().instant());
        Map<String, SourceState> states = new LinkedHashMap<>();
        for (RegisteredSource r : sources) {
            states.put(r.id(), service.sourceHealth().read(r.source()));
        }
        // Failing first (most failures in a row), then paused last, then by id.
        sources.sort(Comparator.comparingInt((RegisteredSource r) -> -states.get(r.id()).consecutiveFailures())
                .thenComparing(RegisteredSource::paused).thenComparing(RegisteredSource::id));
        boolean admin = who.user().role() == Role.ADMIN;
        StringBuilder b = new StringBuilder("<h1>").append(escape(t(who, "监测源", "Sources"))).append("</h1>");
        if (flash != null && !flash.isBlank()) {
            b.append("<p class=\"flash\" id=\"flash\">").append(escape(Html.abbreviate(flash, 400))).append("</p>");
        }
        b.append("<p class=\"meta\">").append(escape(t(who, "连续失败的监测源排在最前；连续失败 3 次即视为异常并触发系统告警。暂停的监测源不再抓取，恢复后一分钟内重新抓取。",
                "Failing sources come first; three failed cycles in a row raise a system alert. A paused source is not crawled; "
                        + "once resumed, it is crawled again within a minute."))).append("</p>");
        if (admin) {
            b.append("<p><a class=\"button\" id=\"add-source\" href=\"/sources/new\">").append(escape(t(who, "添加监测源", "Add a source")))
                    .append("</a></p>");
        }
        b.append("<table id=\"sources\"><thead><tr><th>").append(escape(t(who, "名称", "Name"))).append("</th><th>")
                .append(escape(t(who, "状态", "State"))).append("</th><th>").append(escape(t(who, "类型", "Kind"))).append("</th><th>")
                .append(escape(t(who, "地址", "URL"))).append("</th><th>").append(escape(t(who, "频率", "Every"))).append("</th><th>")
                .append(escape(t(who, "上次成功", "Last success"))).append("</th><th>").append(escape(t(who, "24 小时文章", "Articles, 24 h")))
                .append("</th><th>").append(escape(t(who, "24 小时错误率", "Error rate, 24 h"))).append("</th><th>")
                .append(escape(t(who, "上一轮：链接 / 新 / 失败", "Last cycle: links / new / failed"))).append("</th><th>")
                .append(escape(t(who, "最近问题", "Latest problem"))).append("</th>")
                .append(admin ? "<th>" + escape(t(who, "操作", "Actions")) + "</th>" : "").append("</tr></thead><tbody>");
        for (RegisteredSource r : sources) {
            SourceConfig s = r.source();
            SourceState state = states.get(r.id());
            CycleReport report = reports.get(s.id());
            b.append("<tr data-source=\"").append(escape(s.id())).append("\"><td>").append(escape(s.name()))
                    .append(r.origin() == RegisteredSource.Origin.ADDED ? " <span class=\"meta\">(" + escape(t(who, "后台添加", "added")) + ")</span>" : "")
                    .append("</td><td>").append(health(who, r, state)).append("</td><td>").append(escape(kindLabel(who, s)))
                    .append("</td><td><a href=\"").append(Html.hrefOrHash(s.url())).append("\" rel=\"noopener noreferrer nofollow\">")
                    .append(escape(Html.abbreviate(s.url(), 60))).append("</a></td><td>")
                    .append(escape(interval(who, s))).append("</td><td class=\"meta\">")
                    .append(state.lastSuccess() == null ? "—" : ConsolePages.formatTime(state.lastSuccess())).append("</td>");
            var day = lastDay.getOrDefault(s.id(), new io.yuqing.crawler.state.CrawlStateStore.SourceActivity(0, 0));
            b.append("<td>").append(day.read()).append("</td><td>")
                    .append(day.read() + day.failed() == 0 ? "—" : String.format(java.util.Locale.ROOT, "%.0f%%", 100 * day.errorRate()))
                    .append("</td>");
            if (report == null) {
                b.append("<td class=\"meta\">").append(escape(t(who, "本次运行尚未抓取", "not crawled since start"))).append("</td>");
            } else {
                b.append("<td>").append(report.linksFound()).append(" / ").append(report.newDocuments()).append(" / ")
                        .append(report.failures()).append("</td>");
            }
            String problem = report != null && !report.problems().isEmpty() ? String.join("；", report.problems().stream().limit(3).toList())
                    : state.lastError() == null ? "" : state.lastError();
            b.append("<td>").append(escape(Html.abbreviate(problem, 200))).append("</td>");
            if (admin) {
                b.append("<td><form method=\"post\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"")
                        .append(escape(who.csrfToken())).append("\">")
                        .append(button(s.id(), "test", t(who, "试抓取", "Test"), "secondary"))
                        .append(r.paused() ? button(s.id(), "resume", t(who, "恢复", "Resume"), "")
                                : button(s.id(), "pause", t(who, "暂停", "Pause"), "secondary"))
                        .append(r.removable() ? button(s.id(), "remove", t(who, "删除", "Remove"), "danger") : "")
                        .append("</form></td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        return ConsolePages.refreshingPage(t(who, "监测源", "Sources"), "sources", b.toString(), who);
    }

    /** How often the source is crawled now; with adaptive recrawl, also the configured {@code every} it started from. */
    private String interval(Caller who, SourceConfig s) {
        java.time.Duration now = service.crawlInterval(s);
        String text = t(who, "每 ", "every ") + Durations.format(now);
        return now.equals(s.every()) ? text : text + t(who, "（随新闻多少自动调整，配置为每 " + Durations.format(s.every()) + "）",
                " (adapts to how much news there is; configured every " + Durations.format(s.every()) + ")");
    }

    private static String button(String id, String action, String label, String cssClass) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
        return "<button type=\"submit\" name=\"do\" value=\"" + action + "\" formaction=\"/sources/" + escape(encoded) + "/" + action
                + "\" class=\"" + cssClass + "\" id=\"" + action + "-" + escape(id) + "\">" + escape(label) + "</button> ";
    }

    private static String health(Caller who, RegisteredSource r, SourceState state) {
        if (r.paused()) {
            return "<span class=\"status\">" + escape(t(who, "已暂停", "paused")) + "</span>"
                    + (r.changedBy().isEmpty() ? "" : "<br><span class=\"meta\">" + escape(r.changedBy()) + " "
                    + ConsolePages.formatTime(r.changedAt()) + "</span>");
        }
        if (state.consecutiveFailures() >= 3) {
            return "<span class=\"status status-new\">" + escape(t(who, "异常（连续失败 " + state.consecutiveFailures() + " 次）",
                    "failing (" + state.consecutiveFailures() + " cycles in a row)")) + "</span>";
        }
        if (state.consecutiveFailures() > 0) {
            return "<span class=\"status status-acknowledged\">" + escape(t(who, "最近失败", "failed lately")) + "</span>";
        }
        return state.lastSuccess() == null ? "<span class=\"status\">" + escape(t(who, "尚未抓取", "not crawled yet")) + "</span>"
                : "<span class=\"status status-resolved\">" + escape(t(who, "正常", "healthy")) + "</span>";
    }

    static String kindLabel(Caller who, SourceConfig s) {
        return switch (s.kind().code()) {
            case "rss" -> "RSS/Atom";
            case "html-list" -> t(who, "列表页", "list page");
            case "sitemap" -> t(who, "站点地图", "sitemap");
            case "site-search" -> t(who, "站内搜索", "site search");
            case "forum" -> t(who, "论坛", "forum");
            case "json-api" -> t(who, "数据接口", "JSON API");
            default -> s.kind().code();
        };
    }

    /** The add form: the common fields, or a YAML definition for every setting; {@code yaml} refills it after an error. */
    String addForm(Caller who, String yaml, String error, SourceTrial.Result trial) {
        StringBuilder b = new StringBuilder("<h1>").append(escape(t(who, "添加监测源", "Add a source"))).append("</h1>");
        if (error != null) {
            b.append("<p class=\"error\" id=\"source-error\">").append(escape(error)).append("</p>");
        }
        b.append("<p class=\"meta\">").append(escape(t(who,
                "填写监测源定义（与配置文件中 sources 下的一项格式相同）。可先“试抓取”查看将提取到的内容，确认无误后再“添加”。",
                "Write the source's definition (the shape of one entry under sources in the configuration file). "
                        + "\"Test\" shows what would be extracted; \"Add\" starts crawling it."))).append("</p>");
        String example = """
                id: city-news
                name: %s
                kind: html-list          # rss | html-list | sitemap | site-search | forum | json-api
                url: https://news.example.cn/local/
                every: 10m
                linkPattern: '/\\d{8}/[a-z0-9-]+\\.html$'
                """.formatted(t(who, "市新闻网 · 本地", "City News · Local"));
        b.append("<form method=\"post\" action=\"/sources\" id=\"source-form\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(escape(who.csrfToken())).append("\"><textarea name=\"definition\" id=\"definition\" rows=\"12\" spellcheck=\"false\" aria-label=\"")
                .append(escape(t(who, "监测源定义（YAML）", "Source definition (YAML)"))).append("\" placeholder=\"").append(escape(example)).append("\">")
                .append(escape(yaml == null ? "" : yaml)).append("</textarea><p>")
                .append("<button type=\"submit\" name=\"do\" value=\"try\" class=\"secondary\" id=\"try-source\">")
                .append(escape(t(who, "试抓取", "Test"))).append("</button> ")
                .append("<button type=\"submit\" name=\"do\" value=\"add\" id=\"save-source\">").append(escape(t(who, "添加", "Add")))
                .append("</button> <a href=\"/sources\">").append(escape(t(who, "返回", "Back"))).append("</a></p></form>");
        if (trial != null) {
            b.append(trialHtml(who, trial));
        }
        return ConsolePages.page(t(who, "添加监测源", "Add a source"), "sources", b.toString(), who);
    }

    /** What one test cycle found: every crawled string escaped. */
    static String trialHtml(Caller who, SourceTrial.Result trial) {
        CycleReport report = trial.report();
        StringBuilder b = new StringBuilder("<section id=\"trial\"><h2>").append(escape(t(who, "试抓取结果：", "Test result: ")))
                .append(escape(trial.source().name())).append("</h2><p class=\"meta\">")
                .append(escape(t(who, "发现链接 " + report.linksFound() + " 个，读取文章 " + report.newDocuments() + " 篇，失败 "
                                + report.failures() + " 个，用时 " + report.took().toMillis() + " 毫秒；未保存任何内容。",
                        report.linksFound() + " links, " + report.newDocuments() + " articles read, " + report.failures()
                                + " failures, " + report.took().toMillis() + " ms; nothing was stored.")))
                .append("</p>");
        if (!report.problems().isEmpty()) {
            b.append("<ul class=\"problems\">");
            report.problems().stream().limit(10).forEach(p -> b.append("<li>").append(escape(Html.abbreviate(p, 300))).append("</li>"));
            b.append("</ul>");
        }
        b.append("<table><thead><tr><th>").append(escape(t(who, "标题", "Title"))).append("</th><th>")
                .append(escape(t(who, "发布时间", "Published"))).append("</th><th>").append(escape(t(who, "作者 / 来源", "Author / outlet")))
                .append("</th><th>").append(escape(t(who, "正文", "Text"))).append("</th><th>").append(escape(t(who, "名单企业", "Watchlist")))
                .append("</th><th>").append(escape(t(who, "风险", "Risk"))).append("</th></tr></thead><tbody>");
        for (SourceTrial.Item item : trial.items()) {
            var d = item.document();
            b.append("<tr><td><a href=\"").append(Html.hrefOrHash(d.url())).append("\" rel=\"noopener noreferrer nofollow\">")
                    .append(escape(d.title())).append("</a></td><td class=\"meta\">")
                    .append(d.publishedAt() == null ? escape(t(who, "（未找到）", "(not found)")) : ConsolePages.formatTime(d.publishedAt()))
                    .append("</td><td>").append(escape(d.author().isEmpty() ? "—" : d.author())).append(" / ")
                    .append(escape(d.outlet().isEmpty() ? "—" : d.outlet())).append("</td><td>")
                    .append(escape(t(who, d.text().length() + " 字：", d.text().length() + " chars: ")))
                    .append(escape(Html.abbreviate(d.text().replaceAll("\\s+", " ").strip(), 120))).append("</td><td>")
                    .append(escape(item.mentions().stream().map(m -> m.name()).distinct().collect(Collectors.joining("、"))))
                    .append("</td><td>").append(item.risk().score()).append(" ").append(escape(item.risk().level().code()))
                    .append("</td></tr>");
        }
        return b.append("</tbody></table></section>").toString();
    }

    // ---- handlers -------------------------------------------------------------------------------------------------

    void page(Context ctx, Caller who) throws SQLException {
        ctx.html(list(who, ctx.queryParam("msg")));
    }

    void newForm(Context ctx, Caller who) {
        if (!requireAdmin(ctx, who)) {
            return;
        }
        ctx.html(addForm(who, "", null, null));
    }

    /** POST /sources: "try" runs one test cycle of the definition in the form, "add" stores it and schedules it. */
    void submit(Context ctx, Caller who) throws SQLException {
        if (!requireAdmin(ctx, who)) {
            return;
        }
        String definition = ctx.formParam("definition") == null ? "" : ctx.formParam("definition");
        SourceConfig source;
        try {
            source = new ConfigLoader().source(definition, t(who, "监测源定义", "definition"));
        } catch (ConfigException e) {
            ctx.status(400).html(addForm(who, definition, e.getMessage(), null));
            return;
        }
        if ("try".equals(ctx.formParam("do"))) {
            ctx.html(addForm(who, definition, null, service.trySource(source, TRIAL_LIMIT)));
            return;
        }
        switch (service.sourceRegistry().add(source, who.user().name())) {
            case SourceChange.Done done -> {
                service.syncSources();
                redirect(ctx, t(who, "已添加监测源 " + source.id() + "，一分钟内开始抓取", done.message()));
            }
            case SourceChange.Refused refused -> ctx.status(409).html(addForm(who, definition, refused.message(), null));
        }
    }

    /** POST /sources/{id}/{action}: pause, resume, remove or test. */
    void action(Context ctx, Caller who) throws SQLException {
        if (!requireAdmin(ctx, who)) {
            return;
        }
        String id = ctx.pathParam("id");
        String action = ctx.pathParam("action");
        if (action.equals("test")) {
            var found = service.sourceRegistry().find(id);
            if (found.isEmpty()) {
                ctx.status(404).html(ConsolePages.page(t(who, "监测源不存在", "No such source"), "sources",
                        "<p>" + escape(t(who, "没有这个监测源：", "No such source: ") + id) + "</p>", who));
                return;
            }
            ctx.html(ConsolePages.page(t(who, "试抓取", "Test"), "sources", "<p><a href=\"/sources\">"
                    + escape(t(who, "返回监测源", "Back to sources")) + "</a></p>"
                    + trialHtml(who, service.trySource(found.get().source(), TRIAL_LIMIT)), who));
            return;
        }
        SourceChange change = switch (action) {
            case "pause" -> service.sourceRegistry().pause(id, who.user().name());
            case "resume" -> service.sourceRegistry().resume(id, who.user().name());
            case "remove" -> service.sourceRegistry().remove(id, who.user().name());
            default -> null;
        };
        if (change == null) {
            ctx.status(404).html(ConsolePages.page(t(who, "页面不存在", "Not found"), "sources", "", who));
            return;
        }
        switch (change) {
            case SourceChange.Done done -> {
                service.syncSources();
                redirect(ctx, t(who, switch (action) {
                    case "pause" -> "已暂停 " + id;
                    case "resume" -> "已恢复 " + id + "，一分钟内重新抓取";
                    default -> "已删除 " + id + "（已抓取的文档保留）";
                }, done.message()));
            }
            case SourceChange.Refused refused -> ctx.status(refused.reason() == SourceChange.Reason.NOT_FOUND ? 404 : 409)
                    .html(ConsolePages.page(t(who, "无法完成", "Not done"), "sources", "<p class=\"error\">"
                            + escape(refused.message()) + "</p><p><a href=\"/sources\">" + escape(t(who, "返回", "Back")) + "</a></p>", who));
        }
    }

    private static void redirect(Context ctx, String message) {
        ctx.redirect("/sources?msg=" + URLEncoder.encode(message, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private static boolean requireAdmin(Context ctx, Caller who) {
        if (who.user().role() == Role.ADMIN) {
            return true;
        }
        ctx.status(403).html(ConsolePages.page(t(who, "无权操作", "Not allowed"), "sources",
                "<p>" + escape(t(who, "只有管理员可以添加、暂停、恢复、删除或试抓取监测源。",
                        "Only administrators can add, pause, resume, remove or test sources.")) + "</p>", who));
        return false;
    }

    /** One source as the API shows it. */
    static Map<String, Object> json(RegisteredSource r, SourceState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        SourceConfig s = r.source();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("kind", s.kind().code());
        m.put("url", s.url());
        m.put("every", Durations.format(s.every()));
        m.put("origin", r.origin() == RegisteredSource.Origin.CONFIG ? "config" : "added");
        m.put("paused", r.paused());
        m.put("changedBy", r.changedBy().isEmpty() ? null : r.changedBy());
        m.put("changedAt", r.changedAt() == null ? null : r.changedAt().toString());
        m.put("consecutiveFailures", state.consecutiveFailures());
        m.put("failing", state.failing());
        m.put("lastSuccess", state.lastSuccess() == null ? null : state.lastSuccess().toString());
        m.put("lastError", state.lastError());
        return m;
    }

    static Map<String, Object> trialJson(SourceTrial.Result trial) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", trial.source().id());
        m.put("linksFound", trial.report().linksFound());
        m.put("articlesRead", trial.report().newDocuments());
        m.put("failures", trial.report().failures());
        m.put("problems", trial.report().problems());
        m.put("tookMillis", trial.report().took().toMillis());
        m.put("items", trial.items().stream().map(item -> {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("url", item.document().url());
            i.put("title", item.document().title());
            i.put("publishedAt", item.document().publishedAt() == null ? null : item.document().publishedAt().toString());
            i.put("author", item.document().author());
            i.put("outlet", item.document().outlet());
            i.put("textChars", item.document().text().length());
            i.put("enterprises", item.mentions().stream().map(x -> x.name()).distinct().toList());
            i.put("score", item.risk().score());
            i.put("level", item.risk().level().code());
            return i;
        }).toList());
        return m;
    }
}
