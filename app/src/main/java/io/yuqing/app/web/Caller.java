package io.yuqing.app.web;

import io.yuqing.app.security.Session;
import io.yuqing.app.security.User;

/** Who is making a request: a browser session (with its CSRF token) or an API token (session null), and in which language. */
record Caller(User user, Session session, Messages messages) {
    String csrfToken() {
        return session == null ? "" : session.csrfToken();
    }
}
