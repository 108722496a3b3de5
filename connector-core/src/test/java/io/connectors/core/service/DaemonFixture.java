package io.connectors.core.service;

import static org.awaitility.Awaitility.await;

import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.testing.InMemorySource;
import io.connectors.testkit.elasticsearch.ElasticsearchHarness;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.Disposable;

/**
 * One test's daemons against the shared Elasticsearch, as the daemon ITs use them: control indices no other test
 * sees, a {@link ControlPlane} that writes to them as Kibana does, and daemons started from a config.yml text, each
 * stopped and closed after the test (then whatever the test handed to {@link #closeAfterTheDaemons}, then the control
 * indices are deleted).
 * <pre>{@code
 * @ExtendWith(ElasticsearchExtension.class)   // starts the node once, stops it at the end of the run
 * class FooIT {
 *     @RegisterExtension final DaemonFixture daemons = new DaemonFixture();
 *     ... daemons.kibana().pendingJob(...); daemons.startServingAll("worker-a", 1); daemons.awaitJobEnd(jobId) ...
 * }}</pre>
 * Public for the daemon tests of other packages (plugin isolation).
 */
public final class DaemonFixture implements AfterEachCallback {

    /** How long a job may take to end in {@link #awaitJobEnd(String)}. */
    public static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    /** How long an idle daemon waits between polls of the job index: short, so tests do not wait for it. */
    public static final Duration IDLING = Duration.ofMillis(300);

    private static final Set<String> ENDED = Set.of("completed", "error", "canceled");

    private final TestElasticsearch es;
    private final IndexProbe probe;
    private final ControlIndices indices;
    private final ControlPlane kibana;
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<Disposable> runs = new ArrayList<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    public DaemonFixture() {
        this.es = ElasticsearchHarness.shared();
        this.probe = new IndexProbe(es.url());
        this.indices = ControlPlane.freshIndices();
        this.kibana = new ControlPlane(probe, indices);
    }

    public TestElasticsearch es() {
        return es;
    }

    public IndexProbe probe() {
        return probe;
    }

    public ControlIndices indices() {
        return indices;
    }

    /** The control documents, written and read as Kibana does. */
    public ControlPlane kibana() {
        return kibana;
    }

    /**
     * config.yml for daemons that serve every connector of the in-memory test source ({@code memory}) against
     * {@code elasticsearchUrl}, bulk retries after 1 s.
     */
    public static String servingAllInMemory(String elasticsearchUrl) {
        return """
                elasticsearch:
                  host: %s
                  bulk:
                    retry_interval: 1
                service:
                  serve_all: true
                sources:
                  memory: %s
                """.formatted(elasticsearchUrl, InMemorySource.class.getName());
    }

    /** A daemon that serves every in-memory connector, named {@code workerHostname} on the jobs it runs. */
    public Daemon startServingAll(String workerHostname, int maxConcurrentSyncs) {
        return startServingAll(workerHostname, maxConcurrentSyncs, es.url());
    }

    /** The same, reaching Elasticsearch at {@code elasticsearchUrl} (a proxy in front of the node). */
    public Daemon startServingAll(String workerHostname, int maxConcurrentSyncs, String elasticsearchUrl) {
        return start(servingAllInMemory(elasticsearchUrl), settings -> settings
                .withWorkerHostname(workerHostname)
                .withMaxConcurrentSyncs(maxConcurrentSyncs));
    }

    /**
     * A daemon of {@code configYaml} (read as {@code test-config.yml}, no environment), on this fixture's control
     * indices, polling every {@link #IDLING}; {@code tuning} changes its other settings.
     */
    public Daemon start(String configYaml, UnaryOperator<DaemonSettings> tuning) {
        ConnectorsConfig config = ConfigLoader.parse(configYaml, "test-config.yml", Map.of());
        Daemon daemon = Daemon.create(config, tuning.apply(DaemonSettings.from(config).withIndices(indices).withIdling(IDLING)));
        daemons.add(daemon);
        runs.add(daemon.service().run().subscribe());
        return daemon;
    }

    /** Job {@code jobId} once it has ended (completed, error or canceled), within {@link #JOB_TIMEOUT}. */
    public Map<String, Object> awaitJobEnd(String jobId) {
        await().atMost(JOB_TIMEOUT).until(() -> ENDED.contains(String.valueOf(kibana.job(jobId).get("status"))));
        return kibana.job(jobId);
    }

    /** Closes {@code resource} after the test, once the daemons that may use it are stopped; the last one first. */
    public <T extends AutoCloseable> T closeAfterTheDaemons(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        daemons.forEach(daemon -> daemon.service().stop());
        runs.forEach(Disposable::dispose);
        daemons.forEach(Daemon::close);
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
        // the control indices are this test's alone: dropped, so a shared node does not fill up with them
        probe.client().indices().delete(delete -> delete.index(indices.connectors(), indices.jobs()).ignoreUnavailable(true));
        probe.close();
    }
}
