package io.connectors.api.source;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What to sync from one kind of system. This is the class a third party extends; the runtime does the rest (reading
 * what the target holds, diffing, extraction, bulk writes, counters, scheduling).
 *
 * <h2>Contract of a subclass</h2>
 * <ul>
 *   <li>A {@link DataSourceDescriptor}, listed in {@code META-INF/services/io.connectors.api.source.DataSourceDescriptor},
 *       declares the configuration schema and constructs the source. The runtime writes the schema into the connector
 *       document when it first sees the connector and validates the values against it (every problem at once) before
 *       it constructs the source.</li>
 *   <li>A public constructor {@code (SourceConfiguration, DataSourceContext)} that only reads configuration: no I/O.
 *       An exception thrown there is reported as a configuration problem of the connector.</li>
 *   <li>The class is named by its fully-qualified name under {@code sources:} in {@code config.yml}, and lives on the
 *       class path or in a plugin (a jar, or a folder of jars) in the {@code plugins/} directory, loaded in a class
 *       loader of its own that sees only this API, SLF4J and Reactor of the runtime.</li>
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * One instance serves one operation: a sync job, a ping, a validation. The runtime calls {@link #close()} afterwards,
 * whether the operation completed, failed or was canceled.
 *
 * <h2>Threading and cancellation</h2>
 * Methods are called from any thread and must return quickly: the work happens when the returned publisher is
 * subscribed. Publishers must honour backpressure and must not block a non-blocking thread; wrap blocking calls in
 * {@code Mono.fromCallable(..).subscribeOn(Schedulers.boundedElastic())}. A canceled sync cancels the subscription:
 * release resources in {@code doFinally} or in {@link #close()}. Signal failures as errors, never by throwing from an
 * operator. Nothing here is null unless marked {@code @Nullable}.
 */
public abstract class DataSource implements AutoCloseable {

    private final SourceConfiguration configuration;
    private final DataSourceContext context;

    protected DataSource(SourceConfiguration configuration, DataSourceContext context) {
        this.configuration = configuration;
        this.context = context;
    }

    /** The connector's configuration, resolved against the descriptor's schema: defaults applied, values typed. */
    protected final SourceConfiguration configuration() {
        return configuration;
    }

    protected final DataSourceContext context() {
        return context;
    }

    /** Checks that the source answers and accepts the credentials. Completes empty, or errors with a message a user can act on. */
    public abstract Mono<Void> ping();

    /**
     * Checks what the schema cannot: that a project exists, that a query parses on the server. The schema's own
     * checks (required, types, validations) have already passed. The default accepts everything.
     */
    public Mono<Void> validateConfig() {
        return Mono.empty();
    }

    /**
     * Every document the connector should hold, for a full sync. The runtime deletes from the target every document
     * this stream did not name, but only when the stream completes without error.
     */
    public abstract Flux<SourceDocument> docs(Filtering filtering);

    /**
     * Whether {@link #list} and {@link #fetch} are implemented: the light listing that lets a full resync read only
     * what changed. The default is {@code false}, and a source that says {@code false} is only ever asked for
     * {@link #docs}.
     */
    public boolean supportsListing() {
        return false;
    }

    /**
     * Every document a full sync would stream, as ids and change markers only: each {@link SourceDocument} carries
     * the same {@code id} and {@code timestamp} {@link #docs} would give it, empty {@code fields} and no attachment.
     * It is meant to cost a fraction of {@link #docs}: on Jira, a search for the field {@code updated} alone instead of
     * whole issues.
     *
     * <h4>What the engine does with it</h4>
     * On a full sync, when {@link #supportsListing()} is {@code true} and the target already holds documents of the
     * connector, the engine streams this listing instead of {@link #docs}, compares each marker with the target's,
     * skips the unchanged ids, and asks {@link #fetch} for the new and changed ones in batches (a few dozen ids,
     * a bounded number of batches in flight). Only fetched documents are written, and only their attachments
     * downloaded. Into an empty target the engine calls {@link #docs} as before: everything would be fetched anyway.
     *
     * <h4>Contract</h4>
     * <ul>
     *   <li>The listing names exactly the documents {@link #docs} would, under the same {@code filtering} (sync
     *       rules, configured scope): the engine deletes from the target every id the listing did not name, once it
     *       completed without error. A failed or canceled listing deletes nothing.</li>
     *   <li>Each id at most once. Markers must be those {@link #docs} would produce, or every resync rewrites
     *       everything (correct, but not cheap).</li>
     *   <li>{@link #syncCursor()} is read after the listing completed, exactly as after {@link #docs}: set it there.</li>
     *   <li>Threading, backpressure and cancellation as for {@link #docs}. The listing is consumed while fetches
     *       are in flight on the same instance, so {@link #fetch} may be called before the listing completed.</li>
     * </ul>
     * The default errors: a source that says it supports listing must override both methods.
     */
    public Flux<SourceDocument> list(Filtering filtering) {
        return Flux.error(new UnsupportedOperationException(getClass().getName() + " does not support listing"));
    }

    /**
     * The whole documents (fields, lazy attachment) of {@code ids}, which this instance's {@link #list} named in the
     * same sync; the source may rely on what the listing learnt (e.g. which issue an attachment belongs to).
     *
     * <ul>
     *   <li>Order is free. An id that vanished since it was listed is simply absent (no error): the target keeps
     *       its copy until the next full sync sees the id gone. An id that was not asked for is ignored.</li>
     *   <li>A document's {@code timestamp} may differ from the listed one (it changed meanwhile): the engine still
     *       writes it, newest wins.</li>
     *   <li>Called with at most a few dozen ids, possibly several calls at once (the engine keeps a small, fixed
     *       number in flight); each returned Flux is subscribed once. An error fails the sync, which then deletes
     *       nothing.</li>
     * </ul>
     */
    public Flux<SourceDocument> fetch(List<String> ids) {
        return Flux.error(new UnsupportedOperationException(getClass().getName() + " does not support fetching by id"));
    }

    /** Whether {@link #docsIncrementally} is implemented. */
    public boolean supportsIncremental() {
        return false;
    }

    /**
     * The changes since {@code cursor} (the value {@link #syncCursor()} returned after the previous sync; empty on
     * the first), as upserts and deletions.
     */
    public Flux<SourceChange> docsIncrementally(Map<String, Object> cursor, Filtering filtering) {
        return Flux.error(new UnsupportedOperationException(getClass().getName() + " does not support incremental syncs"));
    }

    /**
     * The cursor to store on the connector once a sync has completed, read by the runtime after the stream of
     * {@link #docs} or {@link #docsIncrementally} completes. JSON-friendly values only.
     */
    public Map<String, Object> syncCursor() {
        return Map.of();
    }

    /**
     * Whether {@link #docs} (and {@link #list}, {@link #docsIncrementally}) honour the advanced rules of
     * {@link Filtering#advancedSnippet()}, whose meaning belongs to the source (Jira: JQL queries). The runtime
     * announces it in the connector's {@code features} so Kibana offers the editor, and refuses advanced rules
     * given to a source that says {@code false}. Basic rules need nothing from a source: the runtime applies them
     * to every document.
     */
    public boolean supportsAdvancedRules() {
        return false;
    }

    /**
     * Whether the source reads its own notifications (webhooks): {@link #readEvent} and {@link #refresh} are
     * implemented. The default is {@code false}: the runtime then refuses notifications for the connector.
     */
    public boolean supportsEvents() {
        return false;
    }

    /**
     * Checks the advanced rules of a draft (before Kibana's draft becomes active) and of each job's active rules
     * (before it syncs): their shape, and whatever the source can ask its system (Jira: that it accepts each JQL
     * query). Errors with every problem at once in one message, which the connector's {@code filtering[].draft
     * .validation.errors} or the job's {@code error} then carries. Called only when {@link #supportsAdvancedRules()}
     * and the rules hold an advanced snippet; basic rules are checked by the runtime. The default accepts everything.
     */
    public Mono<Void> validateFiltering(Filtering filtering) {
        return Mono.empty();
    }

    /**
     * Reads one notification body whose signature the runtime has verified. Pure parsing, no I/O: it runs on the
     * listener's thread. An event type the source does not index is {@link SourceEvent#ignore ignored}, not an error.
     *
     * @throws IllegalArgumentException when the body is not a notification of this source (answered 400, with the
     *                                  message)
     */
    public SourceEvent readEvent(byte[] body) {
        throw new UnsupportedOperationException(getClass().getName() + " does not read events");
    }

    /**
     * The current documents of an event's {@code subject}, exactly as {@link #docs} would produce them (same ids,
     * fields, markers, lazy attachments), fetched now. Empty when the subject is gone or outside the connector's scope
     * ({@code filtering}, configured projects...): the runtime then writes nothing. The runtime skips the documents
     * whose marker the target already holds, so an unchanged attachment is not downloaded again.
     *
     * <p>The instance serving events lives as long as the connector's configuration is unchanged and is called for
     * several subjects at once (never twice at once for one subject); {@link #close()} ends it. Errors are signals;
     * the event is then counted as failed and healed by the next incremental sync.
     */
    public Flux<SourceDocument> refresh(String subject, Filtering filtering) {
        return Flux.error(new UnsupportedOperationException(getClass().getName() + " does not read events"));
    }

    /** Whether {@link #accessControl()} is implemented (document-level security). */
    public boolean supportsAccessControl() {
        return false;
    }

    /** The access-control documents (one per user or group), for an access-control sync. */
    public Flux<SourceDocument> accessControl() {
        return Flux.empty();
    }

    /** Releases clients and files. Called once, after the operation ended in any way. Must not throw. */
    @Override
    public void close() {}
}
