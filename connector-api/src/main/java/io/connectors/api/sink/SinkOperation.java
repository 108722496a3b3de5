package io.connectors.api.sink;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One write a sync asks of a sink. */
public sealed interface SinkOperation {

    String id();

    /**
     * Create or replace the whole document {@code id} with {@code document} (which already holds {@code id},
     * {@code _timestamp} and, for an extracted attachment, {@code body}). {@code existed} says whether the target
     * held the id before this sync, so reports can tell created from updated.
     */
    record Upsert(String id, Map<String, Object> document, boolean existed) implements SinkOperation {
        public Upsert {
            document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
        }
    }

    /** Remove the document {@code id}; removing an id the target does not hold is not an error. */
    record Delete(String id) implements SinkOperation {}
}
