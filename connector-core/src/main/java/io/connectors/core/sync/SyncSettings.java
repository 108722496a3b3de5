package io.connectors.core.sync;

/**
 * How the engine runs one sync.
 *
 * @param concurrentDownloads attachments downloaded and extracted at once (the connector's {@code concurrent_downloads},
 *                            capped by {@code elasticsearch.bulk.concurrent_downloads})
 * @param errors              when item failures fail the sync
 * @param maxDocumentBytes    the largest document written (its JSON, about): a larger one has its longest text
 *                            fields cut, or is skipped when that is not enough; both are counted, the sync goes on
 */
public record SyncSettings(int concurrentDownloads, ErrorMonitorSettings errors, long maxDocumentBytes) {

    /** 20 MiB: Elastic's {@code max_text_document_size} default, well under the 100 MB HTTP request limit. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 20L << 20;

    public SyncSettings(int concurrentDownloads, ErrorMonitorSettings errors) {
        this(concurrentDownloads, errors, DEFAULT_MAX_DOCUMENT_BYTES);
    }

    public SyncSettings {
        if (concurrentDownloads < 1) {
            throw new IllegalArgumentException("concurrent_downloads must be at least 1, got " + concurrentDownloads);
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(10, ErrorMonitorSettings.defaults());
    }

    public SyncSettings withConcurrentDownloads(int downloads) {
        return new SyncSettings(downloads, errors, maxDocumentBytes);
    }

    public SyncSettings withErrors(ErrorMonitorSettings settings) {
        return new SyncSettings(concurrentDownloads, settings, maxDocumentBytes);
    }

    public SyncSettings withMaxDocumentBytes(long bytes) {
        return new SyncSettings(concurrentDownloads, errors, bytes);
    }
}
