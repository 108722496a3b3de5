package io.connectors.core.service;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.core.config.BulkConfig;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.config.ErrorMonitorConfig;
import io.connectors.core.json.Json;
import io.connectors.core.extraction.AttachmentExtractor;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sink.elasticsearch.ElasticsearchSink;
import io.connectors.core.sync.ErrorMonitorSettings;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncSettings;

/** Builds sync engines from config.yml: the one place where configuration meets the engine and the sink. */
public final class SyncFactory {

    private final ConnectorsConfig config;
    private final ElasticsearchAsyncClient client;
    private final AttachmentExtractor extractor;

    public SyncFactory(ConnectorsConfig config, ElasticsearchAsyncClient client, AttachmentExtractor extractor) {
        this.config = config;
        this.client = client;
        this.extractor = extractor;
    }

    /**
     * An engine writing to {@code indexName}. {@code sourceConcurrentDownloads} is the connector's own
     * {@code concurrent_downloads}, if it has one (0 otherwise); {@code elasticsearch.bulk.concurrent_downloads} caps it.
     */
    public ConnectorsConfig config() {
        return config;
    }

    public SyncEngine engine(String indexName, int sourceConcurrentDownloads) {
        return new SyncEngine(new ElasticsearchSink(client, indexName, bulkSettings(config.elasticsearch().bulk()), Json.mapper()),
                extractor, syncSettings(config, sourceConcurrentDownloads));
    }

    public static BulkSettings bulkSettings(BulkConfig bulk) {
        return new BulkSettings(bulk.chunkSize(), bulk.chunkMaxMemBytes(), bulk.maxConcurrency(), bulk.maxRetries(),
                bulk.retryInterval(), bulk.initialLoadSettings());
    }

    public static SyncSettings syncSettings(ConnectorsConfig config, int sourceConcurrentDownloads) {
        int cap = config.elasticsearch().bulk().concurrentDownloads();
        int downloads = sourceConcurrentDownloads > 0 ? Math.min(sourceConcurrentDownloads, cap) : cap;
        ErrorMonitorConfig errors = config.elasticsearch().bulk().errorMonitor();
        return new SyncSettings(Math.max(1, downloads), new ErrorMonitorSettings(errors.enabled(), errors.maxTotalErrors(),
                errors.maxConsecutiveErrors(), errors.maxErrorRate(), errors.errorWindowSize(), errors.errorQueueSize()));
    }
}
