package io.yuqing.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.app.cli.DemoCommand;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.security.Role;
import io.yuqing.app.security.UserStore;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The running service most app tests need, built in one place: {@link YuqingService} on the test's data directory
 * (H2 unless the config names another database), optionally fed by the demo news site on loopback, mailing to a
 * GreenMail server, with the console on a free loopback port and its staff accounts (added once, checked added).
 * {@link #close()} stops what it started, the console first and the demo site last (a site the test handed in stays
 * the test's), also when starting failed half-way.
 */
final class ServiceFixture implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin password 1";
    static final String VIEWER_PASSWORD = "viewer password";

    private final DemoSite site;
    private final boolean ownsSite;
    private final YuqingConfig config;
    private final PrometheusMeterRegistry registry;
    private final YuqingService service;
    private final ConsoleServer console;
    private final Clock clock;
    private final Map<String, String> passwords;

    private ServiceFixture(DemoSite site, boolean ownsSite, YuqingConfig config, PrometheusMeterRegistry registry,
                           YuqingService service, ConsoleServer console, Clock clock, Map<String, String> passwords) {
        this.site = site;
        this.ownsSite = ownsSite;
        this.config = config;
        this.registry = registry;
        this.service = service;
        this.console = console;
        this.clock = clock;
        this.passwords = passwords;
    }

    /** A service on this config. */
    static Builder on(YuqingConfig config) {
        return new Builder(Objects.requireNonNull(config), null, null);
    }

    /** A service on the demo config ({@code yuqing demo}'s), crawling the demo news site started for it. */
    static Builder onDemoSite(Path dataDir) {
        return new Builder(null, Objects.requireNonNull(dataDir), null);
    }

    /**
     * A service on the demo config crawling a demo site the test started and closes itself (it outlives this
     * service: a restart on the same data directory, or other parts started with it).
     */
    static Builder onDemoSite(DemoSite site, Path dataDir) {
        return new Builder(null, Objects.requireNonNull(dataDir), Objects.requireNonNull(site));
    }

    /**
     * The small config many tests share: the publicity desk (宣传部, xc@example.gov.cn) and a watchlist of one
     * enterprise with one short name, nothing else.
     */
    static YuqingConfig publicityDeskWatching(Path dataDir, String enterprise, String shortName) throws Exception {
        return new ConfigLoader().load("""
                dataDir: %s
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                watchlist:
                  enterprises:
                    - name: %s
                      shortNames: [%s]
                """.formatted(dataDir, enterprise, shortName), "test.yml");
    }

    /**
     * Crawls only the demo site's first list page (source demo-list) with a service of its own on this demo config,
     * closed again before this returns: the data directory and index then hold some of the demo articles, not all.
     * Returns how many documents the index holds.
     */
    static long crawlFirstListPageOnly(YuqingConfig demoConfig, Clock clock) throws Exception {
        YuqingConfig firstPage = demoConfig.withSources(demoConfig.sources().stream().filter(s -> s.id().equals("demo-list")).toList());
        try (YuqingService first = YuqingService.open(firstPage, clock, ServiceRunner.newRegistry())) {
            first.crawlOnce();
            return first.store().count();
        }
    }

    YuqingService service() {
        return service;
    }

    /** The config the service runs on, after every adjustment: to open it again on the same data directory. */
    YuqingConfig config() {
        return config;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The demo site; only for fixtures built {@link #onDemoSite}. */
    DemoSite site() {
        if (site == null) {
            throw new IllegalStateException("this fixture runs no demo site");
        }
        return site;
    }

    /** The console; only for fixtures built with {@link Builder#console()} or a user. */
    ConsoleServer console() {
        if (console == null) {
            throw new IllegalStateException("this fixture runs no console");
        }
        return console;
    }

    /** The console's address, e.g. http://127.0.0.1:41234. */
    String base() {
        return "http://127.0.0.1:" + console().port();
    }

    /** A browser that has not logged in. */
    ConsoleClient client() {
        return new ConsoleClient(base());
    }

    /** A browser logged in through the form as a user the builder added (the login must succeed: 303). */
    ConsoleClient loggedIn(String user) throws Exception {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user + " was added to this fixture");
        }
        ConsoleClient client = client();
        assertEquals(303, client.login(user, password).statusCode(), "login as " + user);
        return client;
    }

    /** Hands one document, fetched and published now by the fixture's clock, to the service's pipeline. */
    void accept(String url, String title, String text) throws Exception {
        Instant now = clock.instant();
        service.pipeline().accept(new Document(null, url, "s", title, text, "", "", now, now));
    }

    @Override
    public void close() {
        closeAll(console, service, ownsSite ? site : null);
    }

    /** Closes each in turn, every one even when an earlier one throws; the first failure is thrown, the rest added. */
    private static void closeAll(AutoCloseable... parts) {
        RuntimeException failure = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A console account: name, role, desk (for desk members) and password. */
    private record Account(String name, Role role, String desk, String password) {
    }

    static final class Builder {
        private final YuqingConfig config;
        private final Path demoDataDir;
        private final DemoSite givenSite;
        private Clock clock = Clock.systemUTC();
        private UnaryOperator<YuqingConfig> adjust = UnaryOperator.identity();
        private Integer smtpPort;
        private boolean console;
        private final List<Account> accounts = new ArrayList<>();

        private Builder(YuqingConfig config, Path demoDataDir, DemoSite givenSite) {
            this.config = config;
            this.demoDataDir = demoDataDir;
            this.givenSite = givenSite;
        }

        /** The service's clock (default the system clock); the demo site always dates its pages by the system clock. */
        Builder clock(Clock serviceClock) {
            this.clock = Objects.requireNonNull(serviceClock);
            return this;
        }

        /** Changes the config before the service opens (for the demo config: once the site's address is in it). */
        Builder adjust(UnaryOperator<YuqingConfig> change) {
            UnaryOperator<YuqingConfig> before = adjust;
            this.adjust = c -> change.apply(before.apply(c));
            return this;
        }

        /** Mail goes to this GreenMail server on loopback. */
        Builder mailTo(GreenMailExtension greenMail) {
            this.smtpPort = greenMail.getSmtp().getPort();
            return this;
        }

        /** Starts the console on a free loopback port. */
        Builder console() {
            this.console = true;
            return this;
        }

        /** Adds a console account once the console runs (implies the console); desk is for desk members only. */
        Builder user(String name, Role role, String desk, String password) {
            accounts.add(new Account(name, role, desk, password));
            return console();
        }

        /** The usual administrator: admin / {@value #ADMIN_PASSWORD}. */
        Builder admin() {
            return user("admin", Role.ADMIN, null, ADMIN_PASSWORD);
        }

        /** The usual read-only account: viewer / {@value #VIEWER_PASSWORD}. */
        Builder viewer() {
            return user("viewer", Role.VIEWER, null, VIEWER_PASSWORD);
        }

        ServiceFixture start() throws Exception {
            DemoSite site = givenSite;
            DemoSite startedSite = null;
            YuqingService service = null;
            ConsoleServer consoleServer = null;
            try {
                YuqingConfig base = config;
                if (demoDataDir != null) {
                    if (site == null) {
                        // The demo site's articles are dated by the wall clock, like a real site's, whatever the service's clock.
                        startedSite = DemoSite.start(Clock.systemUTC());
                        site = startedSite;
                    }
                    base = DemoCommand.demoConfig(site.baseUrl(), demoDataDir, 0, null);
                }
                if (smtpPort != null) {
                    base = base.withSmtp(base.smtp().withServer("127.0.0.1", smtpPort));
                }
                YuqingConfig effective = adjust.apply(base);
                PrometheusMeterRegistry registry = ServiceRunner.newRegistry();
                service = YuqingService.open(effective, clock, registry);
                Map<String, String> passwords = new LinkedHashMap<>();
                if (console) {
                    consoleServer = ConsoleServer.start(service, registry, 0);
                    List<String> desks = effective.desks().stream().map(DeskConfig::id).toList();
                    for (Account a : accounts) {
                        assertInstanceOf(UserStore.AddResult.Added.class,
                                consoleServer.users().add(a.name(), a.role(), a.desk(), a.password(), desks, "test"), a.name());
                        passwords.put(a.name(), a.password());
                    }
                }
                return new ServiceFixture(site, startedSite != null, effective, registry, service, consoleServer, clock, passwords);
            } catch (Exception | Error e) {
                try {
                    closeAll(consoleServer, service, startedSite);
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
    }
}
