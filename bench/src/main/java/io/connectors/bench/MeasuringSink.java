package io.connectors.bench;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.sink.WriteResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A sink that passes everything through and keeps the size of the last existing-ids structure it read. */
final class MeasuringSink implements Sink {

    private final Sink delegate;
    private volatile @Nullable ExistingIds lastExisting;

    MeasuringSink(Sink delegate) {
        this.delegate = delegate;
    }

    /** Bytes of the last {@link ExistingIds} read, and how many ids it held; {0, 0} before any. */
    long[] existingMemory() {
        ExistingIds ids = lastExisting;
        return ids == null ? new long[] {0, 0} : new long[] {ids.memoryBytes(), ids.size()};
    }

    void forget() {
        lastExisting = null;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public Mono<Void> begin(SyncKind kind) {
        return delegate.begin(kind);
    }

    @Override
    public Mono<ExistingIds> existing() {
        return delegate.existing().doOnNext(ids -> lastExisting = ids);
    }

    @Override
    public Flux<WriteResult> write(Flux<SinkOperation> operations) {
        return delegate.write(operations);
    }

    @Override
    public Mono<Void> commit(boolean succeeded) {
        return delegate.commit(succeeded);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
