package io.connectors.core.sink;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.sink.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One source read feeding several sinks ({@code sinks: [elasticsearch, qbusiness]}), each deciding from its own state
 * what it writes. To the engine it is one sink:
 * <ul>
 *   <li>{@link #existing} is what the sinks agree on ({@link ExistingIds#agreed}): a document is skipped (never
 *       downloaded) only when every sink holds it with the same marker;</li>
 *   <li>{@link #write} sends an upsert only to the sinks whose own existing ids call it new or changed, and a delete
 *       only to the sinks that hold the id; an incremental sync (no existing ids read) sends everything to every
 *       sink;</li>
 *   <li>each operation gets one result: a success when every sink it went to took it, else the first failure,
 *       named after its sink;</li>
 *   <li>it {@linkplain #wantsOriginals() wants originals} when any of its sinks does, and an upsert's original file
 *       goes only to the sinks that asked for it: the others get the upsert without it, exactly as when alone.</li>
 * </ul>
 * A sink that fails outright (an error signal) fails the sync, and the engine then deletes nothing from any sink.
 */
public final class FanOutSink implements Sink {

    private final List<Sink> sinks;
    private volatile @Nullable List<ExistingIds> perSink;

    public FanOutSink(List<Sink> sinks) {
        if (sinks.size() < 2 || sinks.size() > 30) {
            throw new IllegalArgumentException("a fan-out needs 2 to 30 sinks, got " + sinks.size());
        }
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public String describe() {
        return sinks.stream().map(Sink::describe).collect(Collectors.joining(" + "));
    }

    @Override
    public boolean wantsOriginals() {
        return sinks.stream().anyMatch(Sink::wantsOriginals);
    }

    @Override
    public Mono<Void> begin(SyncKind kind) {
        perSink = null;
        return Flux.fromIterable(sinks).concatMap(sink -> sink.begin(kind)).then();
    }

    @Override
    public Mono<ExistingIds> existing() {
        return Flux.fromIterable(sinks).concatMap(Sink::existing).collectList().map(parts -> {
            perSink = parts;
            return ExistingIds.agreed(parts);
        });
    }

    /** An operation with the sinks (a bit each) it goes to. */
    private record Routed(SinkOperation operation, int targets) {}

    /** The results one operation still waits for. */
    private static final class Pending {
        private final SinkOperation operation;
        private int remaining;
        private long bytes;
        private @Nullable String error;

        Pending(SinkOperation operation, int remaining) {
            this.operation = operation;
            this.remaining = remaining;
        }

        /** Adds one sink's result; the merged result once every sink answered, else null. */
        synchronized @Nullable WriteResult add(WriteResult result, String sink) {
            bytes += result.bytes();
            if (!result.success() && error == null) {
                error = sink + ": " + result.error();
            }
            if (--remaining > 0) {
                return null;
            }
            return error == null ? WriteResult.ok(operation, bytes) : WriteResult.failed(operation, bytes, error);
        }
    }

    @Override
    public Flux<WriteResult> write(Flux<SinkOperation> operations) {
        return Flux.defer(() -> {
            List<ExistingIds> existing = perSink;
            Map<String, Pending> pending = new ConcurrentHashMap<>();
            Flux<Routed> routed = operations.map(operation -> {
                int targets = targets(operation, existing);
                if (targets != 0) {
                    pending.put(key(operation), new Pending(light(operation), Integer.bitCount(targets)));
                }
                return new Routed(operation, targets);
            });
            return routed.publish(shared -> {
                List<Flux<WriteResult>> outs = new ArrayList<>();
                outs.add(shared.filter(r -> r.targets() == 0).map(r -> WriteResult.ok(light(r.operation()), 0)));
                for (int i = 0; i < sinks.size(); i++) {
                    int bit = 1 << i;
                    Sink sink = sinks.get(i);
                    boolean originals = sink.wantsOriginals();
                    outs.add(sink.write(shared.filter(r -> (r.targets() & bit) != 0)
                                    .map(r -> originals ? r.operation() : withoutOriginal(r.operation())))
                            .handle((result, out) -> {
                                String key = key(result.operation());
                                Pending waiting = pending.get(key);
                                WriteResult merged = waiting == null ? result : waiting.add(result, sink.describe());
                                if (merged != null) {
                                    pending.remove(key, waiting);
                                    out.next(merged);
                                }
                            }));
                }
                return Flux.merge(outs);
            });
        });
    }

    /** Which sinks an operation goes to, a bit per sink. */
    private int targets(SinkOperation operation, @Nullable List<ExistingIds> existing) {
        int all = (1 << sinks.size()) - 1;
        if (existing == null) {
            return all;
        }
        int targets = 0;
        for (int i = 0; i < sinks.size(); i++) {
            ExistingIds ids = existing.get(i);
            boolean send = switch (operation) {
                case SinkOperation.Upsert upsert -> upsert.document().get("_timestamp") == null
                        || ids.check(upsert.id(), String.valueOf(upsert.document().get("_timestamp"))) != ExistingIds.Status.UNCHANGED;
                case SinkOperation.Delete delete -> ids.contains(delete.id());
            };
            if (send) {
                targets |= 1 << i;
            }
        }
        return targets;
    }

    private static String key(SinkOperation operation) {
        return (operation instanceof SinkOperation.Delete ? "d:" : "u:") + operation.id();
    }

    /**
     * The operation without its document: what results are for, without holding every document in flight. The
     * original file (a path, not its bytes) stays, so the engine knows which file the result frees.
     */
    private static SinkOperation light(SinkOperation operation) {
        return operation instanceof SinkOperation.Upsert upsert
                ? new SinkOperation.Upsert(upsert.id(), Map.of(), upsert.existed(), upsert.original()) : operation;
    }

    private static SinkOperation withoutOriginal(SinkOperation operation) {
        return operation instanceof SinkOperation.Upsert upsert ? upsert.withoutOriginal() : operation;
    }

    @Override
    public Mono<Void> commit(boolean succeeded) {
        // every sink commits, even after another's commit failed; the first failure is reported
        List<Throwable> failures = new ArrayList<>();
        return Flux.fromIterable(sinks)
                .concatMap(sink -> sink.commit(succeeded).onErrorResume(e -> {
                    failures.add(e);
                    return Mono.empty();
                }))
                .then(Mono.defer(() -> failures.isEmpty() ? Mono.<Void>empty() : Mono.error(failures.get(0))))
                .doFinally(signal -> perSink = null);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Sink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
