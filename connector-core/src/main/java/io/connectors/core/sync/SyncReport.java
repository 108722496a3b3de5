package io.connectors.core.sync;

import io.connectors.api.sink.SyncKind;
import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one sync.
 *
 * @param created             documents the target did not hold and now does
 * @param updated             documents rewritten because their change marker moved
 * @param unchanged           documents skipped because the target's copy was current (nothing downloaded)
 * @param deleted             documents removed from the target
 * @param failed              item writes that failed
 * @param bytesSent           bytes of documents sent to the sink
 * @param attachmentsDownloaded      attachments whose content was read from the source (downloads aborted over the
 *                                   size limit included)
 * @param attachmentsExtracted       attachments whose text was indexed
 * @param attachmentsSkipped         attachments indexed as metadata only, all reasons together
 * @param attachmentsSkippedByReason the same per reason (every reason present, zero or not)
 * @param attachmentsDownloadedBytes bytes read from the source for attachments
 * @param error               why the sync failed; null when it completed
 * @param firstErrors         the first item errors, for the job's error message
 * @param cursor              the source's sync cursor after a completed sync (empty when failed)
 */
public record SyncReport(
        SyncKind kind,
        Status status,
        long created,
        long updated,
        long unchanged,
        long deleted,
        long failed,
        long truncated,
        long tooLarge,
        long bytesSent,
        long attachmentsDownloaded,
        long attachmentsExtracted,
        long attachmentsSkipped,
        Map<SkipReason, Long> attachmentsSkippedByReason,
        long attachmentsDownloadedBytes,
        Duration duration,
        @Nullable String error,
        List<String> firstErrors,
        Map<String, Object> cursor) {

    public enum Status { COMPLETED, FAILED }

    public SyncReport {
        firstErrors = List.copyOf(firstErrors);
        cursor = Map.copyOf(cursor);
        Map<SkipReason, Long> byReason = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            byReason.put(reason, attachmentsSkippedByReason.getOrDefault(reason, 0L));
        }
        attachmentsSkippedByReason = java.util.Collections.unmodifiableMap(byReason);
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** Documents written (created + updated). */
    public long indexed() {
        return created + updated;
    }

    /** Documents the source streamed per second of the whole sync (skipped ones included). */
    public double docsPerSecond() {
        double seconds = Math.max(duration.toNanos() / 1e9, 1e-3);
        return (created + updated + unchanged) / seconds;
    }

    /** Attachments skipped for this reason. */
    public long attachmentsSkipped(SkipReason reason) {
        return attachmentsSkippedByReason.get(reason);
    }

    /** One line for logs: counts, rate, outcome. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s sync %s in %.1f s: %d created, %d updated, %d unchanged, %d deleted, %d failed, %s%.1f MiB sent, "
                        + "attachments %d downloaded (%.1f MiB) / %d extracted / %d skipped%s, %.0f docs/s%s",
                kind.wireName(), status == Status.COMPLETED ? "completed" : "failed", duration.toMillis() / 1000.0,
                created, updated, unchanged, deleted, failed,
                truncated + tooLarge == 0 ? "" : truncated + " truncated, " + tooLarge + " too large (skipped), ",
                bytesSent / 1048576.0,
                attachmentsDownloaded, attachmentsDownloadedBytes / 1048576.0, attachmentsExtracted, attachmentsSkipped,
                skippedDetail(), docsPerSecond(), error == null ? "" : ": " + error);
    }

    /** " (too_large 2, failed 1)": the reasons that occurred, or nothing. */
    private String skippedDetail() {
        StringBuilder detail = new StringBuilder();
        attachmentsSkippedByReason.forEach((reason, count) -> {
            if (count > 0) {
                detail.append(detail.isEmpty() ? " (" : ", ").append(reason.wireName()).append(' ').append(count);
            }
        });
        return detail.isEmpty() ? "" : detail.append(')').toString();
    }
}
