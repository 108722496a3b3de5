package io.connectors.ftest;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One ftest run: which scenario ({@code NAME}), how much data ({@code DATA_SIZE}), which flavour of the source
 * ({@code FLAVOR}), whether the mock injects faults ({@code FAULTS}), which Elasticsearch ({@code ELASTICSEARCH_URL},
 * or a local node when null), and how the daemon process is started.
 *
 * @param daemonClassPath  the class path of the daemon process (connector-core, the connectors and their dependencies)
 * @param daemonJvmOptions JVM options of the daemon process ({@code DAEMON_JAVA_OPTS})
 * @param daemonLogLevel   the daemon's {@code service.log_level} ({@code DAEMON_LOG_LEVEL}, default INFO)
 * @param connectorId      the connector's id; its index is {@code search-<connectorId>}
 * @param outputDir        where the daemon's log goes
 * @param reportFile       the Markdown report
 * @param seed             the mock data's seed
 * @param webhooks         {@code WEBHOOKS=yes}: the webhook phases (docs/webhooks.md) after the first full sync
 */
public record FtestOptions(String name, DataSize size, String flavor, boolean faults, @Nullable String elasticsearchUrl,
                           String daemonClassPath, List<String> daemonJvmOptions, String daemonLogLevel, String connectorId,
                           Path outputDir, Path reportFile, long seed, boolean webhooks, String sink) {

    public static final List<String> DEFAULT_DAEMON_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseParallelGC"); // the ftest's own (large data sizes need more than bin/elastic-ingest's 96 MiB default)

    public FtestOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(size, "size");
        flavor = flavor.trim().toLowerCase(Locale.ROOT);
        daemonJvmOptions = List.copyOf(daemonJvmOptions);
        sink = sink.trim().toLowerCase(Locale.ROOT);
        if (!List.of("elasticsearch", "qbusiness", "both").contains(sink)) {
            throw new IllegalArgumentException("SINK must be elasticsearch, qbusiness or both, not '" + sink + "'");
        }
    }

    /** Whether the connector writes to Elasticsearch ({@code SINK} elasticsearch or both). */
    public boolean toElasticsearch() {
        return !sink.equals("qbusiness");
    }

    /** Whether the connector writes to the mock Q Business ({@code SINK} qbusiness or both). */
    public boolean toQBusiness() {
        return !sink.equals("elasticsearch");
    }

    /** NAME's defaults: small, cloud, no faults, a local Elasticsearch node, this JVM's class path for the daemon. */
    public static FtestOptions defaults(String name) {
        Path outputDir = Files.isDirectory(Path.of("ftest", "target")) ? Path.of("ftest", "target") : Path.of("target");
        return new FtestOptions(name, DataSize.SMALL, "cloud", false, null, daemonClassPathOf(System.getProperty("java.class.path")),
                DEFAULT_DAEMON_JVM_OPTIONS, "INFO", "ftest-" + name, outputDir, outputDir.resolve("ftest-report.md"), 42, false, "elasticsearch");
    }

    /**
     * From {@code make ftest} variables (environment or {@code KEY=value} arguments): {@code NAME} (required),
     * {@code DATA_SIZE}, {@code FLAVOR}, {@code FAULTS} (yes/no), {@code ELASTICSEARCH_URL}, {@code DAEMON_JAVA_OPTS},
     * {@code DAEMON_LOG_LEVEL}, {@code FTEST_REPORT}.
     */
    public static FtestOptions fromSettings(Map<String, String> settings) {
        String name = blankToNull(settings.get("NAME"));
        if (name == null) {
            throw new IllegalArgumentException("NAME is required, e.g. make ftest NAME=jira");
        }
        FtestOptions options = defaults(name.trim().toLowerCase(Locale.ROOT));
        String size = blankToNull(settings.get("DATA_SIZE"));
        if (size != null) {
            options = options.withSize(DataSize.parse(size));
        }
        String flavor = blankToNull(settings.get("FLAVOR"));
        if (flavor != null) {
            options = options.withFlavor(flavor);
        }
        String faults = blankToNull(settings.get("FAULTS"));
        if (faults != null) {
            options = options.withFaults(yes(faults));
        }
        String url = blankToNull(settings.get("ELASTICSEARCH_URL"));
        if (url != null) {
            options = options.withElasticsearchUrl(url);
        }
        String jvm = blankToNull(settings.get("DAEMON_JAVA_OPTS"));
        if (jvm != null) {
            options = options.withDaemonJvmOptions(Arrays.asList(jvm.trim().split("\\s+")));
        }
        String level = blankToNull(settings.get("DAEMON_LOG_LEVEL"));
        if (level != null) {
            options = options.withDaemonLogLevel(level.trim().toUpperCase(Locale.ROOT));
        }
        String webhooks = blankToNull(settings.get("WEBHOOKS"));
        if (webhooks != null) {
            options = options.withWebhooks(yes(webhooks));
        }
        String sink = blankToNull(settings.get("SINK"));
        if (sink != null) {
            options = options.withSink(sink);
        }
        String report = blankToNull(settings.get("FTEST_REPORT"));
        if (report != null) {
            options = options.withReportFile(Path.of(report));
        }
        return options;
    }

    static boolean yes(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1", "on" -> true;
            case "no", "n", "false", "0", "off", "" -> false;
            default -> throw new IllegalArgumentException("FAULTS must be yes or no, not '" + value + "'");
        };
    }

    /** The class path entries of this JVM minus test output folders: what the daemon needs, and no test config. */
    static String daemonClassPathOf(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !entry.replace('\\', '/').replaceAll("/$", "").endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String indexName() {
        return "search-" + connectorId;
    }

    public FtestOptions withSize(DataSize value) {
        return new FtestOptions(name, value, flavor, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withFlavor(String value) {
        return new FtestOptions(name, size, value, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withFaults(boolean value) {
        return new FtestOptions(name, size, flavor, value, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withElasticsearchUrl(@Nullable String value) {
        return new FtestOptions(name, size, flavor, faults, value, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withDaemonClassPath(String value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, value, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withDaemonJvmOptions(List<String> value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, daemonClassPath, value, daemonLogLevel, connectorId, outputDir, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withDaemonLogLevel(String value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, value, connectorId, outputDir, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withConnectorId(String value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, value, outputDir, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withOutputDir(Path value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, value, reportFile, seed, webhooks, sink);
    }

    public FtestOptions withReportFile(Path value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, value, seed, webhooks, sink);
    }

    public FtestOptions withSeed(long value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, reportFile, value, webhooks, sink);
    }

    public FtestOptions withWebhooks(boolean value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, reportFile, seed, value, sink);
    }

    public FtestOptions withSink(String value) {
        return new FtestOptions(name, size, flavor, faults, elasticsearchUrl, daemonClassPath, daemonJvmOptions, daemonLogLevel, connectorId, outputDir, reportFile, seed, webhooks, value);
    }

    /** e.g. {@code jira cloud small, faults}. */
    public String label() {
        return name + " " + flavor + " " + size.lowerCase() + (faults ? ", faults" : "") + (webhooks ? ", webhooks" : "") + (sink.equals("elasticsearch") ? "" : ", sink " + sink);
    }
}
