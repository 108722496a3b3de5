package io.connectors.core.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.api.ConnectorException;
import io.connectors.api.http.StatusDecision;
import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.sink.WriteResult;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.metrics.Meters;
import io.connectors.core.retry.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes documents to one Elasticsearch index with the bulk API: batches bounded by operation count and bytes, a
 * bounded number of requests in flight, whole-request retries on throttling, 5xx and lost connections, and item
 * retries on throttled items; every other item failure is reported, not retried. During a full sync the index runs
 * with bulk-load settings ({@link BulkLoadSettings}: no periodic refresh; no replica for an index the sync created),
 * which {@link #commit} restores whatever the outcome.
 */
public final class ElasticsearchSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);

    private final ElasticsearchAsyncClient client;
    private final String index;
    private final BulkSettings settings;
    /** {@link RetryPolicy#bulkRequests}: every request of this sink, and the items a bulk answer throttled. */
    private final RetryPolicy retryPolicy;
    private final ObjectMapper mapper;
    private final IndexTemplate template;
    private final BulkLoadSettings bulkLoad;
    private final DocumentWriter writer;
    private final @Nullable IngestPipeline pipeline;
    /** What begin(FULL) changed on the index, until commit puts it back. */
    private final AtomicReference<BulkLoadSettings.@Nullable Saved> changedSettings = new AtomicReference<>();

    public ElasticsearchSink(ElasticsearchAsyncClient client, String index, BulkSettings settings, ObjectMapper mapper) {
        this(client, index, settings, mapper, null);
    }

    /** With {@code pipeline}: bulk requests name it, and documents carry its settings as Elastic's service sends them. */
    public ElasticsearchSink(ElasticsearchAsyncClient client, String index, BulkSettings settings, ObjectMapper mapper,
                             @Nullable IngestPipeline pipeline) {
        this.pipeline = pipeline == null || pipeline.name() == null ? null : pipeline;
        this.client = client;
        this.index = index;
        this.settings = settings;
        this.retryPolicy = settings.retryPolicy();
        this.mapper = mapper;
        this.template = new IndexTemplate(client);
        this.bulkLoad = new BulkLoadSettings(client);
        this.writer = new DocumentWriter(mapper);
    }

    @Override
    public String describe() {
        return "elasticsearch index " + index + (pipeline == null ? "" : " (ingest pipeline " + pipeline.name() + ")");
    }

    @Override
    public Mono<Void> begin(SyncKind kind) {
        Mono<Boolean> created = withRetries(template.ensureIndex(index), "create index " + index);
        if (kind != SyncKind.FULL || !settings.bulkLoadSettings()) {
            return created.then();
        }
        // only the first load of an empty index: on an index that holds documents (and serves searches), paused
        // refreshes would hide the sync's updates until it ends
        return created.flatMap(isNew -> (isNew ? Mono.just(true) : withRetries(isEmpty(), "count the documents of " + index))
                        .flatMap(empty -> empty
                                ? withRetries(bulkLoad.apply(index, isNew), "set the bulk-load settings of " + index)
                                        .doOnNext(changedSettings::set).then()
                                : withRetries(bulkLoad.repair(index), "repair the refresh interval of " + index)))
                .then();
    }

    private Mono<Boolean> isEmpty() {
        return Mono.fromFuture(() -> client.count(c -> c.index(index))).map(response -> response.count() == 0);
    }

    @Override
    public Mono<ExistingIds> existing() {
        // an index not created yet holds nothing (a dry run reads before any sync has created it)
        return withRetries(Mono.fromFuture(() -> client.indices().exists(e -> e.index(index)))
                .flatMap(exists -> exists.value()
                        ? new ExistingIdsReader(client, 10_000, mapper.getFactory()).read(index) : Mono.just(ExistingIds.empty())),
                "read existing ids of " + index);
    }

    /**
     * The markers of {@code ids} alone, by one multi-get of {@code _timestamp}: what an event's write asks so that an
     * unchanged attachment is not downloaded again. A missing index holds nothing; a failed read knows nothing
     * (every document is then written again: slower, never wrong).
     */
    @Override
    public Mono<ExistingIds> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(ExistingIds.empty());
        }
        return Mono.fromFuture(() -> client.mget(m -> m.index(index).ids(List.copyOf(ids)).sourceIncludes("_timestamp"),
                        com.fasterxml.jackson.databind.node.ObjectNode.class))
                .map(response -> {
                    ExistingIds.Builder builder = ExistingIds.builder(ids.size());
                    response.docs().forEach(item -> {
                        if (item.isResult() && item.result().found() && item.result().source() != null
                                && item.result().source().path("_timestamp").isTextual()) {
                            builder.add(item.result().id(), item.result().source().path("_timestamp").asText());
                        }
                    });
                    return builder.build();
                })
                .onErrorResume(error -> {
                    log.debug("{}: reading the markers of {} ids failed ({}): writing them all", index, ids.size(),
                            ElasticsearchErrors.describe(error));
                    return Mono.just(ExistingIds.empty());
                });
    }

    @Override
    public Flux<WriteResult> write(Flux<SinkOperation> operations) {
        // deferred: the batch boundary is stateful, one per subscription
        return Flux.defer(() -> operations
                .map(this::toItem)
                .bufferUntil(new BatchBoundary(settings.chunkSize(), settings.chunkMaxBytes()), true)
                .flatMap(batch -> send(batch, 0), settings.maxConcurrency())
                .flatMapIterable(results -> results));
    }

    /**
     * Makes the sync's writes visible to search and to the next sync's point in time, and restores the settings
     * {@link #begin} changed. Both are attempted even when the other fails; the error says which failed.
     */
    @Override
    public Mono<Void> commit(boolean succeeded) {
        // shared with the commits of other sinks of the index waiting at the same time (webhook events): SharedRefresh
        Mono<Void> refresh = SharedRefresh.refresh(client, index, () -> withRetries(
                Mono.fromFuture(() -> client.indices().refresh(r -> r.index(index))), "refresh " + index).then());
        Mono<Void> restore = Mono.defer(() -> {
            BulkLoadSettings.Saved saved = changedSettings.getAndSet(null);
            return saved == null ? Mono.<Void>empty()
                    : withRetries(bulkLoad.restore(index, saved), "restore the settings " + saved.previous() + " of " + index);
        });
        return Mono.whenDelayError(restore, refresh);
    }

    private BulkWire.Item toItem(SinkOperation operation) {
        return switch (operation) {
            // the document is released once serialized: results carry only the id and whether it existed
            case SinkOperation.Upsert upsert -> BulkWire.index(new SinkOperation.Upsert(upsert.id(), Map.of(), upsert.existed()),
                    upsert.id(), serialize(upsert));
            case SinkOperation.Delete delete -> BulkWire.delete(delete, delete.id());
        };
    }

    private byte[] serialize(SinkOperation.Upsert upsert) {
        try {
            if (pipeline == null) {
                return writer.write(upsert.document());
            }
            Map<String, Object> document = new LinkedHashMap<>(upsert.document());
            document.putAll(pipeline.documentFields());
            return writer.write(document);
        } catch (JsonProcessingException e) {
            throw new ConnectorException("document " + upsert.id() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("document " + upsert.id() + " cannot be written as JSON", e);
        }
    }

    /**
     * Sends one batch; the items the cluster throttled, and those alone, are sent again after the policy's backoff, up
     * to its max_retries times ({@code attempt} counts those re-sends; each is itself a bulk request with its own retries).
     */
    private Mono<List<WriteResult>> send(List<BulkWire.Item> batch, int attempt) {
        Mono<BulkWire.Answer> timed = Mono.defer(() -> {
            long start = System.nanoTime();
            return BulkWire.send(client, index, pipeline == null ? null : pipeline.name(), batch, mapper.getFactory())
                    .doOnSuccess(answer -> Meters.bulk(Duration.ofNanos(System.nanoTime() - start), true))
                    .doOnError(error -> Meters.bulk(Duration.ofNanos(System.nanoTime() - start), false));
        });
        return withRetries(timed, "bulk to " + index)
                .flatMap(answer -> {
                    List<WriteResult> done = new ArrayList<>(batch.size());
                    List<BulkWire.Item> throttled = new ArrayList<>();
                    collect(batch, answer, attempt, done, throttled);
                    if (throttled.isEmpty()) {
                        return Mono.just(done);
                    }
                    Duration backoff = retryPolicy.backoff(attempt);
                    log.debug("{} of {} bulk items throttled by {}, retrying in {} ms", throttled.size(), batch.size(), index, backoff.toMillis());
                    return Mono.delay(backoff)
                            .then(send(throttled, attempt + 1))
                            .map(retried -> {
                                done.addAll(retried);
                                return done;
                            });
                });
    }

    private void collect(List<BulkWire.Item> batch, BulkWire.Answer answer, int attempt, List<WriteResult> done,
                         List<BulkWire.Item> throttled) {
        for (int i = 0; i < batch.size(); i++) {
            BulkWire.Item item = batch.get(i);
            int status = answer.statuses()[i];
            String error = answer.errors()[i];
            if (status == BulkWire.NO_ANSWER) {
                done.add(WriteResult.failed(item.source(), item.bytes(), "no answer for this item in the bulk response"));
            } else if (error == null || (item.source() instanceof SinkOperation.Delete && status == 404)) {
                done.add(WriteResult.ok(item.source(), item.bytes()));
            } else if (StatusDecision.of(status).retriable() && attempt < retryPolicy.maxRetries()) {
                throttled.add(item);
            } else {
                done.add(WriteResult.failed(item.source(), item.bytes(), "HTTP " + status + " " + error));
            }
        }
    }

    private <T> Mono<T> withRetries(Mono<T> request, String what) {
        return request.retryWhen(retryPolicy.retry(what))
                .onErrorMap(e -> !(e instanceof ConnectorException), e -> {
                    int status = ElasticsearchErrors.status(e);
                    if (status == 401 || status == 403) {
                        // most often a connector's own api_key limited to other indices: say which index and where the key is set
                        return new ConnectorException("Elasticsearch refused " + what + " (" + ElasticsearchErrors.describe(e)
                                + "): the credentials this connector writes with (its connectors[].api_key in config.yml, "
                                + "else the elasticsearch credentials) may not write to index " + index, e);
                    }
                    return new ElasticsearchUnavailableException("Elasticsearch: " + what + " failed: " + ElasticsearchErrors.describe(e), e);
                });
    }

    /** Cuts the stream before the item that would make a batch exceed its count or byte bound. */
    private static final class BatchBoundary implements Predicate<BulkWire.Item> {
        private final int maxItems;
        private final long maxBytes;
        private int items;
        private long bytes;

        BatchBoundary(int maxItems, long maxBytes) {
            this.maxItems = maxItems;
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean test(BulkWire.Item item) {
            boolean cut = items > 0 && (items + 1 > maxItems || bytes + item.bytes() > maxBytes);
            if (cut) {
                items = 0;
                bytes = 0;
            }
            items++;
            bytes += item.bytes();
            return cut;
        }
    }
}
