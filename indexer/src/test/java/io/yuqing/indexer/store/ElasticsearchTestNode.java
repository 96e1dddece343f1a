package io.yuqing.indexer.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real single-node Elasticsearch for tests, from the integration-test distribution in the local Maven repository
 * (see ../shared/notes/elasticsearch-testing.md): unzipped into target/, heap 512 MB, random loopback ports, run as
 * uid 65534 when the tests run as root (Elasticsearch refuses root). Stopped with SIGTERM by {@link #close()} and by a
 * JVM shutdown hook should the tests die first. Published in this module's test-jar for the app's fault tests.
 */
public final class ElasticsearchTestNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchTestNode.class);
    public static final String VERSION = "9.5.3";
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final String NOBODY = "65534";

    private final ProcessHandle server;
    private final URI uri;
    private final Thread shutdownHook;

    private ElasticsearchTestNode(ProcessHandle server, URI uri) {
        this.server = server;
        this.uri = uri;
        this.shutdownHook = new Thread(this::stop, "stop-test-elasticsearch");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public URI uri() {
        return uri;
    }

    /** The distribution zip: system property {@code yuqing.es.zip} (set by the build), else the local Maven repository. */
    public static Optional<Path> distribution() {
        String property = System.getProperty("yuqing.es.zip", "");
        Path zip = !property.isBlank() && !property.startsWith("${") ? Path.of(property)
                : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "elasticsearch", "distribution",
                "integ-test-zip", "elasticsearch", VERSION, "elasticsearch-" + VERSION + ".zip");
        return Files.isRegularFile(zip) ? Optional.of(zip) : Optional.empty();
    }

    public static ElasticsearchTestNode start(Path zip, Path targetDir) throws IOException, InterruptedException {
        Path home = unpack(zip, targetDir);
        int httpPort = freePort();
        int transportPort = freePort();
        Path work = Files.createDirectories(targetDir.resolve("es-node-" + httpPort));
        Path config = work.resolve("config");
        copyTree(home.resolve("config"), config);
        Path data = Files.createDirectories(work.resolve("data"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Path pidFile = work.resolve("es.pid");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", NOBODY + ":" + NOBODY, work.toString()));
        }
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of(home.resolve("bin/elasticsearch").toString(), "-d", "-p", pidFile.toString(),
                "-E", "discovery.type=single-node", "-E", "network.host=127.0.0.1",
                "-E", "http.port=" + httpPort, "-E", "transport.port=" + transportPort,
                "-E", "xpack.security.enabled=false", "-E", "cluster.routing.allocation.disk.threshold_enabled=false",
                "-E", "path.data=" + data, "-E", "path.logs=" + logs));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("launcher.log").toFile());
        pb.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m -XX:-AlwaysPreTouch");
        pb.environment().put("ES_PATH_CONF", config.toString());
        pb.environment().put("ES_TMPDIR", tmp.toString());
        Instant started = Instant.now();
        Process launcher = pb.start();
        int exit = launcher.waitFor();
        if (exit != 0 || !Files.exists(pidFile)) {
            throw new IOException("Elasticsearch did not start (exit " + exit + "): "
                    + Files.readString(work.resolve("launcher.log"), StandardCharsets.UTF_8));
        }
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IOException("Elasticsearch process " + pid + " is gone"));
        ElasticsearchTestNode node = new ElasticsearchTestNode(server, URI.create("http://127.0.0.1:" + httpPort));
        try {
            node.awaitYellow(started.plus(START_DEADLINE));
        } catch (IOException | RuntimeException | InterruptedException e) {
            node.close();
            throw e;
        }
        log.info("Elasticsearch {} up at {} in {} ms", VERSION, node.uri, Duration.between(started, Instant.now()).toMillis());
        return node;
    }

    private void awaitYellow(Instant deadline) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest health = HttpRequest.newBuilder(uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=5s"))
                    .timeout(Duration.ofSeconds(10)).build();
            while (Instant.now().isBefore(deadline)) {
                if (!server.isAlive()) {
                    throw new IOException("Elasticsearch exited while starting");
                }
                try {
                    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // the port opens a few seconds after the process starts
                }
                Thread.sleep(500);
            }
        }
        throw new IOException("Elasticsearch at " + uri + " was not yellow within " + START_DEADLINE);
    }

    /**
     * Sends one REST request to the node (for tests that change cluster settings or look at index settings) and
     * returns the body; a status other than 2xx is an IOException carrying the body.
     */
    public String request(String method, String path, String jsonBody) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(30));
            b = jsonBody == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stop() {
        if (!server.isAlive()) {
            return;
        }
        server.destroy(); // SIGTERM: Elasticsearch shuts down cleanly in 1–3 s
        try {
            server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            server.destroyForcibly();
        }
    }

    /** Unzips once per build; a marker file says the unpacking finished. */
    private static Path unpack(Path zip, Path targetDir) throws IOException {
        Path home = targetDir.resolve("elasticsearch-" + VERSION);
        Path done = targetDir.resolve("elasticsearch-" + VERSION + ".unpacked");
        if (Files.exists(done)) {
            return home;
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path out = targetDir.resolve(e.getName()).normalize();
                if (!out.startsWith(targetDir)) {
                    throw new IOException("zip entry outside the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        // java.util.zip drops the Unix modes: the launch scripts must be executable.
        try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
            for (Path p : bin.toList()) {
                p.toFile().setExecutable(true, false);
            }
        }
        Files.createFile(done);
        return home;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
