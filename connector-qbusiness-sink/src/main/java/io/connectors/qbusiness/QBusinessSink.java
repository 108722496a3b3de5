package io.connectors.qbusiness;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.sink.WriteResult;
import io.connectors.api.sink.OriginalFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Amazon Q Business as a sync target. {@link #existing} comes from the {@link StateStore} (Q Business cannot be
 * listed with checksums); {@link #write} maps each upsert ({@link DocumentMapper}), skips one whose mapped checksum
 * did not change, sends the rest in BatchPutDocument calls of at most {@code batch_size} documents and
 * {@code max_batch_bytes}, deletes through BatchDeleteDocument, and records in the state store only what Q Business
 * accepted. With a {@code data_source_id}, {@link #begin} starts a data source sync job (waiting, with a bound, while
 * another one runs) and {@link #commit} stops it.
 *
 * <p>Original files: unless {@code send_original_files} is false, the sink {@linkplain #wantsOriginals() asks for}
 * attachments' original files and sends one as its own type ({@link ContentTypes}: PDF, MS_WORD, ...) when Q Business
 * parses that type, it is within 50 MB and its base64 fits {@code max_batch_bytes}; otherwise the extracted text goes
 * as {@code PLAIN_TEXT}, and the reason is logged at DEBUG and counted in the sync's summary line. The file is read
 * twice, both times streamed: once for its SHA-256 (the checksum), once into the request when its batch is sent. It is
 * the engine's: the sink never deletes it.
 *
 * <p>Errors: throttling and internal errors are retried inside the client; a {@code ValidationException} or a
 * {@code failedDocuments} entry fails that document only; access denied, a missing resource or a full quota fail the
 * sync (the engine then deletes nothing).
 */
public final class QBusinessSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(QBusinessSink.class);

    private final QBusinessSettings settings;
    private final QBusinessClient client;
    private final StateStore state;
    private final Duration conflictPoll;
    private final int conflictPolls;
    private final AtomicReference<@Nullable String> syncId = new AtomicReference<>();
    private volatile Map<String, String> checksums = Map.of();
    /** Of this sync: attachments sent as their original files, and those sent as text instead, by reason. */
    private final AtomicLong originalsSent = new AtomicLong();
    private final Map<String, AtomicLong> originalsNotSent = new ConcurrentHashMap<>();

    /** Room for the batch's own JSON around its documents ({"documents":[...],"dataSourceSyncId":"..."}). */
    private static final int ENVELOPE_BYTES = 256;

    QBusinessSink(QBusinessSettings settings, QBusinessClient client, StateStore state, Duration conflictPoll, int conflictPolls) {
        this.settings = settings;
        this.client = client;
        this.state = state;
        this.conflictPoll = conflictPoll;
        this.conflictPolls = conflictPolls;
    }

    @Override
    public String describe() {
        return "qbusiness application " + settings.applicationId() + " index " + settings.indexId();
    }

    StateStore state() {
        return state;
    }

    QBusinessClient client() {
        return client;
    }

    /** Unless {@code send_original_files} is false. */
    @Override
    public boolean wantsOriginals() {
        return settings.sendOriginalFiles();
    }

    @Override
    public Mono<Void> begin(SyncKind kind) {
        originalsSent.set(0);
        originalsNotSent.clear();
        // a full sync loads the state through existing(); other kinds need the checksums too
        Mono<Void> loaded = kind != SyncKind.FULL ? state.load(settings.sendOriginalFiles()).doOnNext(snapshot -> checksums = snapshot.checksums()).then() : Mono.empty();
        if (settings.dataSourceId() == null) {
            return loaded;
        }
        AtomicReference<String> running = new AtomicReference<>("no running job was listed");
        return loaded.then(client.startSyncJob()
                .onErrorResume(QBusinessSink::conflict, conflict -> runningJob()
                        .doOnNext(job -> {
                            if (!job.equals(running.getAndSet(job))) {
                                log.info("{}: data source {} has a sync job running, {}; waiting up to {} s (qbusiness.sync_job_wait)",
                                        describe(), settings.dataSourceId(), job, settings.syncJobWait().toSeconds());
                            }
                        })
                        .then(Mono.error(conflict)))
                .retryWhen(Retry.fixedDelay(conflictPolls, conflictPoll)
                        .filter(QBusinessSink::conflict)
                        .onRetryExhaustedThrow((spec, signal) -> new QBusinessException("StartDataSourceSyncJob", 409,
                                "ConflictException", "another sync job of data source " + settings.dataSourceId()
                                + " was still running after " + settings.syncJobWait().toSeconds() + " s (qbusiness.sync_job_wait): "
                                + running.get() + "; stop it (aws qbusiness stop-data-source-sync-job --application-id "
                                + settings.applicationId() + " --index-id " + settings.indexId() + " --data-source-id "
                                + settings.dataSourceId() + ") or wait for it, then sync again")))
                .doOnNext(id -> {
                    syncId.set(id);
                    log.info("{}: data source sync job {} started", describe(), id);
                })
                .then());
    }

    private static boolean conflict(Throwable error) {
        return error instanceof QBusinessException q && q.kind() == QBusinessException.Kind.CONFLICT;
    }

    /**
     * What ListDataSourceSyncJobs says of the job in the way: {@code job exec-7 (SYNCING since ...)}. Never an error:
     * a listing that fails (e.g. no qbusiness:ListDataSourceSyncJobs permission) is said as such, and the wait goes on.
     */
    private Mono<String> runningJob() {
        return client.listSyncJobs(10)
                .map(jobs -> jobs.stream().filter(QBusinessClient.SyncJob::running).findFirst()
                        .map(job -> "job " + job.describe())
                        .orElse("no job listed as running (the service may not have recorded it yet)"))
                .onErrorResume(e -> Mono.just("ListDataSourceSyncJobs failed, so the running job is unknown: " + e.getMessage()));
    }

    @Override
    public Mono<ExistingIds> existing() {
        return state.load(settings.sendOriginalFiles()).map(snapshot -> {
            checksums = snapshot.checksums();
            return snapshot.existing();
        });
    }

    /** An operation on its way to a batch. */
    private sealed interface Prepared {
        SinkOperation operation();
    }

    private record Put(SinkOperation.Upsert operation, QDocument document, String marker, int size, boolean unchanged) implements Prepared {}

    private record Remove(SinkOperation.Delete operation) implements Prepared {}

    private record Invalid(SinkOperation operation, String reason) implements Prepared {}

    @Override
    public Flux<WriteResult> write(Flux<SinkOperation> operations) {
        return Flux.defer(() -> {
            Batcher batcher = new Batcher(settings.batchSize(), settings.maxBatchBytes());
            // an original file is hashed (read, streamed) while it is prepared: off the caller's thread, in order
            return operations.concatMap(operation -> hasOriginal(operation)
                            ? Mono.fromCallable(() -> prepare(operation)).subscribeOn(Schedulers.boundedElastic())
                            : Mono.fromSupplier(() -> prepare(operation)))
                    .bufferUntil(batcher::startsNewBatch, true)
                    .flatMap(this::send, settings.concurrency());
        });
    }

    private Prepared prepare(SinkOperation operation) {
        return switch (operation) {
            case SinkOperation.Delete delete -> new Remove(delete);
            case SinkOperation.Upsert upsert -> {
                QDocument document;
                try {
                    document = DocumentMapper.map(upsert.document(), upsert.id());
                } catch (Permissions.InvalidDocumentException refused) {
                    yield new Invalid(upsert, refused.getMessage());
                }
                if (upsert.original() != null && settings.sendOriginalFiles()) {
                    document = withOriginal(upsert.id(), document, upsert.original());
                }
                if (document.original() == null && document.blob().length > DocumentMapper.MAX_CONTENT_BYTES) {
                    yield new Invalid(upsert, "content of " + document.blob().length + " bytes is over Q Business's 50 MB");
                }
                Object marker = upsert.document().get("_timestamp");
                boolean unchanged = document.checksum().equals(checksums.get(upsert.id()));
                // the upsert's map is released: batches in flight hold mapped documents (and a file's path) only; the
                // original stays named on the result, so the engine knows which file it may delete
                SinkOperation.Upsert light = new SinkOperation.Upsert(upsert.id(), Map.of(), upsert.existed(), upsert.original());
                yield new Put(light, document, marker == null ? "" : marker.toString(), unchanged ? 0 : client.jsonSize(document), unchanged);
            }
        };
    }

    private static boolean hasOriginal(SinkOperation operation) {
        return operation instanceof SinkOperation.Upsert upsert && upsert.original() != null;
    }

    /**
     * {@code text} with the attachment's original file as its content, when Q Business parses the file's type, it is
     * within 50 MB and its request fits {@code max_batch_bytes}; else {@code text} (the extracted text), the reason
     * logged and counted. Reads the file once, streamed, for its SHA-256.
     */
    private QDocument withOriginal(String id, QDocument text, OriginalFile file) {
        String type = ContentTypes.of(file.mediaType(), file.filename());
        if (type == null) {
            return asText(id, text, file, "type not parsed by Q Business", "its type " + file.mediaType() + " is not one Q Business parses");
        }
        if (file.size() > DocumentMapper.MAX_CONTENT_BYTES) {
            return asText(id, text, file, "over 50 MB", "it is " + file.size() + " bytes, over Q Business's 50 MB");
        }
        long request = client.jsonSize(text, file.size()) + ENVELOPE_BYTES;
        if (request > settings.maxBatchBytes()) {
            return asText(id, text, file, "over max_batch_bytes", "its request would be about " + request
                    + " bytes, over qbusiness.max_batch_bytes " + settings.maxBatchBytes());
        }
        FileScan scan;
        try {
            scan = FileScan.of(file.path(), ContentTypes.mustBeUtf8(type));
        } catch (IOException unreadable) {
            return asText(id, text, file, "unreadable", "its file could not be read: " + unreadable.getMessage());
        }
        if (!scan.utf8()) {
            return asText(id, text, file, "not UTF-8", "its " + type + " bytes are not UTF-8, which Q Business expects of that type");
        }
        originalsSent.incrementAndGet();
        return DocumentMapper.withOriginal(text, file, type, scan.sha256());
    }

    private QDocument asText(String id, QDocument text, OriginalFile file, String reason, String detail) {
        originalsNotSent.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        log.debug("{}: attachment {} of document {} goes as extracted text (PLAIN_TEXT), not as its original file: {}",
                describe(), file.filename(), id, detail);
        return text;
    }

    /**
     * Cuts batches: by kind (puts and deletes are different calls), count and bytes. A put over half of
     * {@code max_batch_bytes} (a large original file) goes in a batch of its own. One batcher per write.
     */
    private static final class Batcher {
        private final int maxDocuments;
        private final long maxBytes;
        private int documents;
        private long bytes;
        private boolean alone;
        private @Nullable Class<?> kind;

        Batcher(int maxDocuments, long maxBytes) {
            this.maxDocuments = maxDocuments;
            this.maxBytes = maxBytes;
        }

        boolean startsNewBatch(Prepared next) {
            int size = next instanceof Put put ? put.size() : 64;
            boolean large = size > maxBytes / 2;
            boolean cut = kind != null && (kind != next.getClass() || documents >= maxDocuments || bytes + size > maxBytes
                    || large || alone);
            if (cut) {
                documents = 0;
                bytes = 0;
            }
            kind = next.getClass();
            alone = large;
            documents++;
            bytes += size;
            return cut;
        }
    }

    private Flux<WriteResult> send(List<Prepared> batch) {
        List<Put> puts = new ArrayList<>();
        List<Remove> removes = new ArrayList<>();
        List<WriteResult> invalid = new ArrayList<>();
        for (Prepared prepared : batch) {
            switch (prepared) {
                case Put put -> puts.add(put);
                case Remove remove -> removes.add(remove);
                case Invalid bad -> invalid.add(WriteResult.failed(bad.operation(), 0, bad.reason()));
            }
        }
        return Flux.fromIterable(invalid).concatWith(sendPuts(puts, 0)).concatWith(sendRemoves(removes));
    }

    private Flux<WriteResult> sendPuts(List<Put> puts, int attempt) {
        if (puts.isEmpty()) {
            return Flux.empty();
        }
        List<Put> toSend = puts.stream().filter(put -> !put.unchanged()).toList();
        Mono<List<QBusinessClient.FailedDocument>> sent = toSend.isEmpty() ? Mono.just(List.of())
                : client.batchPut(toSend.stream().map(Put::document).toList(), syncId.get())
                        .onErrorResume(e -> e instanceof QBusinessException q && q.kind() == QBusinessException.Kind.INVALID,
                                e -> Mono.just(toSend.stream().map(put -> new QBusinessClient.FailedDocument(
                                        put.document().id(), "INVALID_REQUEST", e.getMessage())).toList()));
        return sent.flatMapMany(failed -> {
            Map<String, QBusinessClient.FailedDocument> failedById = new HashMap<>();
            failed.forEach(f -> failedById.put(f.id(), f));
            List<Put> accepted = new ArrayList<>();
            List<Put> again = new ArrayList<>();
            List<WriteResult> results = new ArrayList<>();
            for (Put put : puts) {
                QBusinessClient.FailedDocument failure = failedById.get(put.document().id());
                if (failure == null) {
                    accepted.add(put);
                    results.add(WriteResult.ok(put.operation(), put.size()));
                } else if (failure.retryable() && attempt < settings.maxRetries()) {
                    again.add(put);
                } else {
                    results.add(WriteResult.failed(put.operation(), put.size(),
                            "Q Business refused the document (" + failure.errorCode() + "): " + failure.errorMessage()));
                }
            }
            List<StateStore.Entry> entries = accepted.stream().map(put -> new StateStore.Entry(put.operation().id(),
                    put.marker(), put.document().checksum(), syncId.get(), put.document().contentBytes(),
                    settings.sendOriginalFiles())).toList();
            Flux<WriteResult> retried = again.isEmpty() ? Flux.empty()
                    : Mono.delay(Duration.ofMillis(200L << Math.min(attempt, 6))).thenMany(sendPuts(again, attempt + 1));
            return state.record(entries).thenMany(Flux.fromIterable(results)).concatWith(retried);
        });
    }

    private Flux<WriteResult> sendRemoves(List<Remove> removes) {
        if (removes.isEmpty()) {
            return Flux.empty();
        }
        List<String> ids = removes.stream().map(remove -> DocumentMapper.documentId(remove.operation().id())).toList();
        return client.batchDelete(ids, syncId.get()).flatMapMany(failed -> {
            Map<String, QBusinessClient.FailedDocument> failedById = new HashMap<>();
            failed.forEach(f -> failedById.put(f.id(), f));
            List<String> gone = new ArrayList<>();
            List<WriteResult> results = new ArrayList<>();
            for (Remove remove : removes) {
                QBusinessClient.FailedDocument failure = failedById.get(DocumentMapper.documentId(remove.operation().id()));
                if (failure == null) {
                    gone.add(remove.operation().id());
                    results.add(WriteResult.ok(remove.operation(), 0));
                } else {
                    results.add(WriteResult.failed(remove.operation(), 0,
                            "Q Business did not delete the document (" + failure.errorCode() + "): " + failure.errorMessage()));
                }
            }
            return state.remove(gone).thenMany(Flux.fromIterable(results));
        });
    }

    @Override
    public Mono<Void> commit(boolean succeeded) {
        String job = syncId.getAndSet(null);
        Mono<Void> stop = job == null ? Mono.empty() : client.stopSyncJob()
                .doOnSuccess(v -> log.info("{}: data source sync job {} stopped ({})", describe(), job, succeeded ? "completed" : "failed"));
        if (originalsSent.get() > 0 || !originalsNotSent.isEmpty()) {
            log.info("{}: {} attachments went as their original files, {} as extracted text {}", describe(), originalsSent.get(),
                    originalsNotSent.values().stream().mapToLong(AtomicLong::get).sum(), originalsNotSent);
        }
        return stop.then(state.refresh()).doFinally(signal -> checksums = Map.of());
    }

    @Override
    public void close() {
        client.close();
    }
}
