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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Phase 5: the daemon as shipped ({@code bin/elastic-ingest}, {@code JAVA_OPTS} from {@code BENCH_DAEMON_JAVA_OPTS},
 * empty by default) as an operating-system process syncing ftest's {@link MockJira} (Cloud flavour, with its
 * attachments) into the bench's Elasticsearch; connectors and jobs are written into the control indices through the
 * protocol, as Kibana would, and the daemon claims the jobs. Three jobs, one after the other, on the same daemon:
 * <ol>
 *   <li><b>cold</b>: a fresh daemon's first sync, of mock A into an empty index;</li>
 *   <li><b>warm</b>: the same amount of new data (mock B, another seed) into another empty index;</li>
 *   <li><b>no-change resync</b>: a full sync of mock A again, nothing changed (the light listing path).</li>
 * </ol>
 * For each: docs/s, CPU per 1,000 documents of the daemon, the mock (this JVM) and Elasticsearch, the daemon's CPU
 * split into JIT compiler threads, collector threads and the rest (from {@code /proc/<pid>/task/&#42;/stat}, sampled,
 * so threads that end still count), and the bytes the mock served. Then the daemon's peak RSS ({@code VmHWM}) after
 * the cold job and at the end, and its RSS after an idle while. Apart, what the source side alone delivers (the Jira
 * connector reading the mock and extracting attachments in this JVM, nothing written), which tells what bounds the
 * end-to-end rate.
 */
final class DaemonEndToEnd {

    private static final Logger log = LoggerFactory.getLogger(DaemonEndToEnd.class);
    private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

    /** The daemon's CPU over one stretch, in seconds: all of it, and what its compiler and collector threads took. */
    record Split(double total, double compiler, double gc) {
        double rest() {
            return total - compiler - gc;
        }
    }

    /** One job as measured. CPU in seconds over the job's wall time (from its creation to its end); -1 where unknown. */
    record SyncRun(String name, long documents, long indexed, long deleted, double jobSeconds, double wallSeconds,
                   Split daemon, double mockCpu, double esCpu, long bytesServed, long fullIssuesServed,
                   long attachmentsServed) {

        double docsPerSecond() {
            return documents / Math.max(jobSeconds, 1e-3);
        }

        /** CPU seconds per 1,000 documents of {@code cpu}. */
        double per1000(double cpu) {
            return cpu < 0 ? -1 : cpu * 1000.0 / Math.max(documents, 1);
        }
    }

    /** What phase 5 measured. */
    record Result(long issues, long attachments, SyncRun cold, SyncRun warm, SyncRun resync, long peakRssCold,
                  long peakRss, long rssAtEnd, long rssIdle, double idleSeconds, String javaOptions,
                  long sourceOnlyDocuments, double sourceOnlySeconds, Map<String, Object> mockStats) {

        long documents() {
            return cold.documents();
        }

        double sourceOnlyDocsPerSecond() {
            return sourceOnlyDocuments / Math.max(sourceOnlySeconds, 1e-3);
        }
    }

    private final Es es;
    private final long esPid;
    private final int issues;
    private final String javaOptions;
    private final Duration idle;
    private final Path workDir;

    DaemonEndToEnd(Es es, long esPid, int issues, String javaOptions, Duration idle, Path workDir) {
        this.es = es;
        this.esPid = esPid;
        this.issues = issues;
        this.javaOptions = javaOptions;
        this.idle = idle;
        this.workDir = workDir;
    }

    Result run() {
        try (MockJira mockA = MockJira.start(MockJira.Options.of(MockJira.Flavor.CLOUD, issues));
             MockJira mockB = MockJira.start(MockJira.Options.of(MockJira.Flavor.CLOUD, issues).withSeed(43))) {
            JiraData data = mockA.data();
            long attachments = data.attachmentCount();
            long expectedA = expected(mockA);
            long expectedB = expected(mockB);

            Bench.say("5 end to end: the Jira connector alone against the mock (no Elasticsearch) ...");
            long[] sourceOnly = sourceOnly(configuration(mockA));
            Check.equal("phase 5 documents the Jira connector read from the mock", expectedA, sourceOnly[0]);
            mockA.resetStats();

            String connectorA = "bench-jira-a-" + RUN_ID;
            String connectorB = "bench-jira-b-" + RUN_ID;
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
                      - connector_id: %s
                        service_type: jira
                    """.formatted(es.url(), connectorA, connectorB));
            ElasticsearchAsyncClient client = es.client();
            ControlIndices indices = ControlIndices.DEFAULT;
            indices.ensure(client).block(Duration.ofMinutes(1));
            Process daemon = startDaemon(config, workDir.resolve("daemon.log"));
            try {
                ThreadSampler threads = new ThreadSampler(daemon.pid());
                Snapshot atStart = new Snapshot(0, Map.of(), esCpu(), selfCpu()); // a fresh process: cold counts its start
                SyncRun cold = job("cold", daemon, threads, atStart, mockA, connectorA, expectedA, true);
                long peakCold = Proc.peakRss(daemon.pid()).orElse(-1);
                nativeMemory(daemon, "after-cold");
                SyncRun warm = job("warm", daemon, threads, threads.snapshot(this), mockB, connectorB, expectedB, true);
                SyncRun resync = job("no-change resync", daemon, threads, threads.snapshot(this), mockA, connectorA, expectedA, false);
                long peak = Proc.peakRss(daemon.pid()).orElse(-1);
                long atEnd = Proc.rss(daemon.pid()).orElse(-1);
                Bench.say("5 end to end: the daemon idles for " + idle.toSeconds() + " s (does it give memory back?)");
                sleep(idle);
                long idleRss = Proc.rss(daemon.pid()).orElse(-1);
                nativeMemory(daemon, "after-idle");
                return new Result(issues, attachments, cold, warm, resync, peakCold, peak, atEnd, idleRss,
                        idle.toMillis() / 1000.0, javaOptions, sourceOnly[0], sourceOnly[1] / 1e9, mockA.stats());
            } finally {
                stop(daemon);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long expected(MockJira mock) {
        return mock.data().projects().size() + mock.data().issues().size() + mock.data().attachmentCount();
    }

    /** CPU of this JVM (the mock Jira and the bench's polling) and of Elasticsearch, at one instant, with the daemon's threads. */
    private record Snapshot(long daemonCpu, Map<Long, Proc.ThreadCpu> threads, long esCpu, long selfCpu) {}

    /** Keeps each thread's latest CPU time, sampled while jobs run, so a thread that ended meanwhile still counts. */
    private static final class ThreadSampler {
        private final long pid;
        private final Map<Long, Proc.ThreadCpu> seen = new HashMap<>();

        ThreadSampler(long pid) {
            this.pid = pid;
        }

        void sample() {
            seen.putAll(Proc.threads(pid));
        }

        Snapshot snapshot(DaemonEndToEnd outer) {
            sample();
            return new Snapshot(Proc.cpuNanos(pid).orElse(-1), Map.copyOf(seen), outer.esCpu(), selfCpu());
        }

        Split since(Snapshot before, long daemonCpuNow) {
            sample();
            long compiler = 0;
            long gc = 0;
            for (Map.Entry<Long, Proc.ThreadCpu> entry : seen.entrySet()) {
                Proc.ThreadCpu then = before.threads().get(entry.getKey());
                long delta = entry.getValue().cpuNanos() - (then == null ? 0 : then.cpuNanos());
                if (entry.getValue().compiler()) {
                    compiler += delta;
                } else if (entry.getValue().gc()) {
                    gc += delta;
                }
            }
            double total = before.daemonCpu() < 0 || daemonCpuNow < 0 ? -1 : (daemonCpuNow - before.daemonCpu()) / 1e9;
            return new Split(total, compiler / 1e9, gc / 1e9);
        }
    }

    private long esCpu() {
        return esPid > 0 ? Proc.cpuNanos(esPid).orElse(-1) : -1;
    }

    private static long selfCpu() {
        return Proc.cpuNanos(Proc.selfPid()).orElse(-1);
    }

    /**
     * One full sync job of {@code connectorId} against {@code mock}, measured from {@code before}: a new connector
     * and a fresh index when {@code first}, else a resync of what is there (which must write and delete nothing).
     */
    private SyncRun job(String name, Process daemon, ThreadSampler threads, Snapshot before, MockJira mock,
                        String connectorId, long expected, boolean first) {
        ElasticsearchAsyncClient client = es.client();
        ConnectorStore connectors = new ConnectorStore(client, ControlIndices.DEFAULT);
        JobStore jobs = new JobStore(client, ControlIndices.DEFAULT);
        String index = "bench-e2e-" + connectorId;
        mock.resetStats();
        long wallStart = System.nanoTime();
        Mono<Versioned<Connector>> connector;
        if (first) {
            es.delete(index);
            connector = connectors.create(connectorId, connectorDocument(index, configuration(mock))).then(connectors.get(connectorId));
        } else {
            connector = connectors.get(connectorId);
        }
        String jobId = connector
                .flatMap((Versioned<Connector> found) -> jobs.create(found, SyncKind.FULL, TriggerMethod.ON_DEMAND, Map.of()))
                .block(Duration.ofMinutes(1));

        AtomicLong indexed = new AtomicLong();
        Versioned<SyncJob> job;
        try (Progress progress = Progress.of("5 " + name + " (daemon pid " + daemon.pid() + ", job " + jobId + ")",
                indexed::get, first ? expected : 0)) {
            long deadline = System.nanoTime() + jobTimeout().toNanos();
            while (true) {
                Check.isTrue("the daemon exited early with " + (daemon.isAlive() ? "" : daemon.exitValue())
                        + "; see " + workDir.resolve("daemon.log"), daemon.isAlive());
                threads.sample();
                job = jobs.get(jobId).block(Duration.ofMinutes(1));
                if (job != null && job.doc().indexedDocumentCount() != null) {
                    indexed.set(job.doc().indexedDocumentCount());
                }
                if (job != null && job.doc().status() != null && job.doc().status().terminal()) {
                    break;
                }
                Check.isTrue("the " + name + " job did not end within " + jobTimeout(), System.nanoTime() < deadline);
                sleep(Duration.ofMillis(100));
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        Split split = threads.since(before, Proc.cpuNanos(daemon.pid()).orElse(-1));
        long esNow = esCpu();
        double esCpu = before.esCpu() < 0 || esNow < 0 ? -1 : (esNow - before.esCpu()) / 1e9;
        double mockCpu = (selfCpu() - before.selfCpu()) / 1e9;

        SyncJob done = job.doc();
        Check.isTrue("phase 5 " + name + " job completed, was " + done.status() + (done.error() == null ? "" : ": " + done.error())
                + "; see " + workDir.resolve("daemon.log"), "completed".equals(done.status().wireName()));
        long indexedCount = done.indexedDocumentCount() == null ? -1 : done.indexedDocumentCount();
        long deletedCount = done.deletedDocumentCount() == null ? -1 : done.deletedDocumentCount();
        Check.equal("phase 5 " + name + " job indexed_document_count", first ? expected : 0, indexedCount);
        Check.equal("phase 5 " + name + " job deleted_document_count", 0, Math.max(deletedCount, 0));
        Check.equal("phase 5 " + name + " documents in " + index, expected, es.count(index));
        double jobSeconds = Duration.between(Instant.parse(done.startedAt()), Instant.parse(done.completedAt())).toNanos() / 1e9;
        Map<String, Object> stats = mock.stats();
        return new SyncRun(name, expected, indexedCount, deletedCount, jobSeconds, wall, split, mockCpu, esCpu,
                mock.bytesServed(), ((Number) stats.get("full_issues_served")).longValue(),
                ((Number) stats.get("attachment_contents_served")).longValue());
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
             JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of("bench-jira-" + RUN_ID + "-source-only"));
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

    static Map<String, Object> configuration(MockJira mock) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data_source", "jira_cloud");
        values.put("jira_url", mock.url());
        values.put("account_email", mock.options().user());
        values.put("api_token", mock.options().secret());
        return values;
    }

    /** A configured Jira connector, as Kibana leaves it after the configuration step. */
    static Map<String, Object> connectorDocument(String index, Map<String, Object> values) {
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

    /**
     * With {@code -XX:NativeMemoryTracking} in the daemon's options, {@code jcmd <pid> VM.native_memory summary} into
     * {@code native-memory-<when>.txt} of the work directory: where every MB of the daemon goes.
     */
    private void nativeMemory(Process daemon, String when) {
        if (!javaOptions.contains("NativeMemoryTracking")) {
            return;
        }
        Path out = workDir.resolve("native-memory-" + when + ".txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(daemon.pid()), "VM.native_memory", "summary")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            jcmd.waitFor(60, TimeUnit.SECONDS);
            Bench.say("5 end to end: native memory of the daemon " + when + " in " + out);
        } catch (IOException e) {
            log.warn("jcmd failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process startDaemon(Path config, Path logFile) throws IOException {
        return startDaemon(config, logFile, javaOptions, "5 end to end");
    }

    /** {@code bin/elastic-ingest} of this checkout, with {@code JAVA_OPTS} set to the bench's daemon options. */
    static Process startDaemon(Path config, Path logFile, String javaOptions, String phase) throws IOException {
        Path script = checkoutRoot().resolve("bin").resolve("elastic-ingest");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        if (javaOptions.isBlank()) {
            builder.environment().remove("JAVA_OPTS");
        } else {
            builder.environment().put("JAVA_OPTS", javaOptions);
        }
        // the Makefile's JDK, as make run and an operator would have it
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        log.debug("starting the daemon: {} (JAVA_OPTS={})", builder.command(), javaOptions);
        Process process = builder.start();
        Bench.say(phase + ": daemon started as shipped (pid " + process.pid() + ", bin/elastic-ingest, JAVA_OPTS='"
                + javaOptions + "'), log in " + logFile);
        return process;
    }

    /**
     * Where {@code bin/elastic-ingest} is run from: {@code BENCH_DAEMON_ROOT} when set (a distribution of
     * {@code make package}, or another checkout), else the checkout holding the working directory (a module's tests
     * run one below it).
     */
    static Path checkoutRoot() {
        String root = System.getenv("BENCH_DAEMON_ROOT");
        if (root != null && !root.isBlank()) {
            Path dir = Path.of(root.strip()).toAbsolutePath().normalize();
            if (!Files.isExecutable(dir.resolve("bin/elastic-ingest"))) {
                throw new IllegalStateException("BENCH_DAEMON_ROOT=" + root + " holds no executable bin/elastic-ingest");
            }
            return dir;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("bin/elastic-ingest")) && Files.isDirectory(dir.resolve("connector-core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/elastic-ingest in " + Path.of("").toAbsolutePath() + " or above");
    }

    static void stop(Process daemon) {
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

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
