package io.connectors.core.sync;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one sync, safe to read from another thread while it runs (the daemon flushes them to the job
 * document every few seconds).
 */
public final class SyncProgress {

    final AtomicLong seen = new AtomicLong();
    final AtomicLong created = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong attachmentsDownloaded = new AtomicLong();
    final AtomicLong attachmentsExtracted = new AtomicLong();
    final AtomicLong attachmentsSkipped = new AtomicLong();
    final AtomicLong downloadedBytes = new AtomicLong();

    /** Documents the source has streamed so far. */
    public long seen() {
        return seen.get();
    }

    /** Documents written (created + updated). */
    public long indexed() {
        return created.get() + updated.get();
    }

    public long created() {
        return created.get();
    }

    public long updated() {
        return updated.get();
    }

    public long unchanged() {
        return unchanged.get();
    }

    public long deleted() {
        return deleted.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Bytes of documents sent to the sink. */
    public long bytesSent() {
        return bytesSent.get();
    }

    public long attachmentsDownloaded() {
        return attachmentsDownloaded.get();
    }

    public long attachmentsExtracted() {
        return attachmentsExtracted.get();
    }

    public long attachmentsSkipped() {
        return attachmentsSkipped.get();
    }
}
