package io.connectors.core.sync;

/**
 * How the engine runs one sync.
 *
 * @param concurrentDownloads attachments downloaded and extracted at once (the connector's {@code concurrent_downloads},
 *                            capped by {@code elasticsearch.bulk.concurrent_downloads})
 * @param errors              when item failures fail the sync
 */
public record SyncSettings(int concurrentDownloads, ErrorMonitorSettings errors) {

    public SyncSettings {
        if (concurrentDownloads < 1) {
            throw new IllegalArgumentException("concurrent_downloads must be at least 1, got " + concurrentDownloads);
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(10, ErrorMonitorSettings.defaults());
    }

    public SyncSettings withConcurrentDownloads(int downloads) {
        return new SyncSettings(downloads, errors);
    }

    public SyncSettings withErrors(ErrorMonitorSettings settings) {
        return new SyncSettings(concurrentDownloads, settings);
    }
}
