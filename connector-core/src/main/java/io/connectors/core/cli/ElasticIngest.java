package io.connectors.core.cli;

import io.connectors.core.config.ConfigException;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.server.DaemonHttpServer;
import io.connectors.core.service.Daemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import reactor.core.publisher.Mono;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/elastic-ingest}: the connector service. Runs until SIGTERM or SIGINT, then stops claiming jobs, marks
 * the running ones {@code suspended} (the next daemon to start resumes them) and exits 0.
 */
@Command(name = "elastic-ingest", mixinStandardHelpOptions = true, version = "elastic-ingest 0.1.0",
        description = "Runs the connector service: polls the control indices, claims and runs sync jobs.")
public final class ElasticIngest implements Callable<Integer> {

    @Option(names = {"-c", "--config-file"}, defaultValue = "config.yml", description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path configFile;

    @Option(names = "--log-format", defaultValue = "text", description = "text or json (ECS). Default: ${DEFAULT-VALUE}.")
    String logFormat;

    @Option(names = "--log-level", description = "Overrides service.log_level: TRACE, DEBUG, INFO, WARN, ERROR.")
    String logLevel;

    public static void main(String[] args) {
        // logging reads these when it starts, so they are set before anything logs
        LogSetup.fromArguments(args);
        System.exit(new CommandLine(new ElasticIngest()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Logger log = LoggerFactory.getLogger(ElasticIngest.class);
        ConnectorsConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (logLevel == null) {
            LogSetup.level(config.service().logLevel().name());
        }
        LogSetup.elasticsearchClientLevel(config.elasticsearch().logLevel().name());
        log.info("Loaded {} ({} connectors configured, sources: {})", configFile, config.connectors().size(), config.sources().keySet());
        try (Daemon daemon = Daemon.create(config);
             DaemonHttpServer listener = config.service().http().enabled()
                     ? DaemonHttpServer.start(daemon.context(), daemon.service(), config.service().http()) : null) {
            CountDownLatch stopped = new CountDownLatch(1);
            daemon.service().run().doFinally(signal -> stopped.countDown()).subscribe(
                    done -> { }, error -> log.error("connector service failed", error));
            Duration grace = daemon.context().settings().shutdownGrace();
            Signals.onTermination(signal -> {
                log.info("{} received: suspending running jobs, then exiting", signal);
                daemon.service().stop();
                // a stop must not hang on an unreachable Elasticsearch: exit after the grace period regardless
                Mono.delay(grace).subscribe(tick -> stopped.countDown());
            });
            stopped.await();
        }
        return 0;
    }
}
