package io.yuqing.app.web;

import io.javalin.http.Context;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.app.security.Role;
import io.yuqing.app.security.User;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the alert inbox shows: every field optional (null means any). {@code openOnly} stands for "new or
 * acknowledged"; dates are whole days in China time, both ends included. Values a hand-edited URL gets wrong are
 * dropped and listed in {@code ignored} so the page can say so instead of failing.
 */
record InboxFilter(RiskLevel level, AlertStatus status, boolean openOnly, String deskId, String enterpriseId,
                   RiskCategory category, String district, LocalDate from, LocalDate to, List<String> ignored) {
    static final String OPEN = "open";

    InboxFilter {
        ignored = List.copyOf(ignored);
    }

    static InboxFilter none() {
        return new InboxFilter(null, null, false, null, null, null, null, null, null, List.of());
    }

    static InboxFilter from(Context ctx) {
        List<String> ignored = new ArrayList<>();
        RiskLevel level = null;
        String l = blank(ctx.queryParam("level"));
        if (l != null) {
            try {
                level = RiskLevel.fromCode(l);
            } catch (IllegalArgumentException e) {
                ignored.add(l);
            }
        }
        AlertStatus status = null;
        boolean open = false;
        String s = blank(ctx.queryParam("status"));
        if (OPEN.equals(s)) {
            open = true;
        } else if (s != null) {
            status = ConsoleServer.statusOrNull(s);
            if (status == null) {
                ignored.add(s);
            }
        }
        RiskCategory category = null;
        String c = blank(ctx.queryParam("category"));
        if (c != null) {
            try {
                category = RiskCategory.fromCode(c);
            } catch (IllegalArgumentException e) {
                ignored.add(c);
            }
        }
        return new InboxFilter(level, status, open, blank(ctx.queryParam("desk")), blank(ctx.queryParam("enterprise")),
                category, blank(ctx.queryParam("district")), date(ctx.queryParam("from"), ignored),
                date(ctx.queryParam("to"), ignored), ignored);
    }

    /** Narrowed to what the user may see: a desk member only ever sees its own desk's alerts. */
    InboxFilter restrictTo(User user) {
        return user.role() == Role.DESK ? withDesk(user.deskId()) : this;
    }

    InboxFilter withLevel(RiskLevel l) {
        return new InboxFilter(l, status, openOnly, deskId, enterpriseId, category, district, from, to, ignored);
    }

    InboxFilter withDesk(String d) {
        return new InboxFilter(level, status, openOnly, d, enterpriseId, category, district, from, to, ignored);
    }

    InboxFilter withEnterprise(String e) {
        return new InboxFilter(level, status, openOnly, deskId, e, category, district, from, to, ignored);
    }

    /** Only alerts still to be handled: new or acknowledged. */
    InboxFilter onlyOpen() {
        return new InboxFilter(level, null, true, deskId, enterpriseId, category, district, from, to, ignored);
    }

    /** The query string for this filter and an offset, HTML-escaped for an href attribute. */
    String link(String path, int offset) {
        StringBuilder q = new StringBuilder(path).append('?');
        param(q, "level", level == null ? null : level.code());
        param(q, "status", openOnly ? OPEN : status == null ? null : status.code());
        param(q, "desk", deskId);
        param(q, "enterprise", enterpriseId);
        param(q, "category", category == null ? null : category.code());
        param(q, "district", district);
        param(q, "from", from == null ? null : from.toString());
        param(q, "to", to == null ? null : to.toString());
        q.append("offset=").append(offset);
        return q.toString();
    }

    private static void param(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append(name).append('=').append(io.yuqing.core.text.Html.escape(URLEncoder.encode(value, StandardCharsets.UTF_8)))
                    .append("&amp;");
        }
    }

    private static LocalDate date(String value, List<String> ignored) {
        String v = blank(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            ignored.add(v);
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
