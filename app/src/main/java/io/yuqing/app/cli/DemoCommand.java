package io.yuqing.app.cli;

import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.security.Role;
import io.yuqing.app.security.Secrets;
import io.yuqing.app.security.UserStore;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

@Command(name = "demo", description = "Run the whole pipeline against a built-in demo news site (fictional city 青州市).")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "console port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data", description = "data directory (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--cycles", paramLabel = "N", description = "run N crawl cycles and exit, without the console")
    Integer cycles;

    @Option(names = "--smtp", paramLabel = "HOST:PORT", description = "also send the alert mails to this SMTP server")
    String smtp;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        // The demo site keeps one port per console port, so its URLs (and so document ids) survive a restart.
        try (DemoSite site = DemoSite.start(clock, demoSitePort(port))) {
            YuqingConfig config = demoConfig(site.baseUrl(), data, port, smtp);
            if (cycles != null) {
                ServiceRunner.runCycles(config, clock, cycles, out);
                return 0;
            }
            ServiceRunner.Running running = ServiceRunner.start(config, clock);
            int consolePort = running.console().port();
            String adminLogin = demoAdmin(running.console().users());
            out.println();
            out.println("  Yuqing 舆情风险监测 demo is running.");
            out.println();
            out.printf("  Console (alerts appear within a minute):  http://localhost:%d/alerts%n", consolePort);
            out.printf("  Console login:                            %s%n", adminLogin);
            out.printf("  Mails to the desks (outbox):              http://localhost:%d/outbox%n", consolePort);
            out.printf("  Demo news site being crawled:             %s/%n", site.baseUrl());
            out.printf("  Metrics for Prometheus:                   http://localhost:%d/metrics%n", consolePort);
            out.printf("  Data directory:                           %s%n", data.toAbsolutePath().normalize());
            out.println();
            out.println("  Press Ctrl-C to stop.");
            out.flush();
            ServiceRunner.awaitShutdown(running);
        }
        return 0;
    }

    /** Creates the demo's admin with a fresh random password, once; there is never a default password. */
    static String demoAdmin(UserStore users) {
        String password = Secrets.password();
        return switch (users.add("admin", Role.ADMIN, null, password, List.of(), "demo")) {
            case UserStore.AddResult.Added added -> "user admin, password " + password + "  (shown only now)";
            case UserStore.AddResult.AlreadyExists exists -> "admin already exists (password set when it was created;"
                    + " add another user with 'yuqing user add NAME --role admin --data DIR')";
            case UserStore.AddResult.Invalid invalid -> throw new IllegalStateException("demo admin refused: " + invalid.message());
        };
    }

    static int demoSitePort(int consolePort) {
        return consolePort == 0 || consolePort >= 65535 ? 0 : consolePort + 1;
    }

    /** The demo's configuration: demo-config.yml with the demo site's address, data directory and port filled in. */
    public static YuqingConfig demoConfig(String siteBaseUrl, Path dataDir, int port, String smtp) throws ConfigException, IOException {
        String template;
        try (InputStream in = Objects.requireNonNull(DemoCommand.class.getResourceAsStream("/demo/demo-config.yml"))) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String watchlist;
        try (InputStream in = Objects.requireNonNull(DemoCommand.class.getResourceAsStream("/demo/watchlist.csv"))) {
            watchlist = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        YuqingConfig config = new ConfigLoader().load(template.replace("${SITE}", siteBaseUrl), "demo-config.yml");
        config = config.withDataDir(dataDir)
                .withServer(config.server().withPort(port))
                .withWatchlist(new io.yuqing.core.config.WatchlistConfig("",
                        io.yuqing.core.config.WatchlistCsv.parse(watchlist, "demo/watchlist.csv")));
        if (smtp != null) {
            int colon = smtp.lastIndexOf(':');
            if (colon < 1) {
                throw new ConfigException("--smtp must be HOST:PORT, not '" + smtp + "'");
            }
            try {
                config = config.withSmtp(config.smtp().withServer(smtp.substring(0, colon), Integer.parseInt(smtp.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--smtp must be HOST:PORT, not '" + smtp + "'");
            }
        }
        return config;
    }
}
