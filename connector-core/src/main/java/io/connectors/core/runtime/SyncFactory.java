package io.connectors.core.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkAdmin;
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
import io.connectors.core.config.ConnectorEntry;
import io.connectors.core.config.Secret;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.json.Json;
import io.connectors.api.config.ConfigurationProblemsException;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.core.sink.FanOutSink;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds sync engines from config.yml: the one place where configuration meets the engine and the sink. A connector
 * with its own {@code api_key} in config.yml writes its content with a client of its own carrying that key, as in
 * Elastic's service; the control indices keep the service's client. Close the factory to release those clients.
 */
public final class SyncFactory implements AutoCloseable {

    private final ConnectorsConfig config;
    private final ElasticsearchAsyncClient client;
    private final AttachmentExtractor extractor;
    private final SinkRegistry sinks;
    /** the extractor of connectors that set use_text_extraction_service, when it differs from {@link #extractor} */
    private final @org.jspecify.annotations.Nullable AttachmentExtractor serviceExtractor;
    /** connector id -> the client with that connector's own API key, created on its first sync */
    private final Map<String, ElasticsearchAsyncClient> contentClients = new ConcurrentHashMap<>();

    public SyncFactory(ConnectorsConfig config, ElasticsearchAsyncClient client, AttachmentExtractor extractor, SinkRegistry sinks) {
        this(config, client, extractor, sinks, null);
    }

    /**
     * {@code serviceExtractor}: the extractor for connectors whose configuration sets
     * {@code use_text_extraction_service} (Elastic's data-extraction-service protocol), or null when every connector
     * uses {@code extractor}.
     */
    public SyncFactory(ConnectorsConfig config, ElasticsearchAsyncClient client, AttachmentExtractor extractor, SinkRegistry sinks,
                       @org.jspecify.annotations.Nullable AttachmentExtractor serviceExtractor) {
        this.config = config;
        this.client = client;
        this.extractor = extractor;
        this.sinks = sinks;
        this.serviceExtractor = serviceExtractor;
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
        return engine(connectorId, indexName, sourceConcurrentDownloads, IngestPipeline.NONE, false);
    }

    /** As above; {@code useTextExtractionService} is the connector's {@code use_text_extraction_service} value. */
    public SyncEngine engine(String connectorId, String indexName, int sourceConcurrentDownloads, boolean useTextExtractionService) {
        return engine(connectorId, indexName, sourceConcurrentDownloads, IngestPipeline.NONE, useTextExtractionService);
    }

    /** A connector configuration's {@code use_text_extraction_service}: a Kibana entry ({@code {value: ...}}) or a bare value. */
    public static boolean useTextExtractionService(Map<String, ?> configuration) {
        Object entry = configuration.get("use_text_extraction_service");
        Object value = entry instanceof Map<?, ?> map ? map.get("value") : entry;
        return value != null && Boolean.parseBoolean(value.toString().trim());
    }

    /**
     * As above, honouring the connector's {@code pipeline}: its name goes on the Elasticsearch sink's bulk requests
     * (the job checked that it exists), and {@code extract_binary_content: false} leaves attachments undownloaded,
     * as Elastic's service does when neither pipeline nor extraction service extracts.
     */
    public SyncEngine engine(String connectorId, String indexName, int sourceConcurrentDownloads, IngestPipeline pipeline) {
        return engine(connectorId, indexName, sourceConcurrentDownloads, pipeline, false);
    }

    /** Both of the above: the connector's pipeline and its {@code use_text_extraction_service}. */
    public SyncEngine engine(String connectorId, String indexName, int sourceConcurrentDownloads, IngestPipeline pipeline,
                             boolean useTextExtractionService) {
        AttachmentExtractor chosen = useTextExtractionService && serviceExtractor != null ? serviceExtractor : extractor;
        AttachmentExtractor attachments = pipeline.extractBinaryContent() ? chosen : SyncFactory::notExtracted;
        return new SyncEngine(sink(connectorId, indexName, pipeline), attachments, syncSettings(config, sourceConcurrentDownloads));
    }

    private static Mono<AttachmentOutcome> notExtracted(Attachment attachment) {
        return Mono.just(new AttachmentOutcome.Skipped(AttachmentOutcome.SkipReason.EXTRACTION_DISABLED,
                "the connector's pipeline.extract_binary_content is false", 0));
    }

    /**
     * The connector's sinks: one, or a {@link FanOutSink} over several ({@code sinks: [elasticsearch, qbusiness]}),
     * each configured from its own block of the connector's entry (e.g. {@code qbusiness:}); no pipeline.
     */
    public Sink sink(String connectorId, String indexName) {
        return sink(connectorId, indexName, IngestPipeline.NONE);
    }

    /** As above; the connector's ingest pipeline goes to sinks that send to Elasticsearch. */
    private Sink sink(String connectorId, String indexName, IngestPipeline pipeline) {
        List<String> names = config.sinksOf(connectorId);
        List<Sink> built = new ArrayList<>();
        try {
            for (String name : names) {
                SinkDescriptor descriptor = sinks.get(name);
                SourceConfiguration configuration;
                try {
                    configuration = descriptor.configSchema().resolve(config.sinkSettingsOf(connectorId, name));
                } catch (ConfigurationProblemsException e) {
                    throw new PluginLoadingException("connector " + connectorId + ": its " + name + " block in config.yml "
                            + "(connectors[].sinks names " + name + "): " + e.problems().stream()
                            .map(p -> name + "." + p.key() + ": " + p.message()).collect(Collectors.joining("; ")));
                }
                try {
                    built.add(descriptor.create(new RuntimeSinkContext(connectorId, indexName, configuration,
                            contentClient(connectorId), bulkSettings(config.elasticsearch().bulk()),
                            pipeline.name() == null ? null : pipeline)));
                } catch (IllegalArgumentException e) {
                    throw new PluginLoadingException("connector " + connectorId + ": sink " + name + ": " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            built.forEach(Sink::close);
            throw e;
        }
        return built.size() == 1 ? built.getFirst() : new FanOutSink(built);
    }

    /** A sink's operator commands ({@link SinkAdmin}), with the name the connector's {@code sinks} gives it. */
    public record NamedAdmin(String sink, SinkAdmin admin) {}

    /**
     * The operator commands of the connector's sinks that offer some (checks, their own state), through the sink SPI
     * ({@link SinkDescriptor#admin}): the CLI reaches a sink's state without depending on the sink's module. A sink
     * whose block does not resolve still offers its state commands when it can. The caller closes them.
     */
    public List<NamedAdmin> admins(String connectorId) {
        List<NamedAdmin> admins = new ArrayList<>();
        for (String name : config.sinksOf(connectorId)) {
            SinkDescriptor descriptor = sinks.get(name);
            SourceConfiguration configuration;
            try {
                configuration = descriptor.configSchema().resolve(config.sinkSettingsOf(connectorId, name));
            } catch (ConfigurationProblemsException e) {
                admins.add(new NamedAdmin(name, new UnusableSinkAdmin(name, e.problems().stream()
                        .map(p -> name + "." + p.key() + ": " + p.message()).collect(Collectors.joining("; ")))));
                continue;
            }
            descriptor.admin(new RuntimeSinkContext(connectorId, "", configuration, client, bulkSettings(config.elasticsearch().bulk())))
                    .ifPresent(admin -> admins.add(new NamedAdmin(name, admin)));
        }
        return admins;
    }

    /** Stands for a sink whose block in config.yml does not resolve: doctor says which keys, state commands refuse. */
    private record UnusableSinkAdmin(String sink, String problems) implements SinkAdmin {
        @Override
        public reactor.core.publisher.Flux<Check> doctor() {
            return reactor.core.publisher.Flux.just(new Check(sink + " configuration", Verdict.FAIL, problems,
                    "fix the " + sink + ": block of the connector's entry in config.yml"));
        }

        @Override
        public reactor.core.publisher.Mono<StateStats> stateStats() {
            return reactor.core.publisher.Mono.error(new PluginLoadingException("sink " + sink + " is not configured: " + problems));
        }

        @Override
        public reactor.core.publisher.Mono<Void> clearState() {
            return stateStats().then();
        }
    }

    /** The client a connector's content is written with: its own API key's when config.yml gives one, else the service's. */
    public ElasticsearchAsyncClient contentClient(String connectorId) {
        Secret key = config.connectors().stream().filter(entry -> entry.connectorId().equals(connectorId)).findFirst()
                .map(ConnectorEntry::apiKey).orElse(null);
        if (key == null) {
            return client;
        }
        return contentClients.computeIfAbsent(connectorId, id -> ElasticsearchClients.create(
                ElasticsearchConnection.from(config.elasticsearch()).withApiKey(key.reveal()), Json.mapper()));
    }

    @Override
    public void close() {
        contentClients.values().forEach(ElasticsearchClients::close);
        contentClients.clear();
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
