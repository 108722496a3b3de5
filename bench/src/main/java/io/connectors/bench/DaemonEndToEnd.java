package io.connectors.bench;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.source.Filtering;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ConnectorStore;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.protocol.JobStore;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.runtime.ConnectorRuntime;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.runtime.SyncFactory;
import io.connectors.core.service.Daemon;
import io.connectors.ftest.jira.JiraData;
import io.connectors.ftest.jira.MockJira;
import io.connectors.jira.JiraDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Phase 5: the daemon ({@code elastic-ingest}) as an operating-system process syncing the mock Jira (ftest's
 * {@link MockJira}, Cloud flavour, with its attachments) into the bench's Elasticsearch; the connector and the full
 * sync job are written into the control indices through the protocol, as Kibana would, and the daemon claims the job.
 * Measures the job's docs/s, the daemon's peak RSS ({@code VmHWM}) and the CPU each process spent, and, apart, what
 * the source side alone delivers (the Jira connector reading the mock and extracting attachments with the daemon's
 * in-process Tika, nothing written),
 * which tells what bounds the end-to-end rate.
 *
 * <p>Self-contained on purpose: once the ftest runner ({@code make ftest NAME=jira}) starts the daemon and creates
 * connector and job documents, this class should delegate to it.
 */
final class DaemonEndToEnd {

    private static final Logger log = LoggerFactory.getLogger(DaemonEndToEnd.class);
    private static final String CONNECTOR_ID = "bench-jira-" + Long.toString(System.currentTimeMillis(), 36);

    /** What phase 5 measured. CPU in seconds over the job's wall time; -1 where unknown. */
    record Result(long documents, long issues, long attachments, double jobSeconds, double wallSeconds,
                  long daemonPeakRss, double daemonCpu, double esCpu, double mockCpu,
                  long sourceOnlyDocuments, double sourceOnlySeconds, Map<String, Object> mockStats) {

        double docsPerSecond() {
            return documents / Math.max(jobSeconds, 1e-3);
        }

        double sourceOnlyDocsPerSecond() {
            return sourceOnlyDocuments / Math.max(sourceOnlySeconds, 1e-3);
        }
    }

    private final Es es;
    private final long esPid;
    private final int issues;
    private final String javaOptions;
    private final Path workDir;

    DaemonEndToEnd(Es es, long esPid, int issues, String javaOptions, Path workDir) {
        this.es = es;
        this.esPid = esPid;
        this.issues = issues;
        this.javaOptions = javaOptions;
        this.workDir = workDir;
    }

    Result run() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(MockJira.Flavor.CLOUD, issues))) {
            JiraData data = mock.data();
            long attachments = data.attachmentCount();
            long expected = data.projects().size() + data.issues().size() + attachments;
            Map<String, Object> values = configuration(mock);

            Bench.say("5 end to end: the Jira connector alone against the mock (no Elasticsearch) ...");
            long[] sourceOnly = sourceOnly(values);
            Check.equal("phase 5 documents the Jira connector read from the mock", expected, sourceOnly[0]);
            mock.resetStats();

            String index = "bench-e2e-" + CONNECTOR_ID;
            es.delete(index);
            Files.createDirectories(workDir);
            Path config = workDir.resolve("config.yml");
            Files.writeString(config, """
                    elasticsearch:
                      host: %s
                    service:
                      idling: 1
                    connectors:
                      - connector_id: %s
                        service_type: jira
                    """.formatted(es.url(), CONNECTOR_ID));
            Process daemon = startDaemon(config, workDir.resolve("daemon.log"));
            try {
                return measure(mock, daemon, index, values, expected, attachments, sourceOnly);
            } finally {
                stop(daemon);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result measure(MockJira mock, Process daemon, String index, Map<String, Object> values, long expected,
                           long attachments, long[] sourceOnly) {
        ElasticsearchAsyncClient client = es.client();
        ControlIndices indices = ControlIndices.DEFAULT;
        ConnectorStore connectors = new ConnectorStore(client, indices);
        JobStore jobs = new JobStore(client, indices);
        indices.ensure(client).block(Duration.ofMinutes(1));
        connectors.get(CONNECTOR_ID).blockOptional(Duration.ofMinutes(1))
                .ifPresent(old -> Check.isTrue("a connector " + CONNECTOR_ID + " exists already; use a fresh cluster", false));

        long daemonCpu0 = Proc.cpuNanos(daemon.pid()).orElse(-1);
        long esCpu0 = esPid > 0 ? Proc.cpuNanos(esPid).orElse(-1) : -1;
        long selfCpu0 = Proc.cpuNanos(Proc.selfPid()).orElse(-1);
        long wallStart = System.nanoTime();
        String jobId = connectors.create(CONNECTOR_ID, connectorDocument(index, values))
                .then(connectors.get(CONNECTOR_ID))
                .flatMap((Versioned<Connector> connector) -> jobs.create(connector, SyncKind.FULL, TriggerMethod.ON_DEMAND, Map.of()))
                .block(Duration.ofMinutes(1));

        AtomicLong indexed = new AtomicLong();
        Versioned<SyncJob> job;
        try (Progress progress = Progress.of("5 end to end (daemon pid " + daemon.pid() + ", job " + jobId + ")", indexed::get, expected)) {
            long deadline = System.nanoTime() + jobTimeout().toNanos();
            while (true) {
                Check.isTrue("the daemon exited early with " + (daemon.isAlive() ? "" : daemon.exitValue())
                        + "; see " + workDir.resolve("daemon.log"), daemon.isAlive());
                job = jobs.get(jobId).block(Duration.ofMinutes(1));
                if (job != null && job.doc().indexedDocumentCount() != null) {
                    indexed.set(job.doc().indexedDocumentCount());
                }
                if (job != null && job.doc().status() != null && job.doc().status().terminal()) {
                    break;
                }
                Check.isTrue("the job did not end within " + jobTimeout(), System.nanoTime() < deadline);
                sleep(Duration.ofMillis(250));
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        long daemonRss = Proc.peakRss(daemon.pid()).orElse(-1);
        double daemonCpu = seconds(daemonCpu0, Proc.cpuNanos(daemon.pid()).orElse(-1));
        double esCpu = esCpu0 < 0 ? -1 : seconds(esCpu0, Proc.cpuNanos(esPid).orElse(-1));
        double mockCpu = seconds(selfCpu0, Proc.cpuNanos(Proc.selfPid()).orElse(-1));

        SyncJob done = job.doc();
        Check.isTrue("phase 5 job completed, was " + done.status() + (done.error() == null ? "" : ": " + done.error())
                + "; see " + workDir.resolve("daemon.log"), "completed".equals(done.status().wireName()));
        Check.equal("phase 5 job indexed_document_count", expected, done.indexedDocumentCount() == null ? -1 : done.indexedDocumentCount());
        Check.equal("phase 5 documents in " + index, expected, es.count(index));
        double jobSeconds = Duration.between(Instant.parse(done.startedAt()), Instant.parse(done.completedAt())).toNanos() / 1e9;
        return new Result(expected, issues, attachments, jobSeconds, wall, daemonRss, daemonCpu, esCpu, mockCpu,
                sourceOnly[0], sourceOnly[1] / 1e9, mock.stats());
    }

    /** The Jira connector reading everything from the mock and extracting every attachment, without Elasticsearch. */
    private long[] sourceOnly(Map<String, Object> values) {
        ConnectorsConfig defaults = ConnectorsConfig.defaults();
        int downloads = SyncFactory.syncSettings(defaults, ((Number) values.getOrDefault("concurrent_downloads", 100)).intValue())
                .concurrentDownloads();
        SourceConfiguration configuration = JiraDataSource.configSchema().resolve(values);
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        // the daemon's own extractor (in-process Tika), so that the two rates differ only by the pipeline and the sink
        try (TikaExtractor extractor = ConnectorRuntime.extractor(defaults);
             JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of(CONNECTOR_ID + "-source-only"));
             Progress progress = Progress.of("5 source only", count::get, 0)) {
            source.docs(Filtering.NONE)
                    .flatMap(document -> document.attachment() == null ? Mono.just(document)
                            : extractor.extract(document.attachment()).thenReturn(document), downloads)
                    .doOnNext(document -> count.incrementAndGet())
                    .then()
                    .block(jobTimeout());
        }
        return new long[] {count.get(), System.nanoTime() - start};
    }

    /** Generous, so that a stuck job fails the run instead of stalling it. */
    private Duration jobTimeout() {
        return Duration.ofSeconds(180 + issues / 20L);
    }

    private static Map<String, Object> configuration(MockJira mock) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data_source", "jira_cloud");
        values.put("jira_url", mock.url());
        values.put("account_email", mock.options().user());
        values.put("api_token", mock.options().secret());
        return values;
    }

    /** A configured Jira connector, as Kibana leaves it after the configuration step. */
    private static Map<String, Object> connectorDocument(String index, Map<String, Object> values) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "Bench Jira");
        document.put("index_name", index);
        document.put("service_type", "jira");
        document.put("status", "configured");
        document.put("is_native", false);
        document.put("configuration", JiraDataSource.configSchema().toConnectorDocument(values));
        document.put("scheduling", Map.of("full", Map.of("enabled", false, "interval", "0 0 0 * * ?")));
        document.put("filtering", List.of());
        document.put("deleted", false);
        return document;
    }

    private Process startDaemon(Path config, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOptions.strip().split("\\s+")));
        // the daemon's own logging configuration, not a test's
        command.add("-Dlogback.configurationFile=logback.xml");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "io.connectors.core.cli.ElasticIngest", "-c", config.toString()));
        log.debug("starting the daemon: {}", command);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        Bench.say("5 end to end: daemon started (pid " + process.pid() + ", " + javaOptions + "), log in " + logFile);
        return process;
    }

    private static void stop(Process daemon) {
        daemon.destroy(); // SIGTERM: the daemon suspends what runs and exits 0
        try {
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            daemon.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long before, long after) {
        return before < 0 || after < 0 ? -1 : (after - before) / 1e9;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
