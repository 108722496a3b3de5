package io.connectors.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.testing.ElasticsearchExtension;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.IndexProbe;
import io.connectors.core.testing.SourceData;
import io.connectors.core.testing.TestElasticsearch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Control documents written by someone careless or hostile: the daemon refuses what it must not run, skips what it
 * cannot read, and keeps serving every other connector.
 */
@ExtendWith(ElasticsearchExtension.class)
class HostileControlDocumentsIT {

    private TestElasticsearch es;
    private IndexProbe probe;
    private ControlIndices indices;
    private ControlPlane kibana;
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<Disposable> runs = new ArrayList<>();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeEach
    void setUp(TestElasticsearch es) {
        this.es = es;
        this.probe = new IndexProbe(es.url());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.indices = new ControlIndices(".test-connectors-" + suffix, ".test-connectors-sync-jobs-" + suffix);
        this.kibana = new ControlPlane(probe, indices);
        warnings.start();
        ((Logger) LoggerFactory.getLogger("io.connectors.core")).addAppender(warnings);
    }

    @AfterEach
    void stopDaemons() {
        ((Logger) LoggerFactory.getLogger("io.connectors.core")).detachAppender(warnings);
        daemons.forEach(daemon -> daemon.service().stop());
        runs.forEach(Disposable::dispose);
        daemons.forEach(Daemon::close);
        probe.close();
    }

    private void startDaemon(int maxConcurrentSyncs, Duration cleanupInterval, Duration staleAfter) {
        ConnectorsConfig config = ConfigLoader.parse("""
                elasticsearch:
                  host: %s
                  bulk:
                    retry_interval: 1
                service:
                  serve_all: true
                sources:
                  memory: %s
                  other-memory: %s
                """.formatted(es.url(), InMemorySource.class.getName(), InMemorySource.class.getName()), "test-config.yml", Map.of());
        DaemonSettings settings = DaemonSettings.from(config)
                .withIndices(indices)
                .withIdling(Duration.ofMillis(300))
                .withWorkerHostname("worker-hostile")
                .withMaxConcurrentSyncs(maxConcurrentSyncs)
                .withCleanup(cleanupInterval, staleAfter);
        Daemon daemon = Daemon.create(config, settings);
        daemons.add(daemon);
        runs.add(daemon.service().run().subscribe());
    }

    private void startDaemon(int maxConcurrentSyncs) {
        startDaemon(maxConcurrentSyncs, Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    private String status(String jobId) {
        return String.valueOf(kibana.job(jobId).get("status"));
    }

    private long warningsAbout(String text) {
        return warnings.list.stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(text))
                .count();
    }

    @Test
    void unknownJobType_isFailedWithTheReason_andTheOnlySlotServesTheNextJob() {
        SourceData data = SourceData.create("jobtype-" + UUID.randomUUID()).generate("doc", 20, 0);
        String index = es.uniqueIndex("jobtype");
        kibana.connector("jt", index, data.name(), Map.of());
        String bogus = kibana.pendingJob("jt", "everything");
        String full = kibana.pendingJob("jt", "full");
        startDaemon(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(status(full)));

        assertThat(kibana.job(bogus)).containsEntry("status", "error");
        assertThat(kibana.job(bogus).get("error")).asString().contains("job_type").contains("everything");
        assertThat(data.streams()).as("the bogus job never ran").isEqualTo(1);
        assertThat(probe.count(index)).isEqualTo(20);
    }
}
