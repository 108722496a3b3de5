package io.connectors.api.sink;

import org.jspecify.annotations.Nullable;

/**
 * What became of one {@link SinkOperation}. {@code bytes} is the size of what was sent for it; {@code error} says,
 * for a failed one, why (e.g. the target's mapping rejected a field), without document content. A sink may hand back
 * an upsert without its document (released once serialized, so batches in flight hold bytes, not maps): its
 * {@code id} and {@code existed} are what results are for.
 */
public record WriteResult(SinkOperation operation, boolean success, long bytes, @Nullable String error) {

    public static WriteResult ok(SinkOperation operation, long bytes) {
        return new WriteResult(operation, true, bytes, null);
    }

    public static WriteResult failed(SinkOperation operation, long bytes, String error) {
        return new WriteResult(operation, false, bytes, error);
    }
}
