package io.connectors.api.sink;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One write a sync asks of a sink. */
public sealed interface SinkOperation {

    String id();

    /**
     * Create or replace the whole document {@code id} with {@code document} (which already holds {@code id},
     * {@code _timestamp} and, for an extracted attachment, {@code body}). {@code existed} says whether the target
     * held the id before this sync, so reports can tell created from updated.
     *
     * <p>{@code original} (since API 1.1) is the attachment's downloaded file, present only for a sink that
     * {@linkplain Sink#wantsOriginals() asks for originals} and only when the attachment's text was extracted;
     * null otherwise. The engine owns the file: see {@link OriginalFile} for what a sink may do with it.
     *
     * <p>Compatibility: the three-argument constructor is kept (no original), so code built against API 1.0 runs
     * unchanged (binary compatible). Source written against 1.0 that deconstructs an upsert with a record pattern,
     * {@code case Upsert(var id, var document, var existed)}, must add the fourth component ({@code var original})
     * when it is recompiled against 1.1: record patterns name every component.
     */
    record Upsert(String id, Map<String, Object> document, boolean existed, @Nullable OriginalFile original) implements SinkOperation {
        public Upsert {
            document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
        }

        /** An upsert without an original file (what every sink receives unless it asks for originals). */
        public Upsert(String id, Map<String, Object> document, boolean existed) {
            this(id, document, existed, null);
        }

        /** The same upsert with another document (e.g. cut to a size limit), keeping its original file. */
        public Upsert withDocument(Map<String, Object> replacement) {
            return new Upsert(id, replacement, existed, original);
        }

        /** The same upsert without its original file: what a sink that did not ask for originals is given. */
        public Upsert withoutOriginal() {
            return original == null ? this : new Upsert(id, document, existed, null);
        }
    }

    /** Remove the document {@code id}; removing an id the target does not hold is not an error. */
    record Delete(String id) implements SinkOperation {}
}
