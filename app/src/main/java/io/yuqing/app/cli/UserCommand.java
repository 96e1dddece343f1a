package io.yuqing.app.cli;

import io.yuqing.app.security.PasswordHasher;
import io.yuqing.app.security.Role;
import io.yuqing.app.security.Secrets;
import io.yuqing.app.security.UserStore;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "user", description = "Manage console users and their API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.Token.class})
public final class UserCommand {
    /** Who the CLI acts as in the audit log: the operating-system account running it. */
    static String operator() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @Command(name = "add", description = "Add a console user. The password is read from standard input, or generated with --generate.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin | desk | viewer")
        String role;
        @Option(names = "--desk", paramLabel = "ID", description = "the desk a desk member works for (a desk id from the config)")
        String desk;
        @Option(names = "--generate", description = "generate a password and print it once instead of reading one")
        boolean generate;
        @ArgGroup(exclusive = true)
        DatabaseTarget target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Role r = Role.fromCode(role).orElseThrow(() -> new YuqingCommand.BadInputException(
                    "--role must be admin, desk or viewer, not '" + role + "'"));
            YuqingConfig cfg = DatabaseTarget.resolve(target);
            String password = generate ? Secrets.password() : readPassword();
            var out = spec.commandLine().getOut();
            try (Database db = DatabaseTarget.open(target)) {
                UserStore users = new UserStore(db.dataSource(), Clock.systemUTC(), new PasswordHasher());
                switch (users.add(name, r, desk, password, cfg.desks().stream().map(DeskConfig::id).toList(), operator())) {
                    case UserStore.AddResult.Added added -> {
                        out.printf("added user %s (%s%s)%n", added.user().name(), r.code(),
                                added.user().deskId() == null ? "" : ", desk " + added.user().deskId());
                        if (generate) {
                            out.println("password: " + password);
                            out.println("(shown only this once; store it safely)");
                        }
                    }
                    case UserStore.AddResult.AlreadyExists exists ->
                            throw new YuqingCommand.BadInputException("user '" + exists.name() + "' already exists");
                    case UserStore.AddResult.Invalid invalid -> throw new YuqingCommand.BadInputException(invalid.message());
                }
            }
            out.flush();
            return 0;
        }

        /** The first line of standard input (pipe it in, e.g. from a password manager, so it is not echoed). */
        private String readPassword() throws IOException, YuqingCommand.BadInputException {
            String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null || password.isEmpty()) {
                throw new YuqingCommand.BadInputException("no password on standard input; pipe one in or use --generate");
            }
            return password;
        }
    }

    @Command(name = "token", description = "Create an API token for a user (for Authorization: Bearer on /api/*). Printed once; only its hash is stored.")
    static final class Token implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;
        @ArgGroup(exclusive = true)
        DatabaseTarget target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database db = DatabaseTarget.open(target)) {
                UserStore users = new UserStore(db.dataSource(), Clock.systemUTC(), new PasswordHasher());
                String token = users.createToken(name, operator())
                        .orElseThrow(() -> new YuqingCommand.BadInputException("no user '" + name + "'; add one with 'yuqing user add'"));
                var out = spec.commandLine().getOut();
                out.println(token);
                out.flush();
            }
            return 0;
        }
    }
}
