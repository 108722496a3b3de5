package io.connectors.core.server;

import io.connectors.api.sink.SyncKind;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.SourceEvent;
import io.connectors.core.config.HttpListenerConfig;
import io.connectors.core.metrics.Meters;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.runtime.SyncFactory;
import io.connectors.core.service.ConnectorService;
import io.connectors.core.service.ServiceContext;
import io.connectors.core.sync.SyncProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Webhooks of any source that {@linkplain DataSource#supportsEvents() reads events}: checks the connector and the
 * signature, lets the connector's source read the body, queues the event ({@link EventQueue}), and applies it through
 * the connector's own sink with the engine ({@code SyncEngine.applyEvent}): the documents a sync would write, with the
 * same ids.
 *
 * <h2>Order with syncs (docs/webhooks.md)</h2>
 * Events are applied while a sync of the same connector runs. An event never writes what the webhook said: it
 * fetches the subject's current state, so of two events the later fetch wins. A sync, though, may have read a
 * subject before an event's fetch and write it after: every subject an event wrote while a sync of its connector
 * ran is therefore applied once more when that sync ends, fetched after both. Removals are applied again the same
 * way (a sync that read the item before it was removed may have written it back).
 */
final class Webhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    /** The connector configuration field holding the shared secret (sensitive; see docs/webhooks.md). */
    static final String SECRET_FIELD = "webhook_secret";

    /** An HTTP answer: status and a short text for the sender (never a secret or a signature). */
    record Answer(int status, String message) {}

    private final ServiceContext context;
    private final ConnectorService service;
    private final EventQueue queue;
    private final Map<String, CachedSource> sources = new ConcurrentHashMap<>();
    /** connector id -> subject -> event applied while a sync of the connector ran */
    private final Map<String, Map<String, SourceEvent>> appliedDuringSync = new ConcurrentHashMap<>();
    private final Set<String> syncRequested = ConcurrentHashMap.newKeySet();
    private final Disposable syncEnds;

    Webhooks(ServiceContext context, ConnectorService service, HttpListenerConfig config) {
        this.context = context;
        this.service = service;
        this.queue = new EventQueue(config.webhookQueueSize(), config.webhookConcurrency(), config.webhookCoalesceWindow(),
                this::apply, this::overflowed);
        this.syncEnds = service.jobsEnded().subscribe(this::syncEnded);
    }

    int depth() {
        return queue.depth();
    }

    /** One POST: {@code serviceType} from the path must be the connector's. */
    Mono<Answer> receive(String serviceType, String connectorId, byte[] body, @Nullable String signature) {
        long received = System.nanoTime();
        return context.connectors().get(connectorId)
                .map(connector -> check(serviceType, connector, body, signature, received))
                .switchIfEmpty(Mono.fromSupplier(() -> refused("unknown_connector", 404, "no connector " + connectorId)))
                .onErrorResume(error -> Mono.just(refused("unavailable", 503,
                        "the connector could not be read from Elasticsearch; the sender will retry")));
    }

    private Answer check(String serviceType, Versioned<Connector> connector, byte[] body, @Nullable String signature,
                         long received) {
        String id = connector.id();
        Connector doc = connector.doc();
        if (doc.isDeleted() || !serviceType.equals(doc.serviceType())) {
            return refused("unknown_connector", 404, "no " + serviceType + " connector " + id);
        }
        String whyNot = context.settings().whyNotServed(id, doc.serviceType(), context.sources().has(serviceType));
        if (whyNot != null) {
            return refused("unknown_connector", 404, "connector " + id + " is not served by this daemon");
        }
        LoadedSource loaded;
        Map<String, Object> values;
        try {
            loaded = context.sources().get(serviceType);
            values = loaded.schema().fromConnectorDocument(doc.configurationOrEmpty());
        } catch (PluginLoadingException e) {
            return refused("unavailable", 503, "the source of connector " + id + " cannot be loaded: " + e.getMessage());
        }
        Object secret = values.get(SECRET_FIELD);
        if (!(secret instanceof String text) || text.isBlank()) {
            return refused("no_secret", 403, "connector " + id + " has no " + SECRET_FIELD + ": set one to accept webhooks");
        }
        WebhookSignature.Verdict verdict = WebhookSignature.verify(text, body, signature);
        if (verdict != WebhookSignature.Verdict.VALID) {
            log.warn("webhook for connector {} refused: signature {}", id, verdict == WebhookSignature.Verdict.MISSING
                    ? "missing" : "does not match the connector's secret");
            return refused("unauthorized", 401, "signature " + (verdict == WebhookSignature.Verdict.MISSING ? "missing" : "invalid"));
        }
        DataSource source;
        try {
            source = source(connector, loaded, values);
        } catch (RuntimeException e) {
            return refused("unavailable", 503, "the source of connector " + id + " cannot be created: " + e.getMessage());
        }
        if (!source.supportsEvents()) {
            return refused("unsupported", 404, "the " + serviceType + " source does not take webhooks");
        }
        SourceEvent event;
        try {
            event = source.readEvent(body);
        } catch (IllegalArgumentException unreadable) {
            return refused("unreadable", 400, "not a " + serviceType + " webhook: " + unreadable.getMessage());
        }
        if (event.action() == SourceEvent.Action.IGNORE) {
            Meters.webhookEvent("other", "ignored"); // any name a sender likes: not a label (bounded cardinality)
            log.info("webhook {} for connector {}: ignored (event type not indexed) in {} ms", event.type(), id, millis(received));
            return new Answer(200, "ignored: " + event.type() + " is not indexed");
        }
        return switch (queue.offer(id, event, received)) {
            case QUEUED -> new Answer(202, "queued");
            case COALESCED -> {
                Meters.webhookEvent(event.type(), "coalesced");
                yield new Answer(202, "coalesced with a waiting event of " + event.label());
            }
            case OVERFLOW -> {
                Meters.webhookEvent(event.type(), "overflow");
                log.warn("webhook {} {} for connector {}: queue full, an incremental sync is queued instead", event.type(),
                        event.label(), id);
                yield new Answer(202, "queue full: an incremental sync of the connector is queued instead");
            }
        };
    }

    private static Answer refused(String outcome, int status, String message) {
        Meters.webhookEvent("unknown", outcome); // the body of a refused request is never read: its type is unknown
        return new Answer(status, message);
    }

    /** Applies one subject's (merged) event: fetches it through the source, writes through the connector's sink. */
    private Mono<Void> apply(EventQueue.Work work) {
        String id = work.key().connectorId();
        SourceEvent event = work.event();
        return context.connectors().get(id)
                .flatMap(connector -> {
                    Connector doc = connector.doc();
                    if (doc.isDeleted() || doc.indexName() == null || doc.serviceType() == null) {
                        return Mono.just("connector_gone");
                    }
                    boolean syncing = service.syncing(id);
                    LoadedSource loaded = context.sources().get(doc.serviceType());
                    Map<String, Object> values = loaded.schema().fromConnectorDocument(doc.configurationOrEmpty());
                    DataSource source = source(connector, loaded, values);
                    AtomicInteger fetched = new AtomicInteger();
                    Flux<io.connectors.api.source.SourceDocument> refreshed = event.action() == SourceEvent.Action.REFRESH
                            ? source.refresh(event.subject(), doc.activeFiltering()).doOnNext(document -> fetched.incrementAndGet())
                            : Flux.empty();
                    SyncProgress progress = new SyncProgress();
                    return context.syncs().engine(id, doc.indexName(), concurrentDownloads(values))
                            .applyEvent(source.toString(), event.removedIds(), refreshed, progress)
                            .map(report -> {
                                if (syncing || service.syncing(id)) {
                                    appliedDuringSync.computeIfAbsent(id, key -> new ConcurrentHashMap<>())
                                            .merge(event.subject(), event, SourceEvent::merge);
                                }
                                if (!report.completed()) {
                                    log.warn("webhook {} {} of connector {}: writing failed: {}", event.type(), event.label(),
                                            id, report.error());
                                    return "failed";
                                }
                                Meters.documents("webhook", report.created() + report.updated(), report.deleted());
                                if (event.action() == SourceEvent.Action.REFRESH && fetched.get() == 0 && event.removedIds().isEmpty()) {
                                    return "out_of_scope";
                                }
                                return event.action() == SourceEvent.Action.REMOVE ? "deleted" : "indexed";
                            });
                })
                .defaultIfEmpty("connector_gone")
                .onErrorResume(error -> {
                    log.warn("webhook {} {} of connector {}: {}", event.type(), event.label(), id, error.toString());
                    return Mono.just("failed");
                })
                .doOnNext(outcome -> {
                    Duration latency = Duration.ofNanos(System.nanoTime() - work.receivedNanos());
                    Meters.webhookEvent(event.type(), outcome);
                    Meters.webhookLatency(latency);
                    // one line per applied event: type, subject, outcome, latency (ECS fields with --log-format json)
                    log.info("webhook {} {} of connector {}: {} in {} ms{}", event.type(), event.label(), id, outcome,
                            latency.toMillis(), work.merged() > 1 ? " (" + work.merged() + " events coalesced)" : "");
                })
                .then();
    }

    /** The overlap rule (class comment): what events wrote during the sync is applied again now. */
    private void syncEnded(String connectorId) {
        Map<String, SourceEvent> applied = appliedDuringSync.remove(connectorId);
        if (applied == null || applied.isEmpty()) {
            return;
        }
        log.info("connector {}: a sync ended; applying again the {} items webhooks wrote while it ran", connectorId, applied.size());
        applied.values().forEach(event -> queue.offer(connectorId, event, System.nanoTime()));
    }

    /** The queue refused an event: an incremental sync (full if the source has none) is queued, once. */
    private void overflowed(String connectorId) {
        if (!syncRequested.add(connectorId)) {
            return;
        }
        context.connectors().get(connectorId)
                .flatMap(connector -> context.jobs().claimable(List.of(connectorId)).hasElements()
                        .flatMap(waiting -> {
                            if (waiting) {
                                return Mono.<String>empty();
                            }
                            CachedSource cached = sources.get(connectorId);
                            SyncKind kind = cached == null || cached.source().supportsIncremental() ? SyncKind.INCREMENTAL : SyncKind.FULL;
                            return context.jobs().create(connector, kind, TriggerMethod.ON_DEMAND,
                                    Map.of("reason", "webhook queue overflow"));
                        }))
                .doFinally(signal -> syncRequested.remove(connectorId))
                .subscribe(job -> log.warn("connector {}: webhook queue full, sync job {} queued to catch up", connectorId, job),
                        error -> log.error("connector {}: webhook queue full and the catch-up sync could not be queued: {}",
                                connectorId, error.toString()));
    }

    /**
     * The connector's event-serving source, kept while its configuration, filtering and service type stay the same
     * (its HTTP client and what it caches are reused across events).
     */
    private DataSource source(Versioned<Connector> connector, LoadedSource loaded, Map<String, Object> values) {
        Identity identity = new Identity(connector.doc().serviceType(), connector.doc().configuration(), connector.doc().filtering());
        CachedSource cached = sources.compute(connector.id(), (id, old) -> {
            if (old != null && old.identity().equals(identity)) {
                return old;
            }
            if (old != null) {
                old.source().close();
            }
            RuntimeSourceContext sourceContext = new RuntimeSourceContext(id, null, Clock.systemUTC(),
                    SyncFactory.syncSettings(context.syncs().config(), concurrentDownloads(values)).concurrentDownloads());
            return new CachedSource(identity, loaded.create(values, sourceContext));
        });
        return cached.source();
    }

    private static int concurrentDownloads(Map<String, Object> values) {
        return values.get("concurrent_downloads") instanceof Number number ? number.intValue() : 0;
    }

    private static long millis(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    private record Identity(@Nullable String serviceType, @Nullable Object configuration, @Nullable Object filtering) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && Objects.equals(serviceType, that.serviceType)
                    && Objects.equals(configuration, that.configuration) && Objects.equals(filtering, that.filtering);
        }

        @Override
        public int hashCode() {
            return Objects.hash(serviceType, configuration, filtering);
        }
    }

    private record CachedSource(Identity identity, DataSource source) {}

    @Override
    public void close() {
        syncEnds.dispose();
        queue.close();
        sources.values().forEach(cached -> cached.source().close());
        sources.clear();
    }
}
