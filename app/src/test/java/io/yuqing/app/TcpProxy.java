package io.yuqing.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a server (the database, an Elasticsearch node). {@link #cut()} closes every
 * connection and the listening socket, so new connections are refused, as when the server's host goes away;
 * {@link #restore()} listens again on the same port.
 */
final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;

    private TcpProxy(int targetPort, ServerSocket listener) {
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    static TcpProxy to(int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(targetPort, listen(0));
        proxy.acceptLoop(proxy.listener);
        return proxy;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    int port() {
        return port;
    }

    private void acceptLoop(ServerSocket server) {
        Thread.ofVirtual().name("proxy-accept").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    // The listener was closed by cut() or close(), or one connection failed: the loop decides.
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().name("proxy-pipe").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // Connection closed on either side.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    /** Closes every connection and stops listening: the server is gone. */
    void cut() {
        closeQuietly(listener);
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** Listens again on the same port. */
    void restore() throws IOException {
        listener = listen(port);
        acceptLoop(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
