package io.connectors.core.protocol;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.api.sink.SyncKind;
import io.connectors.core.es.ElasticsearchErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes sync job documents: creation, the exactly-once claim, progress, and the end of a job. */
public final class JobStore {

    private static final int PAGE = 1_000;

    private final ElasticsearchAsyncClient client;
    private final String index;
    /** Job documents are read one by one: one without its connector, or of the wrong shape, is skipped (WARN once). */
    private final DocumentReader<SyncJob> reader;

    public JobStore(ElasticsearchAsyncClient client, ControlIndices indices) {
        this.client = client;
        this.index = indices.jobs();
        this.reader = new DocumentReader<>(SyncJob.class, index,
                job -> job.connector() == null || job.connector().id() == null || job.connector().id().isBlank()
                        ? "the job has no connector.id" : null);
    }

    /** Creates a pending job with a snapshot of the connector, as Kibana or Elastic's scheduler would. */
    public Mono<String> create(Versioned<Connector> connector, SyncKind kind, TriggerMethod trigger, Map<String, Object> metadata) {
        Connector c = connector.doc();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("id", connector.id());
        snapshot.put("configuration", c.configurationOrEmpty());
        snapshot.put("filtering", c.filtering() == null ? List.of() : c.filtering());
        snapshot.put("index_name", c.indexName());
        snapshot.put("language", c.language());
        snapshot.put("pipeline", c.pipeline());
        snapshot.put("service_type", c.serviceType());
        snapshot.put("sync_cursor", c.syncCursor());
        String now = Instant.now().toString();
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("connector", snapshot);
        job.put("job_type", kind.wireName());
        job.put("trigger_method", trigger.wireName());
        job.put("status", JobStatus.PENDING.wireName());
        job.put("indexed_document_count", 0);
        job.put("indexed_document_volume", 0);
        job.put("deleted_document_count", 0);
        job.put("created_at", now);
        job.put("last_seen", now);
        if (!metadata.isEmpty()) {
            job.put("metadata", metadata);
        }
        return Mono.fromFuture(() -> client.index(i -> i.index(index).document(job).refresh(Refresh.True)))
                .map(response -> response.id());
    }

    public Mono<Versioned<SyncJob>> get(String id) {
        return Mono.fromFuture(() -> client.get(g -> g.index(index).id(id), SyncJob.class))
                .filter(response -> response.found() && response.source() != null)
                .map(response -> new Versioned<>(response.id(), response.seqNo() == null ? 0 : response.seqNo(),
                        response.primaryTerm() == null ? 0 : response.primaryTerm(), response.source()));
    }

    /** Jobs waiting for a worker (pending, or suspended by a daemon that stopped), oldest first. */
    public Flux<Versioned<SyncJob>> claimable(Collection<String> connectorIds) {
        if (connectorIds.isEmpty()) {
            return Flux.empty();
        }
        return search(Query.of(q -> q.bool(b -> b
                .filter(statusIn(JobStatus.PENDING, JobStatus.SUSPENDED))
                .filter(anyOf("connector.id", values(connectorIds))))), "created_at", SortOrder.Asc);
    }

    /**
     * Jobs waiting for a worker whose connector is none of {@code connectorIds}, oldest first, at most {@code size}:
     * the daemon says why it leaves them.
     */
    public Flux<Versioned<SyncJob>> claimableExcept(Collection<String> connectorIds, int size) {
        return search(Query.of(q -> q.bool(b -> {
            b.filter(statusIn(JobStatus.PENDING, JobStatus.SUSPENDED));
            if (!connectorIds.isEmpty()) {
                b.mustNot(anyOf("connector.id", values(connectorIds)));
            }
            return b;
        })), "created_at", SortOrder.Asc, size);
    }

    /** The jobs of a connector that are running (in progress or being canceled). */
    public Flux<Versioned<SyncJob>> running(String connectorId) {
        return search(Query.of(q -> q.bool(b -> b
                .filter(statusIn(JobStatus.IN_PROGRESS, JobStatus.CANCELING))
                .filter(anyOf("connector.id", List.of(FieldValue.of(connectorId)))))), "created_at", SortOrder.Asc);
    }

    /**
     * Whether the connector already has a job of this kind waiting for a worker (pending or suspended): the
     * scheduler then skips a due tick instead of queueing a second job that would repeat the first.
     */
    public Mono<Boolean> hasWaiting(String connectorId, SyncKind kind) {
        return Mono.fromFuture(() -> client.count(c -> c.index(index).query(q -> q.bool(b -> b
                        .filter(statusIn(JobStatus.PENDING, JobStatus.SUSPENDED))
                        .filter(anyOf("connector.id", List.of(FieldValue.of(connectorId))))
                        .filter(anyOf("job_type", List.of(FieldValue.of(kind.wireName()))))))))
                .map(response -> response.count() > 0);
    }

    /** Running jobs whose heartbeat is older than {@code before}: their worker died. */
    public Flux<Versioned<SyncJob>> staleRunning(Instant before) {
        return search(Query.of(q -> q.bool(b -> b
                .filter(statusIn(JobStatus.IN_PROGRESS, JobStatus.CANCELING))
                .filter(f -> f.range(r -> r.date(d -> d.field("last_seen").lt(before.toString())))))), "created_at", SortOrder.Asc);
    }

    /** All running jobs, whatever their connector (cleanup checks their connector still exists). */
    public Flux<Versioned<SyncJob>> allRunning() {
        return search(Query.of(q -> q.bool(b -> b.filter(statusIn(JobStatus.IN_PROGRESS, JobStatus.CANCELING)))), "created_at", SortOrder.Asc);
    }

    /** The latest jobs, of one connector or of all, newest first. */
    public Flux<Versioned<SyncJob>> latest(@Nullable String connectorId, int size) {
        Query query = connectorId == null ? Query.of(q -> q.matchAll(m -> m))
                : anyOf("connector.id", List.of(FieldValue.of(connectorId)));
        return Mono.fromFuture(() -> client.search(s -> s.index(index).query(query).size(size).seqNoPrimaryTerm(true)
                        .sort(so -> so.field(f -> f.field("created_at").order(SortOrder.Desc).unmappedType(FieldType.Date))), ObjectNode.class))
                .flatMapIterable(response -> response.hits().hits())
                .concatMap(this::readable);
    }

    /**
     * Claims a job for this worker if nobody changed it since it was read: with several daemons, exactly one
     * claim of a job succeeds. Emits whether this one did.
     */
    public Mono<Boolean> claim(Versioned<SyncJob> job, String workerHostname) {
        String now = Instant.now().toString();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", JobStatus.IN_PROGRESS.wireName());
        fields.put("started_at", now);
        fields.put("last_seen", now);
        fields.put("worker_hostname", workerHostname);
        fields.put("error", null);
        return updateIfUnchanged(job, fields);
    }

    /** Applies {@code fields} only if the job is as it was read; emits false when another writer got there first (409). */
    private Mono<Boolean> updateIfUnchanged(Versioned<SyncJob> job, Map<String, ?> fields) {
        return Mono.fromFuture(() -> client.update(u -> u.index(index).id(job.id()).doc(fields)
                        .ifSeqNo(job.seqNo()).ifPrimaryTerm(job.primaryTerm()).refresh(Refresh.True), Map.class))
                .thenReturn(true)
                .onErrorResume(e -> ElasticsearchErrors.status(e) == 409, e -> Mono.just(false));
    }

    public Mono<Void> update(String id, Map<String, ?> fields) {
        return Mono.fromFuture(() -> client.update(u -> u.index(index).id(id).doc(fields).retryOnConflict(5), Map.class)).then();
    }

    /** Ends a job: status, error, counters, and the timestamps Elastic sets for that status. */
    public Mono<Void> terminate(String id, JobStatus status, @Nullable String error, Map<String, ?> counters) {
        String now = Instant.now().toString();
        Map<String, Object> fields = new LinkedHashMap<>(counters);
        fields.put("status", status.wireName());
        fields.put("error", error);
        fields.put("last_seen", now);
        if (status == JobStatus.COMPLETED || status == JobStatus.ERROR || status == JobStatus.CANCELED) {
            fields.put("completed_at", now);
        }
        if (status == JobStatus.CANCELED) {
            fields.put("canceled_at", now);
        }
        return Mono.fromFuture(() -> client.update(u -> u.index(index).id(id).doc(fields).retryOnConflict(5).refresh(Refresh.True), Map.class)).then();
    }

    /** Fails a job only if nobody changed it since it was read (cleanup must not overwrite a job that just ended). */
    public Mono<Boolean> failIfUnchanged(Versioned<SyncJob> job, String error) {
        String now = Instant.now().toString();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", JobStatus.ERROR.wireName());
        fields.put("error", error);
        fields.put("completed_at", now);
        return updateIfUnchanged(job, fields);
    }

    /** Puts a job claimed by mistake back the way it was (used when another worker runs its connector already). */
    public Mono<Void> release(Versioned<SyncJob> job, JobStatus previous) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", previous.wireName());
        fields.put("started_at", null);
        fields.put("worker_hostname", null);
        return Mono.fromFuture(() -> client.update(u -> u.index(index).id(job.id()).doc(fields).retryOnConflict(5).refresh(Refresh.True), Map.class)).then();
    }

    /** Asks a job to stop, as Kibana's cancel button does: pending jobs end at once, running ones become canceling. */
    public Mono<JobStatus> requestCancel(Versioned<SyncJob> job) {
        JobStatus current = job.doc().status();
        if (current == null || current.terminal()) {
            return Mono.justOrEmpty(current);
        }
        if (current == JobStatus.PENDING || current == JobStatus.SUSPENDED) {
            return terminate(job.id(), JobStatus.CANCELED, null, Map.of()).thenReturn(JobStatus.CANCELED);
        }
        Map<String, Object> fields = Map.of("status", JobStatus.CANCELING.wireName(),
                "cancelation_requested_at", Instant.now().toString());
        return Mono.fromFuture(() -> client.update(u -> u.index(index).id(job.id()).doc(fields).retryOnConflict(5).refresh(Refresh.True), Map.class))
                .thenReturn(JobStatus.CANCELING);
    }

    private Flux<Versioned<SyncJob>> search(Query query, String sortField, SortOrder order) {
        return search(query, sortField, order, PAGE);
    }

    private Flux<Versioned<SyncJob>> search(Query query, String sortField, SortOrder order, int size) {
        return Mono.fromFuture(() -> client.search(s -> s.index(index).query(query).size(size).seqNoPrimaryTerm(true)
                        .sort(so -> so.field(f -> f.field(sortField).order(order).unmappedType(FieldType.Date))), ObjectNode.class))
                .flatMapIterable(response -> response.hits().hits())
                .concatMap(this::readable);
    }

    private Mono<Versioned<SyncJob>> readable(Hit<ObjectNode> hit) {
        return reader.read(hit) instanceof DocumentReader.Result.Ok<SyncJob> ok ? Mono.just(ok.document()) : Mono.empty();
    }

    private static Query statusIn(JobStatus... statuses) {
        List<FieldValue> values = new ArrayList<>();
        for (JobStatus status : statuses) {
            values.add(FieldValue.of(status.wireName()));
        }
        return anyOf("status", values);
    }

    /**
     * Exact values of a keyword field. An index that someone else created with dynamic mappings holds the field as
     * text with a {@code .keyword} sub-field (where "abc-123" is no single term): ask both, whichever exists matches.
     */
    private static Query anyOf(String field, List<FieldValue> values) {
        return Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(s -> s.terms(t -> t.field(field).terms(v -> v.value(values))))
                .should(s -> s.terms(t -> t.field(field + ".keyword").terms(v -> v.value(values))))));
    }

    private static List<FieldValue> values(Collection<String> strings) {
        return strings.stream().map(FieldValue::of).toList();
    }

}
