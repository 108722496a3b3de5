package io.connectors.core.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkDescriptor;
import io.connectors.core.config.BulkConfig;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.config.ErrorMonitorConfig;
import io.connectors.api.source.Attachment;
import io.connectors.core.extraction.AttachmentExtractor;
import io.connectors.core.extraction.AttachmentOutcome;
import io.connectors.core.sink.elasticsearch.IngestPipeline;
import reactor.core.publisher.Mono;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.plugin.Plugins;
import io.connectors.core.plugin.SinkRegistry;
import io.connectors.core.runtime.RuntimeSinkContext;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sync.ErrorMonitorSettings;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncSettings;
import java.util.List;
import java.util.Map;

/** Builds sync engines from config.yml: the one place where configuration meets the engine and the sink. */
public final class SyncFactory {

    private final ConnectorsConfig config;
    private final ElasticsearchAsyncClient client;
    private final AttachmentExtractor extractor;
    private final SinkRegistry sinks;

    public SyncFactory(ConnectorsConfig config, ElasticsearchAsyncClient client, AttachmentExtractor extractor, SinkRegistry sinks) {
        this.config = config;
        this.client = client;
        this.extractor = extractor;
        this.sinks = sinks;
    }

    /** A factory whose sinks come from the class path only (tests, tools without plugins). */
    public SyncFactory(ConnectorsConfig config, ElasticsearchAsyncClient client, AttachmentExtractor extractor) {
        this(config, client, extractor, new SinkRegistry(config.sinks(), Plugins.classPathOnly()));
    }

    /**
     * An engine writing to {@code indexName}. {@code sourceConcurrentDownloads} is the connector's own
     * {@code concurrent_downloads}, if it has one (0 otherwise); {@code elasticsearch.bulk.concurrent_downloads} caps it.
     */
    public ConnectorsConfig config() {
        return config;
    }

    public SyncEngine engine(String indexName, int sourceConcurrentDownloads) {
        return engine("", indexName, sourceConcurrentDownloads);
    }

    /**
     * An engine writing connector {@code connectorId}'s documents to its sink ({@code connectors[].sinks} of
     * config.yml; {@code elasticsearch} unless set) for {@code indexName}.
     */
    public SyncEngine engine(String connectorId, String indexName, int sourceConcurrentDownloads) {
        return engine(connectorId, indexName, sourceConcurrentDownloads, IngestPipeline.NONE);
    }

    /**
     * As above, honouring the connector's {@code pipeline}: its name goes on the Elasticsearch sink's bulk requests
     * (the job checked that it exists), and {@code extract_binary_content: false} leaves attachments undownloaded,
     * as Elastic's service does when neither pipeline nor extraction service extracts.
     */
    public SyncEngine engine(String connectorId, String indexName, int sourceConcurrentDownloads, IngestPipeline pipeline) {
        AttachmentExtractor attachments = pipeline.extractBinaryContent() ? extractor : SyncFactory::notExtracted;
        return new SyncEngine(sink(connectorId, indexName, pipeline), attachments, syncSettings(config, sourceConcurrentDownloads));
    }

    private static Mono<AttachmentOutcome> notExtracted(Attachment attachment) {
        return Mono.just(new AttachmentOutcome.Skipped(AttachmentOutcome.SkipReason.EXTRACTION_DISABLED,
                "the connector's pipeline.extract_binary_content is false", 0));
    }

    private Sink sink(String connectorId, String indexName, IngestPipeline pipeline) {
        List<String> names = config.sinksOf(connectorId);
        if (names.size() != 1) {
            throw new PluginLoadingException("connector " + connectorId + " names sinks " + names
                    + "; this version writes a connector's documents to exactly one sink");
        }
        SinkDescriptor descriptor = sinks.get(names.getFirst());
        var configuration = descriptor.configSchema().resolve(Map.of());
        return descriptor.create(new RuntimeSinkContext(connectorId, indexName, configuration, client,
                bulkSettings(config.elasticsearch().bulk()), pipeline.name() == null ? null : pipeline));
    }

    public static BulkSettings bulkSettings(BulkConfig bulk) {
        return new BulkSettings(bulk.chunkSize(), bulk.chunkMaxMemBytes(), bulk.maxConcurrency(), bulk.maxRetries(),
                bulk.retryInterval(), bulk.initialLoadSettings());
    }

    public static SyncSettings syncSettings(ConnectorsConfig config, int sourceConcurrentDownloads) {
        int cap = config.elasticsearch().bulk().concurrentDownloads();
        int downloads = sourceConcurrentDownloads > 0 ? Math.min(sourceConcurrentDownloads, cap) : cap;
        ErrorMonitorConfig errors = config.elasticsearch().bulk().errorMonitor();
        // a document may hold a whole extracted attachment (its text capped by extraction) plus its fields
        long maxDocument = Math.max(config.elasticsearch().bulk().maxTextDocumentBytes(),
                io.connectors.core.extraction.ExtractionSettings.DEFAULT_MAX_TEXT_BYTES + (1L << 20));
        return new SyncSettings(Math.max(1, downloads), new ErrorMonitorSettings(errors.enabled(), errors.maxTotalErrors(),
                errors.maxConsecutiveErrors(), errors.maxErrorRate(), errors.errorWindowSize(), errors.errorQueueSize()),
                maxDocument);
    }
}
