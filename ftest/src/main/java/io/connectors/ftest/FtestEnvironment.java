package io.connectors.ftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario runs against: the options, Elasticsearch (REST and the Kibana-like control plane), the report,
 * and the daemon processes it starts (stopped, if still running, when the environment closes).
 */
public final class FtestEnvironment implements AutoCloseable {

    private final FtestOptions options;
    private final EsRest es;
    private final Kibana kibana;
    private final FtestReport report;
    private final Path workDir;
    private final List<DaemonProcess> daemons = new ArrayList<>();

    public FtestEnvironment(FtestOptions options, EsRest es, FtestReport report) {
        this.options = options;
        this.es = es;
        this.kibana = new Kibana(es);
        this.report = report;
        try {
            this.workDir = Files.createTempDirectory("ftest-" + options.name() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FtestOptions options() {
        return options;
    }

    public EsRest es() {
        return es;
    }

    public Kibana kibana() {
        return kibana;
    }

    public FtestReport report() {
        return report;
    }

    /** Writes {@code configYaml} to {@code config.yml} in a temp dir and starts the daemon with it. */
    public DaemonProcess startDaemon(String configYaml) {
        Path config = workDir.resolve("config.yml");
        try {
            Files.writeString(config, configYaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = options.outputDir().resolve("ftest-daemon-" + options.connectorId() + ".log");
        DaemonProcess daemon = DaemonProcess.start(options.daemonClassPath(), options.daemonJvmOptions(), config, log);
        daemons.add(daemon);
        return daemon;
    }

    /** SIGTERM; the daemon is expected to suspend what runs and exit 0 within its 8 s grace (15 s allowed here). */
    public int stopDaemon(DaemonProcess daemon) {
        return daemon.stop(Duration.ofSeconds(15));
    }

    @Override
    public void close() {
        daemons.forEach(DaemonProcess::close);
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
