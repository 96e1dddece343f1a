package io.yuqing.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web site on 127.0.0.1 that a test writes as one function from request to {@link Reply}: the sites that
 * crawler-facing app tests serve their pages, feeds and search results from. Each request runs on its own virtual
 * thread, so a page that is slow on purpose holds up no other; a client that hangs up mid-reply is not an error.
 */
final class LoopbackSite implements AutoCloseable {
    /** What the site answers one request with. */
    @FunctionalInterface
    interface Pages {
        Reply reply(HttpExchange request) throws IOException;
    }

    /** A status, a Content-Type and the body's bytes (empty: no body). */
    record Reply(int status, String contentType, byte[] body) {
        /** 200 with UTF-8 HTML. */
        static Reply html(String html) {
            return of(200, "text/html; charset=utf-8", html);
        }

        /** This status and type with the text as UTF-8. */
        static Reply of(int status, String contentType, String text) {
            return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        /** 404 with no body. */
        static Reply notFound() {
            return new Reply(404, "text/plain", new byte[0]);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackSite(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static LoopbackSite start(Pages pages) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1 for a test site", e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Reply reply = pages.reply(exchange);
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
                if (reply.body().length > 0) {
                    exchange.getResponseBody().write(reply.body());
                }
            } catch (IOException clientGone) {
                // The crawler stopped reading (its timeout or size cap): there is no one left to answer.
            }
        });
        server.start();
        return new LoopbackSite(server, executor);
    }

    /** Scheme, host and port without a trailing slash, e.g. http://127.0.0.1:41234. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        // Interrupts a reply still held back on purpose (a slow page) instead of waiting it out.
        executor.shutdownNow();
    }
}
