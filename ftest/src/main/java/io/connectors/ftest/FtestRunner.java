package io.connectors.ftest;

import io.connectors.testkit.elasticsearch.LocalElasticsearchNode;
import io.connectors.ftest.confluence.ConfluenceScenario;
import io.connectors.ftest.jira.JiraScenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make ftest NAME=jira [DATA_SIZE=small|medium|large] [FLAVOR=cloud|server|data_center] [FAULTS=yes] [WEBHOOKS=yes]
 * [SINK=elasticsearch|qbusiness|both]} (qbusiness: the mock Q Business as well or instead): starts
 * Elasticsearch ({@code ELASTICSEARCH_URL}, else a local node), runs the named {@link Scenario} (mock source, the
 * daemon as a separate process, connector and jobs through the protocol, exact verification), prints the report and
 * writes it to {@code ftest/target/ftest-report.md}. Exit status: 0 when every check passed, 1 on any mismatch or
 * failure, 2 on bad arguments.
 */
public final class FtestRunner {

    private static final Logger log = LoggerFactory.getLogger(FtestRunner.class);

    /** The scenarios by {@code NAME}. */
    static final Map<String, Function<FtestOptions, Scenario>> SCENARIOS = Map.of("jira", JiraScenario::new, "confluence", ConfluenceScenario::new);

    private FtestRunner() {}

    /** Arguments are {@code KEY=value} pairs and override the environment (NAME, DATA_SIZE, FLAVOR, FAULTS, ...). */
    public static void main(String[] args) {
        Map<String, String> settings = new HashMap<>();
        for (String key : List.of("NAME", "DATA_SIZE", "FLAVOR", "FAULTS", "ELASTICSEARCH_URL", "DAEMON_JAVA_OPTS", "DAEMON_LOG_LEVEL",
                "FTEST_REPORT", "WEBHOOKS", "SINK")) {
            String value = System.getenv(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                System.err.println("Arguments are KEY=value, e.g. NAME=jira DATA_SIZE=small; not '" + arg + "'");
                System.exit(2);
            }
            settings.put(arg.substring(0, equals).toUpperCase(Locale.ROOT), arg.substring(equals + 1));
        }
        FtestOptions options;
        try {
            options = FtestOptions.fromSettings(settings);
            if (!SCENARIOS.containsKey(options.name())) {
                throw new IllegalArgumentException("No ftest named '" + options.name() + "'; known: " + SCENARIOS.keySet());
            }
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.exit(2);
            return;
        }
        FtestReport report = run(options);
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("Report written to " + options.reportFile().toAbsolutePath());
        System.exit(report.passed() ? 0 : 1);
    }

    /** Runs one ftest and writes its report; never throws for a failed check or a failed run (see the report). */
    public static FtestReport run(FtestOptions options) {
        FtestReport report = new FtestReport("ftest " + options.label());
        report.fact("started", Instant.now());
        report.fact("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                + ", load average at start " + loadAverage());
        LocalElasticsearchNode node = null;
        try {
            Function<FtestOptions, Scenario> factory = SCENARIOS.get(options.name());
            if (factory == null) {
                throw new FtestFailure("No ftest named '" + options.name() + "'; known: " + SCENARIOS.keySet());
            }
            Scenario scenario = factory.apply(options);
            String url = options.elasticsearchUrl();
            if (url == null) {
                log.info("ELASTICSEARCH_URL is not set: starting a local Elasticsearch node");
                long start = System.nanoTime();
                node = LocalElasticsearchNode.start(LocalElasticsearchNode.Settings.defaults());
                url = node.httpUri().toString();
                report.fact("Elasticsearch", "local node " + node.version() + " at " + url + " (started in "
                        + FtestReport.fixed((System.nanoTime() - start) / 1e9, 1) + " s, 512m heap)");
            } else {
                report.fact("Elasticsearch", url);
            }
            try (EsRest es = new EsRest(url); FtestEnvironment environment = new FtestEnvironment(options, es, report)) {
                scenario.run(environment);
            }
        } catch (FtestFailure failure) {
            log.error("ftest {} failed: {}", options.label(), failure.getMessage());
            report.check("run", "ran to the end", false, failure.getMessage());
        } catch (Exception | AssertionError unexpected) {
            log.error("ftest {} failed", options.label(), unexpected);
            report.check("run", "ran to the end", false, unexpected.toString());
        } finally {
            if (node != null) {
                node.close();
            }
        }
        report.fact("finished", Instant.now() + " (load average " + loadAverage() + ")");
        write(options.reportFile(), report.markdown());
        log.info("ftest {}: {} ({} checks, {} failed); report {}", options.label(), report.passed() ? "PASSED" : "FAILED",
                report.checks().size(), report.failures().size(), options.reportFile());
        return report;
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine skews the figures. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot write the report to {}: {}", file, e.toString());
        }
    }
}
