package io.yuqing.crawler.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 with an ephemeral port, one handler per path; records every request path. */
public final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** Released on close so handlers that hang (to provoke timeouts) end. */
    private final CountDownLatch closing = new CountDownLatch(1);

    public TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Handlers that never answer must not block the others.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<String> requests() {
        return requests;
    }

    public long requestCount(String path) {
        return requests.stream().filter(path::equals).count();
    }

    public TestServer handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path) && !path.endsWith("/")) {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                handler.handle(exchange);
            }
        });
        return this;
    }

    public TestServer page(String path, String contentType, byte[] body) {
        return handle(path, ex -> send(ex, 200, contentType, body));
    }

    public TestServer html(String path, String html) {
        return page(path, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public TestServer status(String path, int status) {
        return handle(path, ex -> send(ex, status, "text/plain", ("status " + status).getBytes(StandardCharsets.UTF_8)));
    }

    public TestServer redirect(String path, String location) {
        return handle(path, ex -> {
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(302, -1);
        });
    }

    /** Accepts the request and never answers (until the server closes). */
    public TestServer hang(String path) {
        return handle(path, ex -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
