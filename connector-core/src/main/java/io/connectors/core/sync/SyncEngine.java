package io.connectors.core.sync;

import io.connectors.api.ConnectorException;
import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.OriginalFile;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.sink.WriteResult;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import io.connectors.core.extraction.AttachmentExtractor;
import io.connectors.core.extraction.AttachmentOutcome;
import io.connectors.core.sync.rules.SyncRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

/**
 * Makes a sink equal to a source. A full sync reads what the sink holds, streams the source with backpressure, skips
 * documents whose change marker did not move (without downloading their attachments), extracts and writes new and
 * changed ones, and, only after the source stream completed, deletes what the source no longer has. An incremental
 * sync applies the source's changes since its cursor. A failed sync deletes nothing; a canceled one (the returned
 * Mono disposed) stops streaming and deletes nothing either.
 *
 * <p>For a sink that {@linkplain Sink#wantsOriginals() asks for originals}, an extracted attachment's downloaded file
 * rides on its upsert ({@link SinkOperation.Upsert#original()}); the sync owns those files ({@link OriginalFiles}) and
 * deletes each once its write result came back, and the rest when it ends, however it ends.
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

    /**
     * A full sync. When the source {@linkplain DataSource#supportsListing() supports listing} and the target already
     * holds documents, the source is listed (ids and markers), and only new and changed ids are fetched whole, in
     * batches ({@link Diff#listed}); into an empty target, and for a source without listing, every document is
     * streamed whole ({@link DataSource#docs}).
     */
    public Mono<SyncReport> fullSync(DataSource source, Filtering filtering, SyncProgress progress) {
        return Mono.defer(() -> {
            SyncRules rules = SyncRules.of(filtering);
            return run(SyncKind.FULL, source, progress, sink.existing().map(existing -> useListing(source, existing, rules)
                    ? Diff.listed(existing, source.list(filtering), source::fetch)
                    : Diff.full(existing, included(source.docs(filtering), rules))));
        });
    }

    /**
     * The documents the basic sync rules let through. Excluded ones are not seen by the diff, so a full sync deletes
     * what the target still holds of them.
     */
    private static Flux<SourceDocument> included(Flux<SourceDocument> documents, SyncRules rules) {
        return rules.isEmpty() ? documents : documents.filter(rules::includes);
    }

    /** An incremental sync writes no upsert that the rules exclude (as Elastic's); a full sync then deletes the old copy. */
    private static Flux<SourceChange> includedChanges(Flux<SourceChange> changes, SyncRules rules) {
        return rules.isEmpty() ? changes
                : changes.filter(change -> !(change instanceof SourceChange.Upsert upsert) || rules.includes(upsert.document()));
    }

    /**
     * The listing carries ids and markers only, which basic rules cannot judge (an unchanged document a rule now
     * excludes would stay): with basic rules, the whole documents are streamed.
     */
    private static boolean useListing(DataSource source, ExistingIds existing, SyncRules rules) {
        boolean listing = existing.size() > 0 && source.supportsListing() && rules.isEmpty();
        if (listing) {
            log.debug("{}: the target holds {} documents: listing the source, fetching only what changed",
                    source.getClass().getSimpleName(), existing.size());
        }
        return listing;
    }

    public Mono<SyncReport> incrementalSync(DataSource source, Map<String, Object> cursor, Filtering filtering, SyncProgress progress) {
        if (!source.supportsIncremental()) {
            return Mono.error(new ConnectorException(nameOf(source)
                    + " does not support incremental syncs: start a full sync instead"));
        }
        return run(SyncKind.INCREMENTAL, source, progress, Mono.fromSupplier(() ->
                Diff.incremental(includedChanges(source.docsIncrementally(cursor, filtering), SyncRules.of(filtering)))));
    }

    /**
     * Applies one source event through the same pipeline as a sync (extraction, size limits, the connector's sink,
     * error accounting): {@code removedIds} deleted, then the {@code refreshed} documents written unless the target
     * already holds their marker. The sink's commit makes them searchable. No cursor comes out of it.
     *
     * @param name for log lines: the source the event came from
     */
    public Mono<SyncReport> applyEvent(String name, List<String> removedIds, Flux<SourceDocument> refreshed, SyncProgress progress) {
        return run(SyncKind.INCREMENTAL, name, () -> Map.of(), progress, refreshed.collectList()
                .flatMap(documents -> sink.existing(documents.stream().map(SourceDocument::id).toList())
                        .map(existing -> Diff.event(removedIds, documents, existing))));
    }

    /**
     * What {@link #fullSync} would do now, without doing it: reads what the sink holds, streams the source through
     * the same diff, and counts. Nothing is written (not even the target created) and no attachment is downloaded.
     * {@code progress} counts the documents seen and unchanged as they stream. A source failure fails the plan.
     */
    public Mono<SyncPlan> planFull(DataSource source, Filtering filtering, SyncProgress progress) {
        return Mono.defer(() -> {
            SyncRules rules = SyncRules.of(filtering);
            return plan(SyncKind.FULL, progress, sink.existing().map(existing -> useListing(source, existing, rules)
                    ? Diff.listedPlan(existing, source.list(filtering))
                    : Diff.full(existing, included(source.docs(filtering), rules))));
        });
    }

    /** What {@link #incrementalSync} would do now: the source's changes since {@code cursor}, counted, not applied. */
    public Mono<SyncPlan> planIncremental(DataSource source, Map<String, Object> cursor, Filtering filtering, SyncProgress progress) {
        if (!source.supportsIncremental()) {
            return Mono.error(new ConnectorException(nameOf(source)
                    + " does not support incremental syncs: plan a full sync instead"));
        }
        return plan(SyncKind.INCREMENTAL, progress, Mono.fromSupplier(() ->
                Diff.incremental(includedChanges(source.docsIncrementally(cursor, filtering), SyncRules.of(filtering)))));
    }

    private static Mono<SyncPlan> plan(SyncKind kind, SyncProgress progress, Mono<Flux<Change>> plan) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            SyncPlan.Tally tally = new SyncPlan.Tally();
            return plan.flatMapMany(changes -> changes)
                    .doOnNext(change -> {
                        countSeen(change, progress);
                        tally.add(change);
                    })
                    .then(Mono.fromCallable(() -> tally.plan(kind, Duration.ofNanos(System.nanoTime() - start))));
        });
    }

    private Mono<SyncReport> run(SyncKind kind, DataSource source, SyncProgress progress, Mono<Flux<Change>> plan) {
        return run(kind, nameOf(source), () -> cursorAfter(source, progress), progress, plan);
    }

    private Mono<SyncReport> run(SyncKind kind, String sourceName, java.util.function.Supplier<Map<String, Object>> cursor,
                                 SyncProgress progress, Mono<Flux<Change>> plan) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            ErrorMonitor monitor = new ErrorMonitor(settings.errors());
            // a sink that parses files itself gets each extracted attachment's download, owned by this sync
            boolean keepOriginals = sink.wantsOriginals();
            OriginalFiles originals = new OriginalFiles(Schedulers.boundedElastic());
            Mono<Void> work = sink.begin(kind)
                    .then(plan)
                    .flatMapMany(changes -> changes)
                    .doOnNext(change -> countSeen(change, progress))
                    .filter(change -> !(change instanceof Change.Unchanged))
                    .flatMap(change -> toOperation(change, progress, keepOriginals, originals), settings.concurrentDownloads())
                    .handle((SinkOperation operation, SynchronousSink<SinkOperation> out) -> fitted(operation, progress, originals, out))
                    .transform(sink::write)
                    .handle((WriteResult result, SynchronousSink<Void> out) -> {
                        originals.release(result.operation());
                        account(result, progress, monitor, out);
                    })
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
            // the originals still on disk go when the sync ends, however it ends, before its outcome is reported
            return Mono.using(() -> originals, files -> committed, OriginalFiles::close)
                    .then(Mono.fromCallable(() -> report(kind, progress, start, null, monitor, cursor.get())))
                    .onErrorResume(error -> Mono.fromCallable(() -> report(kind, progress, start, describe(error), monitor, Map.of())))
                    .doOnNext(report -> log.debug("{} -> {}: {}", sourceName, sink.describe(), report.summary()));
        });
    }

    /**
     * The runtime's sources name themselves (service type, class, plugin: see {@code LoadedSource.create}); one
     * constructed directly, as in tests, is named by its class.
     */
    private static String nameOf(DataSource source) {
        String text = source.toString();
        return text.startsWith(source.getClass().getName() + "@") ? source.getClass().getName() : text;
    }

    /**
     * The source's new cursor, or none (the connector keeps its old one) when some item failed or an attachment is
     * to be tried again: an incremental sync from the new cursor would never see those items again.
     */
    private Map<String, Object> cursorAfter(DataSource source, SyncProgress progress) {
        if (progress.failed() > 0 || progress.retryLater.get() > 0) {
            log.warn("{}: {} failed items and {} attachments to try again: the sync cursor is not moved past them",
                    sink.describe(), progress.failed(), progress.retryLater.get());
            return Map.of();
        }
        return source.syncCursor();
    }

    /**
     * A document over {@code maxDocumentBytes} would fail its bulk item (or the whole request) on every run: its
     * longest text fields are cut to fit ({@code document_truncated: true}), or, when that is not enough (a huge
     * list, say), it is not written. Both are counted in the report; neither fails the sync.
     */
    private void fitted(SinkOperation operation, SyncProgress progress, OriginalFiles originals, SynchronousSink<SinkOperation> out) {
        if (!(operation instanceof SinkOperation.Upsert upsert)) {
            out.next(operation);
            return;
        }
        long limit = settings.maxDocumentBytes();
        if (DocumentSize.estimate(upsert.document()) <= limit) {
            out.next(operation);
            return;
        }
        Map<String, Object> cut = DocumentSize.truncated(upsert.document(), limit);
        if (cut == null) {
            originals.release(upsert);
            progress.tooLarge.incrementAndGet();
            log.warn("{}: document {} is larger than {} bytes even with its text cut; it is not written", sink.describe(),
                    upsert.id(), limit);
            return;
        }
        progress.truncated.incrementAndGet();
        log.warn("{}: document {} is larger than {} bytes; its longest text fields were cut", sink.describe(), upsert.id(), limit);
        out.next(upsert.withDocument(cut));
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

    private Mono<SinkOperation> toOperation(Change change, SyncProgress progress, boolean keepOriginals, OriginalFiles originals) {
        return switch (change) {
            case Change.Create create -> upsert(create.document(), false, progress, keepOriginals, originals);
            case Change.Update update -> upsert(update.document(), true, progress, keepOriginals, originals);
            case Change.Remove remove -> Mono.just(new SinkOperation.Delete(remove.id()));
            case Change.Unchanged unchanged -> Mono.empty();
        };
    }

    private Mono<SinkOperation> upsert(SourceDocument document, boolean existed, SyncProgress progress, boolean keepOriginals,
                                       OriginalFiles originals) {
        DocumentBody body = new DocumentBody(document.fields());
        body.add("id", document.id());
        if (document.attachment() == null) {
            body.add("_timestamp", document.timestamp());
            return Mono.just(new SinkOperation.Upsert(document.id(), body, existed));
        }
        String filename = document.attachment().filename();
        return extractor.extract(document.attachment(), keepOriginals)
                .onErrorResume(e -> Mono.just(new AttachmentOutcome.Skipped(AttachmentOutcome.SkipReason.FAILED, e.toString(), 0)))
                .map(outcome -> {
                    // adopted first thing, so no path below can lose it
                    OriginalFile original = outcome instanceof AttachmentOutcome.Extracted extracted && extracted.original() != null
                            && originals.adopt(document.id(), extracted.original()) ? extracted.original() : null;
                    countAttachment(outcome, progress);
                    if (!retryNextSync(outcome)) {
                        body.add("_timestamp", document.timestamp());
                    } else {
                        progress.retryLater.incrementAndGet();
                    }
                    body.addAll(outcome.metadata());
                    switch (outcome) {
                        case AttachmentOutcome.Extracted extracted -> body.add("body", extracted.text());
                        case AttachmentOutcome.Skipped skipped -> {
                            logSkipped(document.id(), filename, skipped);
                            body.add("attachment_skipped", skipped.reason().wireName());
                        }
                    }
                    return new SinkOperation.Upsert(document.id(), body, existed, original);
                });
    }

    /**
     * An attachment whose download failed or whose extraction timed out is not recorded as done: its document is
     * written without {@code _timestamp}, and a document without a marker always counts as changed, so the next
     * sync downloads it again. Skips that would end the same way every time (too large, unsupported type,
     * encrypted, a file the parser cannot read) are recorded, or a corrupt file would be fetched on every sync.
     */
    private static boolean retryNextSync(AttachmentOutcome outcome) {
        return outcome instanceof AttachmentOutcome.Skipped skipped
                && (skipped.reason() == AttachmentOutcome.SkipReason.DOWNLOAD_FAILED
                        || skipped.reason() == AttachmentOutcome.SkipReason.TIMED_OUT);
    }

    /** Once per skipped attachment: WARN when something went wrong, DEBUG for a type that is simply not extracted. */
    private static void logSkipped(String id, String filename, AttachmentOutcome.Skipped skipped) {
        if (skipped.reason() == AttachmentOutcome.SkipReason.UNSUPPORTED_TYPE
                || skipped.reason() == AttachmentOutcome.SkipReason.EXTRACTION_DISABLED) {
            log.debug("attachment {} of document {} indexed without text: {}", filename, id, skipped.detail());
        } else {
            log.warn("attachment {} of document {} skipped ({}): {}", filename, id, skipped.reason().wireName(), skipped.detail());
        }
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
                progress.skipped(skipped.reason());
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
                progress.truncated(), progress.tooLarge(),
                progress.bytesSent(), progress.attachmentsDownloaded(), progress.attachmentsExtracted(),
                progress.attachmentsSkipped(), progress.attachmentsSkippedByReason(), progress.attachmentsDownloadedBytes(),
                Duration.ofNanos(System.nanoTime() - startNanos), error, firstErrors, cursor);
    }
}
