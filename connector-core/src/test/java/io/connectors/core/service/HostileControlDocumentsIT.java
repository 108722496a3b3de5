package io.connectors.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.SourceData;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Control documents written by someone careless or hostile: the daemon refuses what it must not run, skips what it
 * cannot read, and keeps serving every other connector.
 */
@ExtendWith(ElasticsearchExtension.class)
class HostileControlDocumentsIT {

    @RegisterExtension
    final DaemonFixture daemons = new DaemonFixture();
    private final TestElasticsearch es = daemons.es();
    private final IndexProbe probe = daemons.probe();
    private final ControlIndices indices = daemons.indices();
    private final ControlPlane kibana = daemons.kibana();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeEach
    void listenToWarnings() {
        warnings.start();
        ((Logger) LoggerFactory.getLogger("io.connectors.core")).addAppender(warnings);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger("io.connectors.core")).detachAppender(warnings);
    }

    /** A daemon serving every connector of two in-memory source types, {@code memory} and {@code other-memory}. */
    private void startDaemon(int maxConcurrentSyncs, Duration cleanupInterval, Duration staleAfter) {
        daemons.start("""
                elasticsearch:
                  host: %s
                  bulk:
                    retry_interval: 1
                service:
                  serve_all: true
                sources:
                  memory: %s
                  other-memory: %s
                """.formatted(es.url(), InMemorySource.class.getName(), InMemorySource.class.getName()), settings -> settings
                .withWorkerHostname("worker-hostile")
                .withMaxConcurrentSyncs(maxConcurrentSyncs)
                .withCleanup(cleanupInterval, staleAfter));
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

    @Test
    void malformedConnectors_areSkippedWithOneWarning_markedError_andTheOthersKeepWorking() throws Exception {
        SourceData data = SourceData.create("malformed-" + UUID.randomUUID()).generate("doc", 20, 0);
        String index = es.uniqueIndex("malformed");
        startDaemon(1); // its mappings hold configuration and scheduling unindexed, so any value is stored
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.exists(indices.connectors()) && probe.exists(indices.jobs()));
        kibana.connector("good", index, data.name(), Map.of());
        Map<String, Object> badConfiguration = new LinkedHashMap<>(kibana.connectorDoc("good"));
        badConfiguration.put("configuration", "not an object");
        kibana.put(indices.connectors(), "bad-configuration", badConfiguration);
        Map<String, Object> badType = new LinkedHashMap<>(kibana.connectorDoc("good"));
        badType.put("scheduling", List.of("every", "day"));
        kibana.put(indices.connectors(), "bad-type", badType);
        Map<String, Object> badStatus = new LinkedHashMap<>(kibana.connectorDoc("good"));
        badStatus.put("status", "sleeping");
        badStatus.put("service_type", "nobody-serves-this");
        kibana.put(indices.connectors(), "bad-status", badStatus);
        String job = kibana.pendingJob("good", "full");

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(status(job)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "error".equals(kibana.connectorDoc("bad-configuration").get("status"))
                && "error".equals(kibana.connectorDoc("bad-type").get("status")));
        assertThat(kibana.connectorDoc("bad-configuration").get("error")).asString().contains("configuration");
        assertThat(kibana.connectorDoc("bad-type").get("error")).asString().contains("scheduling");
        assertThat(kibana.connectorDoc("bad-status")).as("not served here: not written")
                .containsEntry("status", "sleeping");
        Thread.sleep(1_500); // several polls: the warning must not repeat
        assertThat(warningsAbout("bad-configuration")).isEqualTo(1);
        assertThat(warningsAbout("bad-type")).isEqualTo(1);
        assertThat(warningsAbout("bad-status")).isEqualTo(1);
        String second = kibana.pendingJob("good", "full");
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(status(second)));
    }

    @Test
    void runningJobWithoutConnector_doesNotBreakCleanupOrClaims() {
        SourceData data = SourceData.create("orphan-" + UUID.randomUUID()).generate("doc", 5, 0);
        kibana.connector("oc", es.uniqueIndex("orphan"), data.name(), Map.of());
        String old = Instant.now().minus(Duration.ofHours(1)).toString();
        kibana.put(indices.jobs(), "no-connector", Map.of("job_type", "full", "status", "in_progress",
                "created_at", old, "last_seen", old));
        String stale = kibana.pendingJob("oc", "full");
        kibana.update(indices.jobs(), stale, Map.of("status", "in_progress", "last_seen", old, "created_at", old,
                "worker_hostname", "a-dead-daemon"));
        String pending = kibana.pendingJob("oc", "full");
        startDaemon(1, Duration.ofMillis(500), Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(30)).until(() -> "error".equals(status(stale)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(status(pending)));
        assertThat(kibana.job("no-connector")).containsEntry("status", "in_progress");
        assertThat(warningsAbout("no-connector")).isEqualTo(1);
    }

    @Test
    void jobAimedAtTheControlIndex_isRefused_andNoConnectorIsDeleted() {
        SourceData data = SourceData.create("aim-" + UUID.randomUUID()).generate("doc", 5, 0);
        kibana.connector("aim", es.uniqueIndex("aim"), data.name(), Map.of());
        kibana.connector("bystander", es.uniqueIndex("bystander"), data.name(), Map.of());
        String control = kibana.pendingJob("aim", "full", Map.of("index_name", indices.connectors()));
        String system = kibana.pendingJob("aim", "full", Map.of("index_name", ".security-7"));
        startDaemon(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> "error".equals(status(control)) && "error".equals(status(system)));

        assertThat(kibana.job(control).get("error")).asString().contains(indices.connectors()).contains("index_name");
        assertThat(kibana.job(system).get("error")).asString().contains(".security-7");
        assertThat(kibana.connectorDoc("bystander")).as("the control index was not synced over").containsKey("service_type");
        assertThat(probe.count(indices.connectors())).isEqualTo(2);
        assertThat(data.streams()).isZero();
    }

    @Test
    void jobWhoseSnapshotNamesAnotherServiceType_isRefused() {
        SourceData data = SourceData.create("type-" + UUID.randomUUID()).generate("doc", 5, 0);
        kibana.connector("typed", es.uniqueIndex("typed"), data.name(), Map.of());
        String job = kibana.pendingJob("typed", "full", Map.of("service_type", "other-memory"));
        String next = kibana.pendingJob("typed", "full");
        startDaemon(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(status(next)));

        assertThat(kibana.job(job)).containsEntry("status", "error");
        assertThat(data.streams()).as("only the valid job ran").isEqualTo(1);
        assertThat(kibana.job(job).get("error")).asString().contains("service_type").contains("other-memory").contains("'memory'");
    }
}
