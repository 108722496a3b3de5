package io.connectors.core.service;

import io.connectors.api.sink.SyncKind;
import io.connectors.api.source.DataSource;
import io.connectors.core.metrics.Meters;
import io.connectors.core.retry.RetryPolicy;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.protocol.ConnectorStatus;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.runtime.SyncFactory;
import io.connectors.api.ConnectorException;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.sink.elasticsearch.IngestPipeline;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.rules.FilteringValidation;
import io.connectors.api.source.Filtering;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs one claimed job to its end: builds the source from the job's connector snapshot, runs the engine, writes
 * counters and {@code last_seen} every few seconds, stops within a second or two of a cancel request or of the
 * daemon's shutdown, and records the outcome on the job and on the connector.
 */
final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final ServiceContext context;

    JobRunner(ServiceContext context) {
        this.context = context;
    }

    /** What ended a job. */
    sealed interface Outcome {
        record Finished(SyncReport report) implements Outcome {}

        record Canceled() implements Outcome {}

        record Suspended() implements Outcome {}

        record Failed(String error) implements Outcome {}
    }

    /**
     * Runs {@code job}; {@code shutdown} completing means the daemon is stopping (the job is then suspended).
     * Emits the outcome after it was recorded.
     */
    Mono<Outcome> run(Versioned<SyncJob> job, Mono<Void> shutdown) {
        return run(job, shutdown, new SyncProgress());
    }

    /** As {@link #run(Versioned, Mono)}, counting into {@code progress} (which a caller may display meanwhile). */
    Mono<Outcome> run(Versioned<SyncJob> job, Mono<Void> shutdown, SyncProgress progress) {
        SyncJob.JobConnector snapshot = job.doc().connector();
        String where = "connector " + snapshot.id() + ", job " + job.id();
        long start = System.nanoTime();
        List<String> notices = new CopyOnWriteArrayList<>();
        return Mono.defer(() -> {
                    log.info("[{}] {} sync started into {}", where, job.doc().kind().wireName(), snapshot.indexName());
                    return markConnectorStarted(snapshot.id(), job.doc().kind())
                            .then(startingCursor(job))
                            .flatMap(cursor -> Mono.usingWhen(Mono.fromCallable(() -> createSource(job.id(), snapshot, notices)),
                                    source -> runWithSignals(job, source, cursor, progress, shutdown, notices),
                                    source -> Mono.fromRunnable(source::close)));
                })
                .onErrorResume(e -> Mono.just(new Outcome.Failed(describe(e))))
                .flatMap(outcome -> record(job, outcome, progress, start, notices).thenReturn(outcome));
    }

    private DataSource createSource(String jobId, SyncJob.JobConnector snapshot, List<String> notices) {
        if (snapshot.serviceType() == null || snapshot.indexName() == null) {
            throw new IllegalStateException("the job's connector snapshot has no service_type or index_name");
        }
        String refused = JobCheck.indexName(snapshot.indexName(), context.settings().indices());
        if (refused != null) {
            throw new IllegalStateException(refused); // the claim checks it first; this covers every other caller
        }
        LoadedSource loaded = context.sources().get(snapshot.serviceType());
        Map<String, Object> values = loaded.schema().fromConnectorDocument(snapshot.configurationOrEmpty());
        int downloads = SyncFactory.syncSettings(context.syncs().config(), concurrentDownloads(snapshot)).concurrentDownloads();
        return loaded.create(values, new RuntimeSourceContext(snapshot.id(), jobId, java.time.Clock.systemUTC(), downloads, notices));
    }

    /**
     * The cursor an incremental job starts from: the connector document's {@code sync_cursor}, as Elastic's service
     * reads it when it claims a job, since Kibana and {@code POST _connector/_sync_job} leave it out of the job's
     * snapshot; the snapshot's only when the connector holds none. Like Elastic's claim, it is written into the job's
     * {@code connector.sync_cursor}, so the job document says where it started. Other job types start from nothing.
     */
    private Mono<Map<String, Object>> startingCursor(Versioned<SyncJob> job) {
        SyncJob.JobConnector snapshot = job.doc().connector();
        if (job.doc().kind() != SyncKind.INCREMENTAL) {
            return Mono.just(Map.of());
        }
        return context.connectors().get(snapshot.id())
                .map(connector -> cursorOf(connector.doc().syncCursor()))
                .filter(cursor -> !cursor.isEmpty())
                .switchIfEmpty(Mono.fromSupplier(snapshot::cursorOrEmpty))
                .flatMap(cursor -> context.jobs().update(job.id(), Map.of("connector", Map.of("sync_cursor", cursor)))
                        .onErrorResume(e -> {
                            log.warn("job {}: could not record its starting cursor: {}", job.id(), e.getMessage());
                            return Mono.empty();
                        })
                        .thenReturn(cursor));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cursorOf(@Nullable Object cursor) {
        return cursor instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private Mono<Outcome> runWithSignals(Versioned<SyncJob> job, DataSource source, Map<String, Object> cursor,
                                         SyncProgress progress, Mono<Void> shutdown, List<String> notices) {
        SyncJob.JobConnector snapshot = job.doc().connector();
        String refused = SecurityCheck.refusal(job.doc().kind(), snapshot.configurationOrEmpty(), source);
        if (refused != null) {
            return Mono.just(new Outcome.Failed(refused)); // before the engine: no index is created or touched
        }
        return pipeline(snapshot, notices).flatMap(pipeline -> runWithSignals(job, source, cursor, progress, shutdown, pipeline));
    }

    /**
     * The connector's ingest pipeline, checked to exist before anything is written: Elasticsearch would refuse every
     * document with "pipeline with id [..] does not exist", so a missing one fails the job with a message saying
     * what to do. Elastic's default, {@code search-default-ingestion}, is installed by every full Elasticsearch
     * distribution; a cluster without it (a minimal build) gets the documents without it and the job says so in
     * {@code metadata.notices}, since that pipeline's work (text extraction, whitespace) is done in-process here.
     */
    private Mono<IngestPipeline> pipeline(SyncJob.JobConnector snapshot, List<String> notices) {
        IngestPipeline pipeline = IngestPipeline.from(snapshot.pipeline());
        String name = pipeline.name();
        if (name == null) {
            return Mono.just(pipeline);
        }
        return Mono.fromFuture(() -> context.client().ingest().getPipeline(g -> g.id(name)))
                .map(response -> response.pipelines().containsKey(name))
                .onErrorResume(e -> ElasticsearchErrors.status(e) == 404, e -> Mono.just(false))
                .flatMap(exists -> {
                    if (exists) {
                        return Mono.just(pipeline);
                    }
                    if (IngestPipeline.ELASTIC_DEFAULT.equals(name)) {
                        String notice = "ingest pipeline " + name + " (Elastic's default) does not exist on this cluster:"
                                + " documents were written without a pipeline (attachments are extracted in-process)";
                        log.warn("connector {}: {}", snapshot.id(), notice);
                        notices.add(notice);
                        return Mono.just(pipeline.withoutName());
                    }
                    return Mono.error(new ConnectorException("ingest pipeline '" + name + "' (the connector's pipeline.name)"
                            + " does not exist on this cluster; nothing was written. Create it (PUT _ingest/pipeline/" + name
                            + ") or set the connector's pipeline.name to an existing pipeline"));
                });
    }

    private Mono<Outcome> runWithSignals(Versioned<SyncJob> job, DataSource source, Map<String, Object> cursor,
                                         SyncProgress progress, Mono<Void> shutdown, IngestPipeline pipeline) {
        SyncJob.JobConnector snapshot = job.doc().connector();
        SyncEngine engine = context.syncs().engine(snapshot.id(), snapshot.indexName(), concurrentDownloads(snapshot), pipeline,
                io.connectors.core.runtime.SyncFactory.useTextExtractionService(snapshot.configurationOrEmpty()));
        Filtering filtering = snapshot.activeFiltering();
        Mono<SyncReport> sync = switch (job.doc().kind()) {
            case FULL -> engine.fullSync(source, filtering, progress);
            case INCREMENTAL -> engine.incrementalSync(source, cursor, filtering, progress);
            case ACCESS_CONTROL -> Mono.error(new UnsupportedOperationException(
                    "access control syncs are not supported by " + source));
        };
        // as Elastic's service: the job's active rules are validated before anything is written; invalid ones fail it
        Mono<Outcome> finished = job.doc().kind() == SyncKind.ACCESS_CONTROL ? sync.map(Outcome.Finished::new)
                : FilteringValidation.validate(filtering, source).flatMap(validation -> validation.valid()
                        ? sync.map(Outcome.Finished::new)
                        : Mono.just(new Outcome.Failed(validation.describe())));
        // Ticks that come while the previous read or write is still in flight are dropped: concatMap asks for one tick
        // at a time, and Flux.interval fails ("Could not emit tick") when a tick finds no demand, as it did whenever a
        // busy Elasticsearch took longer than the interval to answer.
        Mono<Outcome> canceled = Flux.interval(context.settings().cancelCheck())
                .onBackpressureDrop()
                .concatMap(tick -> context.jobs().get(job.id())
                        .map(current -> current.doc().status() == JobStatus.CANCELING || current.doc().status() == JobStatus.CANCELED)
                        .defaultIfEmpty(true) // the job document is gone: stop
                        .onErrorReturn(false))
                .filter(stop -> stop)
                .next()
                .map(stop -> new Outcome.Canceled());
        Mono<Outcome> suspended = shutdown.then(Mono.fromSupplier(Outcome.Suspended::new));
        Mono<Outcome> heartbeat = Flux.interval(context.settings().jobFlush())
                .onBackpressureDrop()
                .concatMap(tick -> context.jobs().update(job.id(), counters(progress, true))
                        .onErrorResume(e -> {
                            log.warn("job {}: heartbeat failed: {}", job.id(), e.getMessage());
                            return Mono.empty();
                        }))
                .then()
                .then(Mono.<Outcome>empty());
        // the first of: the sync ends, a cancel is seen, the daemon stops; the heartbeat never ends on its own
        return Flux.merge(heartbeat, Mono.firstWithSignal(finished, canceled, suspended)).next();
    }

    private static int concurrentDownloads(SyncJob.JobConnector snapshot) {
        Object entry = snapshot.configurationOrEmpty().get("concurrent_downloads");
        Object value = entry instanceof Map<?, ?> map ? map.get("value") : entry;
        try {
            return value == null ? 0 : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Mono<Void> markConnectorStarted(String connectorId, SyncKind kind) {
        boolean accessControl = kind == SyncKind.ACCESS_CONTROL;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(accessControl ? "last_access_control_sync_status" : "last_sync_status", JobStatus.IN_PROGRESS.wireName());
        fields.put(accessControl ? "last_access_control_sync_error" : "last_sync_error", null);
        return context.connectors().update(connectorId, fields).onErrorResume(e -> Mono.empty());
    }

    /** Writes the outcome on the job and the connector, retrying while Elasticsearch is unavailable. */
    private Mono<Void> record(Versioned<SyncJob> job, Outcome outcome, SyncProgress progress, long start, List<String> notices) {
        SyncJob.JobConnector snapshot = job.doc().connector();
        String where = "connector " + snapshot.id() + ", job " + job.id();
        JobStatus status;
        String error;
        switch (outcome) {
            case Outcome.Finished finished -> {
                status = finished.report().completed() ? JobStatus.COMPLETED : JobStatus.ERROR;
                error = finished.report().error();
            }
            case Outcome.Canceled canceled -> {
                status = JobStatus.CANCELED;
                error = null;
            }
            case Outcome.Suspended suspended -> {
                status = JobStatus.SUSPENDED;
                error = null;
            }
            case Outcome.Failed failed -> {
                status = JobStatus.ERROR;
                error = failed.error();
            }
        }
        Meters.jobEnded(job.doc().kind().wireName(), status.wireName());
        Meters.documents("sync", progress.indexed(), progress.deleted());
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
        if (outcome instanceof Outcome.Finished finished) {
            log.info("[{}] {}", where, finished.report().summary());
        } else log.info("[{}] {} sync {} in {} s: {} indexed, {} unchanged, {} deleted, {} failed, {} docs/s{}", where,
                job.doc().kind().wireName(), status.wireName(), String.format("%.1f", seconds), progress.indexed(),
                progress.unchanged(), progress.deleted(), progress.failed(),
                String.format("%.0f", (progress.indexed() + progress.unchanged()) / seconds), error == null ? "" : ": " + error);
        if (progress.truncated() + progress.tooLarge() > 0) {
            notices.add(progress.truncated() + " documents over the document size limit were written with their longest"
                    + " text fields cut (document_truncated: true), and " + progress.tooLarge() + " were not written at all");
        }
        String indexName = snapshot.indexName();
        // the content index is read with the connector's own key when it has one, as its writes are
        Mono<Long> total = !context.syncs().config().sinksOf(snapshot.id()).contains("elasticsearch")
                ? sinkStateTotal(snapshot.id())
                : indexName == null ? Mono.just(0L)
                : Mono.fromFuture(() -> context.syncs().contentClient(snapshot.id()).count(c -> c.index(indexName)))
                .map(response -> response.count())
                .onErrorReturn(0L);
        return total.flatMap(count -> {
                    Map<String, Object> counters = counters(progress, false);
                    counters.put("total_document_count", count);
                    if (!notices.isEmpty()) {
                        counters.put("metadata", Map.of("notices", List.copyOf(notices))); // merged into the job's metadata
                    }
                    // the connector first: whoever sees the job ended finds the connector already updated
                    return context.connectors().update(snapshot.id(), connectorFields(job, outcome, status, error, progress))
                            .then(context.jobs().terminate(job.id(), status, error, counters));
                })
                // elasticsearch.max_retries, retry_interval and retry_on_timeout, as Elastic retries its non-bulk requests
                .retryWhen(RetryPolicy.elasticsearchRequests(context.syncs().config().elasticsearch())
                        .retry("[" + where + "] recording the outcome"))
                .onErrorResume(e -> {
                    log.error("[{}] could not record the outcome {}: {}; cleanup will fail the job", where, status.wireName(), e.getMessage());
                    return Mono.empty();
                });
    }

    private static Map<String, Object> connectorFields(Versioned<SyncJob> job, Outcome outcome, JobStatus status,
                                                       @Nullable String error, SyncProgress progress) {
        Map<String, Object> fields = new LinkedHashMap<>();
        boolean accessControl = job.doc().kind() == SyncKind.ACCESS_CONTROL;
        fields.put(accessControl ? "last_access_control_sync_status" : "last_sync_status", status.wireName());
        fields.put(accessControl ? "last_access_control_sync_error" : "last_sync_error", error);
        if (status != JobStatus.SUSPENDED) {
            fields.put("last_synced", Instant.now().toString());
        }
        fields.put("last_indexed_document_count", progress.indexed());
        fields.put("last_deleted_document_count", progress.deleted());
        if (status == JobStatus.ERROR) {
            fields.put("status", ConnectorStatus.ERROR.wireName());
            fields.put("error", error);
        } else if (status == JobStatus.COMPLETED) {
            fields.put("status", ConnectorStatus.CONNECTED.wireName());
            fields.put("error", null);
        }
        if (outcome instanceof Outcome.Finished finished && finished.report().completed() && !finished.report().cursor().isEmpty()) {
            fields.put("sync_cursor", finished.report().cursor());
        }
        return fields;
    }

    private static Map<String, Object> counters(SyncProgress progress, boolean heartbeat) {
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("indexed_document_count", progress.indexed());
        counters.put("indexed_document_volume", Math.round(progress.bytesSent() / 1048576.0));
        counters.put("deleted_document_count", progress.deleted());
        if (heartbeat) {
            counters.put("last_seen", Instant.now().toString());
        }
        return counters;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * total_document_count of a connector that writes to no Elasticsearch index (e.g. {@code sinks: [qbusiness]}): the
     * documents its first sink with a state of its own holds, 0 when none keeps one.
     */
    private Mono<Long> sinkStateTotal(String connectorId) {
        return Mono.defer(() -> {
            List<SyncFactory.NamedAdmin> admins = context.syncs().admins(connectorId);
            if (admins.isEmpty()) {
                return Mono.just(0L);
            }
            return admins.getFirst().admin().stateStats().map(stats -> stats.documents())
                    .doFinally(signal -> admins.forEach(named -> named.admin().close()));
        }).onErrorReturn(0L);
    }
}
