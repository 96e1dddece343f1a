package io.yuqing.app.web;

import io.yuqing.app.service.YuqingService;
import io.yuqing.core.model.PageCopy;
import io.yuqing.core.text.Html;

import static io.yuqing.core.text.Html.escape;

/** The page that shows a kept copy of a crawled page, and the link to it from an alert. */
final class PageCopyPage {
    private PageCopyPage() {
    }

    private static String t(Caller who, String zh, String en) {
        return who != null && who.messages().english() ? en : zh;
    }

    /** "View the kept copy" when one was kept, else nothing (pages crawled before copies were kept have none). */
    static String link(YuqingService service, String documentId, Caller who) {
        try {
            if (service.pageCopies().find(documentId).isEmpty()) {
                return "";
            }
        } catch (java.sql.SQLException e) {
            return "";
        }
        return "<p><a id=\"page-copy\" href=\"/documents/" + escape(documentId) + "/copy\" target=\"_blank\" rel=\"noopener\">"
                + escape(t(who, "查看原网页存档（已净化，原文被修改或删除后仍可查看）",
                "View the kept copy of the page (sanitised; stays after the original is edited or deleted)")) + "</a></p>";
    }

    /**
     * The copy with a banner saying what it is. The copy's HTML went through the crawler's sanitiser when it was kept;
     * the banner's strings are escaped here.
     */
    static String render(PageCopy copy, Caller who) {
        String lang = who != null && who.messages().english() ? "en" : "zh-CN";
        return "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>"
                + escape(t(who, "网页存档", "Kept copy")) + "</title><link rel=\"stylesheet\" href=\"/static/console.css\"></head>"
                + "<body class=\"page-copy\"><header class=\"copy-banner\" id=\"copy-banner\"><b>"
                + escape(t(who, "网页存档", "Kept copy")) + "</b> · " + escape(t(who, "抓取时间：", "fetched "))
                + ConsolePages.formatTime(copy.fetchedAt()) + " · " + escape(t(who, "原地址：", "original: "))
                + "<a href=\"" + Html.hrefOrHash(copy.url()) + "\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">"
                + escape(Html.abbreviate(copy.url(), 120)) + "</a><br><span class=\"meta\">"
                + escape(t(who, "脚本、样式、表单、图片和外部资源已移除；内容以抓取时为准。",
                "Scripts, styles, forms, images and remote resources were removed; this is the page as it was when fetched."))
                + "</span></header><article class=\"copy\" id=\"copy\">" + copy.sanitizedHtml() + "</article></body></html>";
    }
}
