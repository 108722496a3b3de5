package io.connectors.core.sync;

import io.connectors.core.ConnectorException;
import io.connectors.core.extraction.AttachmentExtractor;
import io.connectors.core.extraction.AttachmentOutcome;
import io.connectors.core.sink.Sink;
import io.connectors.core.sink.SinkOperation;
import io.connectors.core.sink.SyncKind;
import io.connectors.core.sink.WriteResult;
import io.connectors.core.source.DataSource;
import io.connectors.core.source.Filtering;
import io.connectors.core.source.SourceDocument;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

/**
 * Makes a sink equal to a source. A full sync reads what the sink holds, streams the source with backpressure, skips
 * documents whose change marker did not move (without downloading their attachments), extracts and writes new and
 * changed ones, and, only after the source stream completed, deletes what the source no longer has. An incremental
 * sync applies the source's changes since its cursor. A failed sync deletes nothing; a canceled one (the returned
 * Mono disposed) stops streaming and deletes nothing either.
 */
public final class SyncEngine {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    private final Sink sink;
    private final AttachmentExtractor extractor;
    private final SyncSettings settings;

    public SyncEngine(Sink sink, AttachmentExtractor extractor, SyncSettings settings) {
        this.sink = sink;
        this.extractor = extractor;
        this.settings = settings;
    }

    public Mono<SyncReport> fullSync(DataSource source, Filtering filtering, SyncProgress progress) {
        return run(SyncKind.FULL, source, progress,
                sink.existing().map(existing -> Diff.full(existing, source.docs(filtering))));
    }

    public Mono<SyncReport> incrementalSync(DataSource source, Map<String, Object> cursor, Filtering filtering, SyncProgress progress) {
        if (!source.supportsIncremental()) {
            return Mono.error(new ConnectorException(source.getClass().getName()
                    + " does not support incremental syncs: start a full sync instead"));
        }
        return run(SyncKind.INCREMENTAL, source, progress,
                Mono.fromSupplier(() -> Diff.incremental(source.docsIncrementally(cursor, filtering))));
    }

    private Mono<SyncReport> run(SyncKind kind, DataSource source, SyncProgress progress, Mono<Flux<Change>> plan) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            ErrorMonitor monitor = new ErrorMonitor(settings.errors());
            Mono<Void> work = sink.begin(kind)
                    .then(plan)
                    .flatMapMany(changes -> changes)
                    .doOnNext(change -> countSeen(change, progress))
                    .filter(change -> !(change instanceof Change.Unchanged))
                    .flatMap(change -> toOperation(change, progress), settings.concurrentDownloads())
                    .transform(sink::write)
                    .handle((WriteResult result, SynchronousSink<Void> out) -> account(result, progress, monitor, out))
                    .then();
            // the sink's commit runs however the work ends: completed, failed, or canceled (a canceled job, a daemon
            // stopping), so what begin changed on the target (e.g. its refresh interval) is always put back
            Mono<Void> committed = Mono.usingWhen(Mono.just(kind), started -> work,
                    started -> sink.commit(true),
                    (started, error) -> sink.commit(false).onErrorResume(commitError -> {
                        log.warn("{}: ending the failed sync failed too: {}", sink.describe(), commitError.getMessage());
                        return Mono.empty();
                    }),
                    started -> sink.commit(false).onErrorResume(commitError -> {
                        log.warn("{}: ending the canceled sync failed: {}", sink.describe(), commitError.getMessage());
                        return Mono.empty();
                    }));
            return committed
                    .then(Mono.fromCallable(() -> report(kind, progress, start, null, monitor, source.syncCursor())))
                    .onErrorResume(error -> Mono.fromCallable(() -> report(kind, progress, start, describe(error), monitor, Map.of())))
                    .doOnNext(report -> log.debug("{} -> {}: {}", source.getClass().getSimpleName(), sink.describe(), report.summary()));
        });
    }

    private static void countSeen(Change change, SyncProgress progress) {
        switch (change) {
            case Change.Unchanged unchanged -> {
                progress.seen.incrementAndGet();
                progress.unchanged.incrementAndGet();
            }
            case Change.Create create -> progress.seen.incrementAndGet();
            case Change.Update update -> progress.seen.incrementAndGet();
            case Change.Remove remove -> { }
        }
    }

    private Mono<SinkOperation> toOperation(Change change, SyncProgress progress) {
        return switch (change) {
            case Change.Create create -> upsert(create.document(), false, progress);
            case Change.Update update -> upsert(update.document(), true, progress);
            case Change.Remove remove -> Mono.just(new SinkOperation.Delete(remove.id()));
            case Change.Unchanged unchanged -> Mono.empty();
        };
    }

    private Mono<SinkOperation> upsert(SourceDocument document, boolean existed, SyncProgress progress) {
        DocumentBody body = new DocumentBody(document.fields());
        body.add("id", document.id());
        body.add("_timestamp", document.timestamp());
        if (document.attachment() == null) {
            return Mono.just(new SinkOperation.Upsert(document.id(), body, existed));
        }
        return extractor.extract(document.attachment())
                .onErrorResume(e -> Mono.just(new AttachmentOutcome.Skipped(AttachmentOutcome.SkipReason.FAILED, e.toString(), 0)))
                .map(outcome -> {
                    countAttachment(outcome, progress);
                    switch (outcome) {
                        case AttachmentOutcome.Extracted extracted -> {
                            body.addAll(extracted.metadata());
                            body.add("body", extracted.text());
                        }
                        case AttachmentOutcome.Skipped skipped -> {
                            log.warn("attachment {} of document {} skipped ({}): {}", document.attachment().filename(),
                                    document.id(), skipped.reason(), skipped.detail());
                            body.add("attachment_skipped", skipped.reason().name().toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                    return new SinkOperation.Upsert(document.id(), body, existed);
                });
    }

    private static void countAttachment(AttachmentOutcome outcome, SyncProgress progress) {
        switch (outcome) {
            case AttachmentOutcome.Extracted extracted -> {
                progress.attachmentsDownloaded.incrementAndGet();
                progress.attachmentsExtracted.incrementAndGet();
                progress.downloadedBytes.addAndGet(extracted.downloadedBytes());
            }
            case AttachmentOutcome.Skipped skipped -> {
                if (skipped.downloadedBytes() > 0) {
                    progress.attachmentsDownloaded.incrementAndGet();
                    progress.downloadedBytes.addAndGet(skipped.downloadedBytes());
                }
                progress.attachmentsSkipped.incrementAndGet();
            }
        }
    }

    private static void account(WriteResult result, SyncProgress progress, ErrorMonitor monitor, SynchronousSink<Void> out) {
        progress.bytesSent.addAndGet(result.bytes());
        if (result.success()) {
            monitor.success();
            switch (result.operation()) {
                case SinkOperation.Upsert upsert -> (upsert.existed() ? progress.updated : progress.created).incrementAndGet();
                case SinkOperation.Delete delete -> progress.deleted.incrementAndGet();
            }
            return;
        }
        progress.failed.incrementAndGet();
        String description = result.operation().id() + ": " + result.error();
        Optional<String> stop = monitor.failure(description);
        if (stop.isPresent()) {
            out.error(new SyncFailedException("sync stopped: " + stop.get() + "; first errors: " + monitor.firstErrors()));
        }
    }

    private static String describe(Throwable error) {
        if (error instanceof ConnectorException) {
            return error.getMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static SyncReport report(SyncKind kind, SyncProgress progress, long startNanos, String error,
                                     ErrorMonitor monitor, Map<String, Object> cursor) {
        List<String> firstErrors = monitor.firstErrors();
        return new SyncReport(kind, error == null ? SyncReport.Status.COMPLETED : SyncReport.Status.FAILED,
                progress.created(), progress.updated(), progress.unchanged(), progress.deleted(), progress.failed(),
                progress.bytesSent(), progress.attachmentsDownloaded(), progress.attachmentsExtracted(),
                progress.attachmentsSkipped(), Duration.ofNanos(System.nanoTime() - startNanos), error, firstErrors, cursor);
    }
}
