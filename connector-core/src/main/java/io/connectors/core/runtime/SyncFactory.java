package io.connectors.core.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkAdmin;
import io.connectors.api.sink.SinkDescriptor;
import io.connectors.core.config.BulkConfig;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.config.ErrorMonitorConfig;
import io.connectors.core.extraction.AttachmentExtractor;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.plugin.Plugins;
import io.connectors.core.plugin.SinkRegistry;
import io.connectors.core.runtime.RuntimeSinkContext;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sync.ErrorMonitorSettings;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncSettings;
import io.connectors.api.config.ConfigurationProblemsException;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.core.sink.FanOutSink;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
        return new SyncEngine(sink(connectorId, indexName), extractor, syncSettings(config, sourceConcurrentDownloads));
    }

    /**
     * The connector's sinks: one, or a {@link FanOutSink} over several ({@code sinks: [elasticsearch, qbusiness]}),
     * each configured from its own block of the connector's entry (e.g. {@code qbusiness:}).
     */
    public Sink sink(String connectorId, String indexName) {
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
                    built.add(descriptor.create(new RuntimeSinkContext(connectorId, indexName, configuration, client,
                            bulkSettings(config.elasticsearch().bulk()))));
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
