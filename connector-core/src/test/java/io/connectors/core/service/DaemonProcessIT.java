package io.connectors.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.testing.GeneratedArticlesSource;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.core.testing.FaultInjectingProxy;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

/**
 * The daemon as an operating-system process: SIGTERM suspends and a later daemon resumes, kill -9 is cleaned up
 * and the next sync makes the index exact, and an Elasticsearch outage mid-run is survived.
 */
@ExtendWith(ElasticsearchExtension.class)
class DaemonProcessIT {

    private static final int ARTICLES = 2_000;

    @TempDir
    Path home;
    private TestElasticsearch es;
    private IndexProbe probe;
    private ControlIndices indices;
    private ControlPlane kibana;
    private final List<Process> processes = new ArrayList<>();
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<Disposable> runs = new ArrayList<>();

    @BeforeEach
    void setUp(TestElasticsearch es) {
        this.es = es;
        this.probe = new IndexProbe(es.url());
        this.indices = ControlIndices.DEFAULT;
    }

    @AfterEach
    void tearDown() {
        processes.forEach(Process::destroyForcibly);
        daemons.forEach(daemon -> daemon.service().stop());
        runs.forEach(Disposable::dispose);
        daemons.forEach(Daemon::close);
        probe.close();
    }

    private String config(String esUrl, String connectorId) {
        return """
                elasticsearch:
                  host: %s
                  bulk:
                    retry_interval: 1
                service:
                  idling: 1
                  job_cleanup_interval: 1
                  job_stale_threshold: 4
                connectors:
                  - connector_id: %s
                    service_type: generated
                sources:
                  generated: %s
                """.formatted(esUrl, connectorId, GeneratedArticlesSource.class.getName());
    }

    private Process startProcess(String connectorId) throws IOException {
        Path configFile = home.resolve("config-" + processes.size() + ".yml");
        Files.writeString(configFile, config(es.url(), connectorId));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = logOf(connectorId, processes.size());
        // the daemon's own logging configuration, not the tests': ECS JSON lines
        Process process = new ProcessBuilder(java, "-Xmx256m", "-Dconnectors.logging=daemon",
                "-cp", System.getProperty("java.class.path"),
                "io.connectors.core.cli.ElasticIngest", "-c", configFile.toString(), "--log-format", "json")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(process);
        return process;
    }

    private static Path logOf(String connectorId, int n) {
        return Path.of("target", "daemon-process-" + connectorId + "-" + n + ".log");
    }

    private Daemon startInJvm(String esUrl, String connectorId) {
        ConnectorsConfig config = ConfigLoader.parse(config(esUrl, connectorId), "in-jvm.yml", Map.of());
        Daemon daemon = Daemon.create(config, DaemonSettings.from(config).withIdling(Duration.ofMillis(500)));
        daemons.add(daemon);
        runs.add(daemon.service().run().subscribe());
        return daemon;
    }

    /** A connector of generated articles whose full sync takes about {@code articles * delayMs} milliseconds. */
    private String articlesConnector(String id, String index, int articles, int delayMs) {
        kibana = new ControlPlane(probe, indices);
        probe.exists(index); // warms the client
        String connector = kibana.connector(id, index, "unused", Map.of());
        kibana.update(indices.connectors(), id, Map.of("service_type", "generated", "configuration", Map.of(
                "count", Map.of("label", "Articles", "type", "int", "value", articles),
                "revision", Map.of("label", "Revision", "type", "str", "value", "1"),
                "delay_ms", Map.of("label", "Delay", "type", "int", "value", delayMs))));
        return connector;
    }

    private Object status(String jobId) {
        return kibana.job(jobId).get("status");
    }

    private long indexed(String jobId) {
        return ((Number) kibana.job(jobId).getOrDefault("indexed_document_count", 0)).longValue();
    }

    @Test
    void sigterm_midSync_suspendsTheJobAndExitsZero_andTheNextDaemonResumesIt() throws Exception {
        String index = es.uniqueIndex("sigterm");
        articlesConnector("term", index, ARTICLES, 4);
        String job = kibana.pendingJob("term", "full");
        Process daemon = startProcess("term");
        await().atMost(Duration.ofSeconds(60)).until(() -> "in_progress".equals(status(job)) && indexed(job) > 0);

        daemon.destroy(); // SIGTERM

        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).as("exits within 10 s").isTrue();
        assertThat(daemon.exitValue()).isZero();
        assertThat(status(job)).isEqualTo("suspended");
        assertThat(Files.readAllLines(logOf("term", 0))).as("ECS JSON log lines")
                .anySatisfy(line -> assertThat(line).startsWith("{").contains("\"@timestamp\"").contains("\"log.level\"").contains("SIGTERM received"));

        startInJvm(es.url(), "term");
        await().atMost(Duration.ofSeconds(90)).until(() -> "completed".equals(status(job)));
        assertThat(probe.count(index)).isEqualTo(ARTICLES);
        assertThat(kibana.job(job)).containsEntry("total_document_count", ARTICLES);
    }

    @Test
    void kill9_midSync_isFailedByCleanup_andTheNextFullSyncLeavesTheIndexExact() throws Exception {
        String index = es.uniqueIndex("kill9");
        articlesConnector("kill", index, ARTICLES, 4);
        String job = kibana.pendingJob("kill", "full");
        Process daemon = startProcess("kill");
        await().atMost(Duration.ofSeconds(60)).until(() -> "in_progress".equals(status(job)) && indexed(job) > 0);

        daemon.destroyForcibly(); // SIGKILL: no chance to say goodbye
        daemon.waitFor(10, TimeUnit.SECONDS);
        kibana.update(indices.connectors(), "kill", Map.of("configuration", Map.of(
                "count", Map.of("label", "Articles", "type", "int", "value", ARTICLES),
                "revision", Map.of("label", "Revision", "type", "str", "value", "1"),
                "delay_ms", Map.of("label", "Delay", "type", "int", "value", 0))));
        startInJvm(es.url(), "kill");

        await().atMost(Duration.ofSeconds(60)).until(() -> "error".equals(status(job)));
        assertThat((String) kibana.job(job).get("error")).contains("heartbeat");
        String next = kibana.pendingJob("kill", "full");
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(status(next)));
        assertThat(probe.count(index)).isEqualTo(ARTICLES);
        assertThat(probe.document(index, "article-" + (ARTICLES - 1))).isPresent();
    }

    @Test
    void elasticsearchStoppedAndRestartedDuringARun_theDaemonSurvivesAndFinishesLaterJobs() throws Exception {
        String index = es.uniqueIndex("outage");
        articlesConnector("outage", index, 500, 0);
        try (FaultInjectingProxy elasticsearch = FaultInjectingProxy.start(es.url(), (method, uri, n) -> null)) {
            startInJvm(elasticsearch.url(), "outage");
            String first = kibana.pendingJob("outage", "full");
            await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(status(first)));

            elasticsearch.goDown();
            String during = kibana.pendingJob("outage", "full"); // written directly: the daemon cannot see it yet
            Thread.sleep(4_000); // the outage: several polls fail meanwhile
            elasticsearch.comeBack();

            await().atMost(Duration.ofSeconds(90)).until(() -> "completed".equals(status(during)));
            String after = kibana.pendingJob("outage", "full");
            await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(status(after)));
            assertThat(probe.count(index)).isEqualTo(500);
        }
    }
}
