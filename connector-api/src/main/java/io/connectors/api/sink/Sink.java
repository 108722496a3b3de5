package io.connectors.api.sink;

import reactor.core.publisher.Flux;
import java.util.Collection;
import reactor.core.publisher.Mono;

/**
 * Where synced documents go: an Elasticsearch index, Amazon Q Business, or both. A sink is a transport: it reports
 * what the target holds and applies operations, while the engine decides what to write and when to give up.
 *
 * <p>One instance serves one sync at a time: {@link #begin}, then {@link #existing} (full syncs only), then
 * {@link #write}, then {@link #commit} with whether the sync succeeded.
 */
public interface Sink extends AutoCloseable {

    /** A short description for log lines, e.g. {@code elasticsearch index search-jira}. */
    String describe();

    /** Prepares the target for a sync (e.g. creates the index when missing). */
    default Mono<Void> begin(SyncKind kind) {
        return Mono.empty();
    }

    /**
     * Whether this sink wants an extracted attachment's original file on its upserts
     * ({@link SinkOperation.Upsert#original()}), e.g. because the target parses PDF or Word files itself. The engine
     * then keeps each downloaded file (on disk) until the upsert's {@link WriteResult}; see {@link OriginalFile} for the
     * ownership rules. Asked once at the start of each sync. Default: false (since API 1.1), and the engine deletes
     * every download as soon as its text is out.
     */
    default boolean wantsOriginals() {
        return false;
    }

    /** The ids the target holds with their change markers. */
    Mono<ExistingIds> existing();

    /**
     * The markers the target holds for {@code ids} only (at most a few dozen): what an event-driven write asks before
     * it writes, so that an unchanged document (an attachment already extracted) is skipped. The default knows
     * nothing, and every document is then written again: correct, only slower.
     */
    default Mono<ExistingIds> existing(Collection<String> ids) {
        return Mono.just(ExistingIds.empty());
    }

    /**
     * Applies the operations, batching and retrying as the target needs, and emits one result per operation, in
     * any order. Transient failures (throttling, unavailable) are retried inside; what remains is reported as a
     * failed result, or, when the target cannot be reached at all, as an error signal.
     */
    Flux<WriteResult> write(Flux<SinkOperation> operations);

    /** Ends the sync: makes writes visible, restores settings. Called after success and failure alike. */
    default Mono<Void> commit(boolean succeeded) {
        return Mono.empty();
    }

    @Override
    default void close() {}
}
