package io.connectors.core.sink.elasticsearch;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Refreshes of one index, shared by the commits that ask for them: at most one runs per index, and a caller is
 * answered by the first refresh that <em>starts after it asked</em> (so its writes are searchable when it is
 * answered, as with a refresh of its own). Callers arriving while a refresh runs all share the next one.
 *
 * <p>Why: the webhook listener commits every applied event, a few at once (docs/webhooks.md). Elasticsearch runs one
 * refresh of a shard at a time and each leaves a small segment to merge; with a refresh per event, refreshes and
 * merges took ~90 % of Elasticsearch's time on the index at 50 events/s and bounded the rate (docs/performance.md,
 * phase 7). Shared, a refresh serves every commit waiting for it.
 *
 * <p>Keyed by client and index, process-wide, since a sink lives for one sync or one event; a key is forgotten when
 * no refresh of it runs or waits.
 */
final class SharedRefresh {

    private record Key(Object client, String index) {}

    /** The refresh of a key that runs, and the callers waiting for the next one. Guarded by {@link #LINES}. */
    private static final class Line {
        Sinks.@Nullable Empty<Void> next;
    }

    private static final Map<Key, Line> LINES = new HashMap<>();

    private SharedRefresh() {}

    /**
     * A refresh of {@code index} through {@code client} that starts after this call is subscribed: {@code refresh}
     * itself when none runs, else the next one, shared with every caller that arrives meanwhile. Its error goes to
     * every caller sharing it; the refresh after it is tried anew.
     */
    static Mono<Void> refresh(Object client, String index, Supplier<Mono<Void>> refresh) {
        return Mono.defer(() -> {
            Key key = new Key(client, index);
            Sinks.Empty<Void> mine;
            boolean start;
            synchronized (LINES) {
                Line line = LINES.get(key);
                start = line == null;
                if (start) {
                    LINES.put(key, new Line());
                    mine = Sinks.empty();
                } else {
                    if (line.next == null) {
                        line.next = Sinks.empty();
                    }
                    mine = line.next;
                }
            }
            if (start) {
                run(key, mine, refresh);
            }
            return mine.asMono();
        });
    }

    /**
     * Runs one refresh for everyone in {@code waiting}, then the next one if callers came meanwhile. Subscribed here,
     * not by a caller: a caller that cancels must not cancel the refresh others share.
     */
    private static void run(Key key, Sinks.Empty<Void> waiting, Supplier<Mono<Void>> refresh) {
        Mono.defer(refresh).subscribe(ignored -> { }, error -> {
            waiting.tryEmitError(error);
            after(key, refresh);
        }, () -> {
            waiting.tryEmitEmpty();
            after(key, refresh);
        });
    }

    private static void after(Key key, Supplier<Mono<Void>> refresh) {
        Sinks.@Nullable Empty<Void> next;
        synchronized (LINES) {
            Line line = LINES.get(key);
            next = line == null ? null : line.next;
            if (next == null) {
                LINES.remove(key);
                return;
            }
            line.next = null;
        }
        run(key, next, refresh);
    }

    /** Whether a refresh of the index runs (for tests: nothing is kept once idle). */
    static boolean active(Object client, String index) {
        synchronized (LINES) {
            return LINES.containsKey(new Key(client, index));
        }
    }
}
