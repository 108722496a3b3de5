package io.connectors.ftest.dev;

import io.connectors.core.config.ConfigException;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.testkit.elasticsearch.LocalElasticsearchNode;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ConnectorStatus;
import io.connectors.core.protocol.KibanaConnector;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.service.Daemon;
import io.connectors.core.service.DaemonSettings;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.config.ConfigSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code make run}: the daemon with config.yml, against {@code ELASTICSEARCH_URL} or, when unset, a local
 * Elasticsearch node it starts; on an empty cluster it creates a demo connector and asks for a full sync, so a
 * newcomer sees documents arrive. Ctrl-C stops the daemon and the node it started.
 */
public final class DemoLauncher {

    static final String DEMO_CONNECTOR = "demo";
    static final String DEMO_INDEX = "search-demo";

    private DemoLauncher() {}

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger(DemoLauncher.class);
        Path configFile = Path.of(args.length > 0 ? args[0] : "config.yml");
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
        if (url == null || url.isBlank()) {
            log.info("ELASTICSEARCH_URL is not set: starting a local Elasticsearch node (about 15 s)");
            node = LocalElasticsearchNode.start(LocalElasticsearchNode.Settings.defaults());
            url = node.httpUri().toString();
        }
        config = config.withElasticsearch(config.elasticsearch().withHost(url))
                .withSource("demo", DemoDataSource.class.getName());
        Map<String, String> configured = new HashMap<>(DaemonSettings.from(config).configured());
        configured.put(DEMO_CONNECTOR, "demo");
        DaemonSettings base = DaemonSettings.from(config);
        DaemonSettings settings = new DaemonSettings(min(base.idling(), Duration.ofSeconds(2)), base.heartbeat(),
                base.jobFlush(), base.cancelCheck(), base.staleJobAfter(), base.cleanupInterval(), base.maxConcurrentSyncs(),
                base.serveAll(), configured, base.workerHostname(), base.indices(), base.shutdownGrace());
        try (Daemon daemon = Daemon.create(config, settings)) {
            var context = daemon.context();
            settings.indices().ensure(context.client()).block(Duration.ofMinutes(1));
            String jobId = createDemoIfEmpty(daemon).block(Duration.ofMinutes(1));
            CountDownLatch stopped = new CountDownLatch(1);
            daemon.service().run().doFinally(signal -> stopped.countDown()).subscribe();
            String esUrl = url;
            if (jobId != null) {
                Flux.interval(Duration.ofSeconds(1)).onBackpressureDrop()
                        .concatMap(tick -> context.jobs().get(jobId))
                        .filter(job -> job.doc().status() != null && job.doc().status().terminal())
                        .next()
                        .subscribe(job -> log.info("Demo sync {}: {} documents in index {}. Try: curl '{}/{}/_search?q=runbook&size=3'",
                                job.doc().status().wireName(), job.doc().totalDocumentCount(), DEMO_INDEX, esUrl, DEMO_INDEX));
            }
            log.info("Running against {}. Ctrl-C stops everything this started.", url);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                daemon.service().stop();
                try {
                    stopped.await(settings.shutdownGrace().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            stopped.await();
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    /** On a cluster with no connector yet: the demo connector, configured, and a pending full sync. Emits the job id. */
    private static Mono<@Nullable String> createDemoIfEmpty(Daemon daemon) {
        var context = daemon.context();
        return context.connectors().all().hasElements().flatMap(any -> {
            if (any) {
                return Mono.empty();
            }
            ConfigSchema schema = DemoDataSource.configSchema();
            Map<String, Object> document = KibanaConnector.document("Demo articles", DEMO_INDEX, "demo",
                    schema.toConnectorDocument(Map.of()), ConnectorStatus.CONFIGURED);
            return context.connectors().create(DEMO_CONNECTOR, document)
                    .then(context.connectors().get(DEMO_CONNECTOR))
                    .flatMap((Versioned<Connector> connector) -> context.jobs().create(connector, SyncKind.FULL,
                            TriggerMethod.ON_DEMAND, Map.of()))
                    .doOnNext(id -> LoggerFactory.getLogger(DemoLauncher.class)
                            .info("Created the demo connector '{}' (index {}) and a full sync job {} ({})", DEMO_CONNECTOR,
                                    DEMO_INDEX, id, JobStatus.PENDING.wireName()));
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
