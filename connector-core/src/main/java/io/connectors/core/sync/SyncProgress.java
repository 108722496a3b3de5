package io.connectors.core.sync;

import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
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
    /** documents over the size limit: written with their longest text fields cut, or not written at all */
    final AtomicLong truncated = new AtomicLong();
    final AtomicLong tooLarge = new AtomicLong();
    /** documents written without their change marker (a failed attachment), so the next sync takes them again */
    final AtomicLong retryLater = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong attachmentsDownloaded = new AtomicLong();
    final AtomicLong attachmentsExtracted = new AtomicLong();
    final AtomicLong attachmentsSkipped = new AtomicLong();
    final AtomicLong downloadedBytes = new AtomicLong();
    private final Map<SkipReason, AtomicLong> skippedByReason = counters();

    private static Map<SkipReason, AtomicLong> counters() {
        Map<SkipReason, AtomicLong> counters = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            counters.put(reason, new AtomicLong());
        }
        return Collections.unmodifiableMap(counters);
    }

    void skipped(SkipReason reason) {
        attachmentsSkipped.incrementAndGet();
        skippedByReason.get(reason).incrementAndGet();
    }

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
    /** Documents written with text fields cut to fit the document size limit. */
    public long truncated() {
        return truncated.get();
    }

    /** Documents not written because even cut they exceed the document size limit. */
    public long tooLarge() {
        return tooLarge.get();
    }

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

    /** Attachments skipped for this reason. */
    public long attachmentsSkipped(SkipReason reason) {
        return skippedByReason.get(reason).get();
    }

    /** Bytes of attachments read from the source (aborted downloads included). */
    public long attachmentsDownloadedBytes() {
        return downloadedBytes.get();
    }

    /** Skipped attachments per reason, every reason present (zero or not), in the enum's order. */
    public Map<SkipReason, Long> attachmentsSkippedByReason() {
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        skippedByReason.forEach((reason, count) -> counts.put(reason, count.get()));
        return counts;
    }
}
