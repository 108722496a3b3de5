package io.connectors.api.source;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One document of a source, as the source sees it.
 *
 * <p>{@code id} is stable across syncs and unique within the connector: it becomes the target's {@code _id}.
 * {@code timestamp} is the document's change marker (usually its last-modified time as an ISO-8601 string): the
 * engine compares it with the marker stored in the target and skips the document, without ever subscribing to its
 * attachment, when they are equal. Any string that changes whenever the content changes will do (a version, a hash).
 *
 * <p>{@code fields} are JSON-friendly values (String, Number, Boolean, {@link java.time.Instant}, List, Map) written
 * as the document's source; the engine adds {@code id} and {@code _timestamp}, and {@code body} when the attachment
 * is extracted. {@code attachment} is optional and lazy.
 *
 * <p>{@code fields} is taken over, not copied (a copy per document was a tenth of the engine's work in a no-op
 * resync): the source hands the map over and must not change it afterwards. The record exposes it read-only.
 */
public record SourceDocument(String id, String timestamp, Map<String, Object> fields, @Nullable Attachment attachment) {

    public SourceDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a source document needs a non-empty id");
        }
        Objects.requireNonNull(fields, "fields");
        fields = READ_ONLY.isInstance(fields) ? fields : Collections.unmodifiableMap(fields);
    }

    private static final Class<?> READ_ONLY = Collections.unmodifiableMap(Map.of()).getClass();

    public static SourceDocument of(String id, String timestamp, Map<String, Object> fields) {
        return new SourceDocument(id, timestamp, fields, null);
    }

    public SourceDocument withAttachment(Attachment attachment) {
        return new SourceDocument(id, timestamp, fields, attachment);
    }
}
