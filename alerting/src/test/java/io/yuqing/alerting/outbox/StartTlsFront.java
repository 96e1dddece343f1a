package io.yuqing.alerting.outbox;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * STARTTLS in front of a plain GreenMail (whose version here has no STARTTLS): greets, answers EHLO offering
 * STARTTLS, upgrades the connection with the test's certificate, then joins the client to GreenMail, whose EHLO, AUTH
 * and mail handling the client gets from there on. Notes which SMTP commands came after the upgrade (so a test can
 * see AUTH went over TLS) and counts connections. Refuses anything else before the upgrade, as servers that require
 * TLS do.
 */
final class StartTlsFront implements AutoCloseable {
    private final ServerSocket socket;
    private final SSLContext tls;
    private final int backendPort;
    private final boolean offerStartTls;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> commandsOverTls = new CopyOnWriteArrayList<>();
    private final List<String> commandsInClear = new CopyOnWriteArrayList<>();

    StartTlsFront(SSLContext tls, int backendPort, boolean offerStartTls) throws IOException {
        this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.backendPort = backendPort;
        this.offerStartTls = offerStartTls;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** The verb of each command sent after the upgrade (EHLO, AUTH, MAIL, RCPT, DATA, QUIT …). */
    List<String> commandsOverTls() {
        return List.copyOf(commandsOverTls);
    }

    /** Commands sent before any upgrade. */
    List<String> commandsInClear() {
        return List.copyOf(commandsInClear);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            // Unbuffered reads before the upgrade: no byte of the TLS handshake may be swallowed by a reader.
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            reply(out, "220 front.test ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                String verb = verb(line);
                commandsInClear.add(verb);
                switch (verb) {
                    case "EHLO" -> reply(out, offerStartTls ? "250-front.test\r\n250 STARTTLS" : "250 front.test");
                    case "STARTTLS" -> {
                        if (!offerStartTls) {
                            reply(out, "502 5.5.1 not implemented");
                            continue;
                        }
                        reply(out, "220 2.0.0 ready to start TLS");
                        SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(client,
                                client.getInetAddress().getHostAddress(), client.getPort(), true);
                        upgraded.setUseClientMode(false);
                        upgraded.startHandshake();
                        joinBackend(upgraded);
                        return;
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "530 5.7.0 Must issue a STARTTLS command first");
                }
            }
        } catch (IOException e) {
            // the client went away or refused our certificate
        }
    }

    /** GreenMail's greeting was already given by us: drop its own, then copy both ways until either side ends. */
    private void joinBackend(SSLSocket client) throws IOException {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            BufferedReader greeting = new BufferedReader(new InputStreamReader(backend.getInputStream(),
                    StandardCharsets.US_ASCII));
            String first = greeting.readLine(); // one line: GreenMail greets with a single 220
            if (first == null || !first.startsWith("220")) {
                throw new IOException("backend greeting: " + first);
            }
            Thread toClient = Thread.ofVirtual().start(() -> copy(greeting, client));
            InputStream fromClient = client.getInputStream();
            OutputStream toBackend = backend.getOutputStream();
            boolean inData = false;
            String line;
            while ((line = readLine(fromClient)) != null) {
                if (!inData) {
                    commandsOverTls.add(verb(line));
                }
                // Only SMTP commands are noted, not the mail text between DATA and its final dot.
                inData = inData ? !line.equals(".") : verb(line).equals("DATA");
                toBackend.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                toBackend.flush();
            }
            backend.shutdownOutput();
            toClient.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(BufferedReader from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            String line;
            while ((line = from.readLine()) != null) {
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
        }
    }

    /** A CRLF-terminated line read byte by byte (ISO-8859-1 keeps 8-bit mail text intact), or null at the end. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static String verb(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
