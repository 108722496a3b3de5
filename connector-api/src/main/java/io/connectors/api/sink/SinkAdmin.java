package io.connectors.api.sink;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a sink offers an operator beyond syncing, for the admin CLI ({@code connectors doctor ID},
 * {@code state stats ID}, {@code state clear ID}, {@code sync ID --clean}), obtained through
 * {@link SinkDescriptor#admin}: the CLI reaches a sink's own checks and state without depending on the sink's module.
 * Every method is cold.
 */
public interface SinkAdmin extends AutoCloseable {

    enum Verdict { OK, WARN, FAIL }

    /** One check: a verdict, what was found, and, when not OK, what to do. */
    record Check(String name, Verdict verdict, String detail, @Nullable String hint) {}

    /** What the sink's own state holds: documents, their bytes, and the last sync that wrote one. */
    record StateStats(long documents, long bytes, @Nullable String lastWriteAt, @Nullable String lastSyncId) {}

    /** Checks the sink can work (credentials, the target's resources), in order; never an error signal. */
    Flux<Check> doctor();

    /** The sink's own state; a sink without state answers zeros. */
    Mono<StateStats> stateStats();

    /** Forgets the sink's state, so the next sync sends every document again. */
    Mono<Void> clearState();

    @Override
    default void close() {}
}
