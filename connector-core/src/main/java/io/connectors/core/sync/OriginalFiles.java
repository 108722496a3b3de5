package io.connectors.core.sync;

import io.connectors.api.sink.OriginalFile;
import io.connectors.api.sink.SinkOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * The attachments' original files one sync hands to its sink ({@link SinkOperation.Upsert#original()}), owned by the
 * engine: each is deleted once its operation's result came back (or when the operation is dropped before the sink),
 * and whatever is still outstanding when the sync ends, however it ends (completed, failed, canceled), is deleted by
 * {@link #close()}. A file adopted after that (an extraction that finished while the sync was being canceled) is
 * deleted at once. Files stay on disk; nothing here reads them.
 */
final class OriginalFiles implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OriginalFiles.class);

    private final Set<Path> outstanding = ConcurrentHashMap.newKeySet();
    /** For a sink that hands results back without the original (a light copy of the upsert): found by id. */
    private final Map<String, Path> byId = new ConcurrentHashMap<>();
    private final Scheduler io;
    private volatile boolean closed;

    OriginalFiles(Scheduler io) {
        this.io = io;
    }

    /** Takes ownership of {@code file} for the upsert {@code id}; false (and the file deleted) once the sync ended. */
    boolean adopt(String id, OriginalFile file) {
        outstanding.add(file.path());
        byId.put(id, file.path());
        if (closed) {
            // close() may have swept before the add: this file is nobody's now
            forget(id, file.path());
            delete(file.path());
            return false;
        }
        return true;
    }

    /** The sink is done with {@code operation} (its result came back, or it never went to the sink). */
    void release(SinkOperation operation) {
        if (!(operation instanceof SinkOperation.Upsert upsert)) {
            return;
        }
        Path path = upsert.original() != null ? upsert.original().path() : byId.get(upsert.id());
        if (path == null || !outstanding.contains(path)) {
            return;
        }
        byId.remove(upsert.id(), path);
        // file deletion is I/O: off the sink's thread (often an event loop); still outstanding until done, so a
        // close() meanwhile deletes it too
        io.schedule(() -> {
            delete(path);
            outstanding.remove(path);
        });
    }

    /** Files handed out and not yet deleted. */
    int outstanding() {
        return outstanding.size();
    }

    /** Deletes every file still outstanding; later adoptions delete their file at once. */
    @Override
    public void close() {
        closed = true;
        for (Path path : outstanding) {
            delete(path);
            outstanding.remove(path);
        }
        byId.clear();
    }

    private void forget(String id, Path path) {
        outstanding.remove(path);
        byId.remove(id, path);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("could not delete the temporary attachment file {}: {}", path, e.getMessage());
        }
    }
}
