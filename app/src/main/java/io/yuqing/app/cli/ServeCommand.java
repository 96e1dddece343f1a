package io.yuqing.app.cli;

import io.yuqing.app.service.ServiceRunner;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "serve", description = "Run the service on a configuration: crawl on schedule, alert, serve the console.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "configuration file (see yuqing.example.yml)")
    Path config;

    @Option(names = "--port", paramLabel = "P", description = "console port (overrides server.port)")
    Integer port;

    @Option(names = "--cycles", paramLabel = "N", description = "run N crawl cycles of every source and exit")
    Integer cycles;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        YuqingConfig cfg = new ConfigLoader().load(config);
        if (port != null) {
            cfg = cfg.withServer(cfg.server().withPort(port));
        }
        var out = spec.commandLine().getOut();
        if (cycles != null) {
            ServiceRunner.runCycles(cfg, Clock.systemUTC(), cycles, out);
            return 0;
        }
        ServiceRunner.Running running = ServiceRunner.start(cfg, Clock.systemUTC());
        out.printf("Yuqing is running. Console: http://%s:%d  (%d sources, %d enterprises watched)%n",
                cfg.server().host(), running.console().port(), cfg.sources().size(), running.service().watchlist().size());
        out.flush();
        ServiceRunner.awaitShutdown(running);
        return 0;
    }
}
