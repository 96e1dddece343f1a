package io.yuqing.alerting.outbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal real SMTP server on loopback that answers RCPT TO with a chosen reply, for the refusals GreenMail
 * cannot be told to give (451 try later, 550 no such user), counts the connections it was given and can hang up on
 * its clients as an idle timeout or a restart would.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private volatile String rcptReply;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    ScriptedSmtpServer(String rcptReply) throws IOException {
        this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.rcptReply = rcptReply;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** From now on RCPT TO is answered with this line. */
    void replyToRcpt(String reply) {
        this.rcptReply = reply;
    }

    /** Connections clients opened so far. */
    int connections() {
        return connections.get();
    }

    /** Connections open now (a client's QUIT or our hanging up ends one). */
    int openConnections() {
        return open.size();
    }

    /** Closes every client connection without a word, as a server's idle timeout or restart does. */
    void hangUp() throws IOException {
        for (Socket s : open) {
            s.close();
        }
    }

    /** Messages this server accepted with 250 after DATA. */
    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                open.add(client);
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (cmd) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted.test");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "RCPT" -> reply(out, rcptReply);
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // the message body is discarded
                        }
                        accepted.incrementAndGet();
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // client went away, or we hung up
        } finally {
            open.remove(client);
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
