package io.yuqing.app.cli;

import io.yuqing.alerting.digest.DigestBuilder;
import io.yuqing.alerting.digest.DigestRenderer;
import io.yuqing.alerting.mail.RenderedMail;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** Renders a day's risk digest to an HTML file without sending it. */
@Command(name = "digest", description = "Render the daily risk digest of a day to an HTML file (the chart embedded), without sending.")
public final class DigestCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true)
    DatabaseTarget target;

    @Option(names = "--date", paramLabel = "D", description = "the day, e.g. 2026-11-25 (default: today in the city's time zone)")
    String date;

    @Option(names = "--desk", paramLabel = "ID", description = "only this desk's alerts (default: all desks)")
    String desk;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "where to write the digest")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        YuqingConfig cfg = DatabaseTarget.resolve(target);
        LocalDate day;
        try {
            day = date == null ? LocalDate.now(Clock.system(cfg.alerting().zone())) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new YuqingCommand.BadInputException("--date must be a day such as 2026-11-25, not '" + date + "'");
        }
        DeskConfig deskConfig = null;
        if (desk != null) {
            deskConfig = cfg.desks().stream().filter(d -> d.id().equals(desk)).findFirst()
                    .orElseThrow(() -> new YuqingCommand.BadInputException("no desk '" + desk + "' in the configuration; desks: "
                            + String.join(", ", cfg.desks().stream().map(DeskConfig::id).toList())));
        }
        try (Database db = DatabaseTarget.open(target)) {
            DigestBuilder builder = new DigestBuilder(db.dataSource(), Clock.systemUTC(), cfg.alerting().overdueAfter());
            String consoleUrl = cfg.server().publicUrl().isEmpty() ? "http://localhost:" + cfg.server().port() : cfg.server().publicUrl();
            RenderedMail mail = new DigestRenderer(consoleUrl).render(builder.build(day, cfg.alerting().zone(), deskConfig));
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, mail.htmlBody(), StandardCharsets.UTF_8);
            spec.commandLine().getOut().printf("%s%nwritten to %s%n", mail.subject(), out);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
