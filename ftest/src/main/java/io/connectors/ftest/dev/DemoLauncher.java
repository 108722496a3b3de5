package io.connectors.ftest.dev;

import io.connectors.api.sink.SyncKind;
import io.connectors.core.config.ConfigException;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.protocol.ConnectorStatus;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.KibanaConnector;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.service.Daemon;
import io.connectors.core.service.DaemonSettings;
import io.connectors.core.service.ServiceContext;
import io.connectors.testkit.elasticsearch.LocalElasticsearchNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code make run}: the daemon with config.yml, against {@code ELASTICSEARCH_URL} or, when unset, a local
 * Elasticsearch node it starts, and a demo connector with a full sync, so a newcomer sees documents arrive and gets a
 * search to try. The demo ({@code make run DEMO=...}, see {@link DemoConnector}) is the Jira source against the mock
 * Jira by default, or generated articles. The demo connector is created on a cluster without connectors, and
 * pointed at this run's mock when it exists already. Ctrl-C stops the daemon and whatever this started.
 */
public final class DemoLauncher {

    private static final Logger log = LoggerFactory.getLogger(DemoLauncher.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(1);

    private DemoLauncher() {}

    /** {@code config.yml [jira|articles]}. */
    public static void main(String[] args) throws Exception {
        Path configFile = Path.of(args.length > 0 ? args[0] : "config.yml");
        String demoName = args.length > 1 ? args[1] : "jira";
        ConnectorsConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String url = System.getenv("ELASTICSEARCH_URL");
        LocalElasticsearchNode node = null;
        try (DemoConnector demo = DemoConnector.named(demoName)) {
            if (url == null || url.isBlank()) {
                log.info("ELASTICSEARCH_URL is not set: starting a local Elasticsearch node (about 15 s)");
                node = LocalElasticsearchNode.start(LocalElasticsearchNode.Settings.defaults());
                url = node.httpUri().toString();
            }
            run(config.withElasticsearch(config.elasticsearch().withHost(url)).withSource(demo.serviceType(),
                    demo.sourceClass()), demo, url);
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    private static void run(ConnectorsConfig config, DemoConnector demo, String url) throws InterruptedException {
        Map<String, String> configured = new HashMap<>(DaemonSettings.from(config).configured());
        configured.put(demo.id(), demo.serviceType());
        DaemonSettings base = DaemonSettings.from(config);
        // a short idle time, so that the demo sync starts within a second or two
        DaemonSettings settings = new DaemonSettings(min(base.idling(), Duration.ofSeconds(2)), base.heartbeat(),
                base.jobFlush(), base.cancelCheck(), base.staleJobAfter(), base.cleanupInterval(), base.maxConcurrentSyncs(),
                base.serveAll(), configured, base.workerHostname(), base.indices(), base.shutdownGrace());
        try (Daemon daemon = Daemon.create(config, settings)) {
            ServiceContext context = daemon.context();
            settings.indices().ensure(context.client()).block(WRITE_TIMEOUT);
            String jobId = startDemo(context, demo).block(WRITE_TIMEOUT);
            CountDownLatch stopped = new CountDownLatch(1);
            daemon.service().run().doFinally(signal -> stopped.countDown()).subscribe();
            if (jobId != null) {
                reportWhenDone(context, demo, jobId, url);
            }
            log.info("Running against {}. Ctrl-C stops everything this started.", url);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                daemon.service().stop();
                try {
                    stopped.await(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            stopped.await();
        }
    }

    /**
     * The demo connector, configured, and a pending full sync: created on a cluster without connectors, updated to
     * this run's configuration when it exists (a mock's port changes from run to run). Emits the job id; nothing on
     * a cluster that holds other connectors only.
     */
    private static Mono<@Nullable String> startDemo(ServiceContext context, DemoConnector demo) {
        Map<String, Object> configuration = demo.schema().toConnectorDocument(demo.configuration());
        Mono<Boolean> ready = context.connectors().get(demo.id())
                .flatMap(existing -> context.connectors().update(demo.id(), Map.of("configuration", configuration))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> context.connectors().all().hasElements().flatMap(any -> any
                        ? Mono.just(false)
                        : context.connectors().create(demo.id(), KibanaConnector.document(demo.name(), demo.index(),
                                demo.serviceType(), configuration, ConnectorStatus.CONFIGURED)).thenReturn(true))));
        return ready.flatMap(go -> {
            if (!go) {
                log.info("The cluster holds connectors already: no demo connector created");
                return Mono.empty();
            }
            return context.connectors().get(demo.id())
                    .flatMap(connector -> context.jobs().create(connector, SyncKind.FULL, TriggerMethod.ON_DEMAND, Map.of()))
                    .doOnNext(id -> log.info("Demo connector '{}' ({}, index {}) with a full sync job {} ({})", demo.id(),
                            demo.name(), demo.index(), id, JobStatus.PENDING.wireName()));
        });
    }

    /** Logs how the demo sync ended, with a search to try. */
    private static void reportWhenDone(ServiceContext context, DemoConnector demo, String jobId, String url) {
        Flux.interval(Duration.ofSeconds(1)).onBackpressureDrop()
                .concatMap(tick -> context.jobs().get(jobId))
                .filter(job -> job.doc().status() != null && job.doc().status().terminal())
                .next()
                .subscribe(job -> log.info("Demo sync {}: {} documents in index {}. Try: {}  ({})",
                        job.doc().status().wireName(), job.doc().totalDocumentCount(), demo.index(),
                        demo.trySearch(url), demo.whatToExpect()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
