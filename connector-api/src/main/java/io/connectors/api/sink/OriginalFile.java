package io.connectors.api.sink;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The original bytes of an attachment, beside the text the engine extracted from them, for a sink that
 * {@linkplain Sink#wantsOriginals() asks for them} (a target that parses files itself, such as Amazon Q Business).
 *
 * <p><b>Ownership.</b> {@code path} is a temporary file owned by the engine. A sink reads it while it writes the
 * operation that carries it, and only until it emits that operation's {@link WriteResult}: it never deletes, moves,
 * changes or keeps the file (nor a handle to it) past that point. The engine deletes the file once the operation's
 * result came back, and deletes every file still outstanding when the sync ends however it ends (completed, failed,
 * canceled). A sink that needs the bytes longer copies them.
 *
 * <p>The file is on disk, not in memory: a sink reads it as a stream (it may be up to
 * {@code service.max_file_download_size}, and several are in flight at once).
 *
 * @param filename  the attachment's file name as the source gave it
 * @param mediaType the media type ({@code application/pdf}): the one detected from the bytes when the extractor
 *                  could, else the one the source declared, else null
 * @param size      the file's size in bytes
 * @param path      where the bytes are, until the operation's result
 */
public record OriginalFile(String filename, @Nullable String mediaType, long size, Path path) {

    public OriginalFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
    }
}
