package io.connectors.api.source;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A file that belongs to a {@link SourceDocument}, downloaded only when the engine decides the document changed.
 *
 * <p>{@code content} must be cold and lazy: nothing may be requested from the source before it is subscribed, and
 * an unchanged document never subscribes to it. It is subscribed at most once per sync, honours backpressure, and
 * may be canceled midway (for instance when the file turns out to be larger than the configured limit), so release
 * connections in {@code doFinally}. The engine bounds how many downloads run at once. Each buffer is copied as it
 * arrives, so a source may hand out views of pooled buffers that are recycled once {@code onNext} returns.
 *
 * @param filename    the file's name, used to pick an extractor by extension
 * @param size        the size the source declares, in bytes, or -1 when unknown; a declared size above the limit
 *                    skips the download altogether
 * @param contentType the declared MIME type, if any
 * @param content     the bytes, streamed
 */
public record Attachment(String filename, long size, @Nullable String contentType, Flux<ByteBuffer> content) {

    public Attachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
    }

    public static final long UNKNOWN_SIZE = -1;
}
