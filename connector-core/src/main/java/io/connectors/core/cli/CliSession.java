package io.connectors.core.cli;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.json.Json;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.protocol.ConnectorStore;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.protocol.JobStore;
import io.connectors.core.service.Daemon;
import io.connectors.core.service.SyncFactory;
import io.connectors.core.plugin.SinkRegistry;
import io.connectors.core.plugin.SourceRegistry;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one command works with: the loaded config, one Elasticsearch client, the control stores and the sources.
 * Opened by a command and closed when it ends (the client's connection pool, the plugins' class loader).
 */
final class CliSession implements AutoCloseable {

    private final ConnectorsConfig config;
    private final ControlIndices indices;
    private final ElasticsearchAsyncClient client;
    private final SourceRegistry sources;
    private final ConnectorStore connectors;
    private final JobStore jobs;
    private TikaExtractor extractor;

    CliSession(ConnectorsConfig config, ControlIndices indices) {
        this.config = config;
        this.indices = indices;
        this.sources = SourceRegistry.create(config.sources(), config.pluginsDirectory());
        try {
            this.client = ElasticsearchClients.create(ElasticsearchConnection.from(config.elasticsearch()), Json.mapper());
        } catch (RuntimeException e) {
            sources.close();
            throw e;
        }
        this.connectors = new ConnectorStore(client, indices);
        this.jobs = new JobStore(client, indices);
    }

    /** Loads config.yml ({@code ConfigException} listing every problem with key path and line, if any) and connects. */
    static CliSession open(Path configFile, Map<String, String> env, ControlIndices indices) {
        return new CliSession(ConfigLoader.load(configFile, env), indices);
    }

    ConnectorsConfig config() {
        return config;
    }

    ControlIndices indices() {
        return indices;
    }

    ElasticsearchAsyncClient client() {
        return client;
    }

    SourceRegistry sources() {
        return sources;
    }

    ConnectorStore connectors() {
        return connectors;
    }

    JobStore jobs() {
        return jobs;
    }

    /** Engines for this session; the attachment extractor is the daemon's (created on first use, closed with the session). */
    SyncFactory syncs() {
        if (extractor == null) {
            extractor = Daemon.extractor(config);
        }
        return new SyncFactory(config, client, extractor, new SinkRegistry(config.sinks(), sources.plugins()));
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
        }
        sources.close();
        ElasticsearchClients.close(client);
    }
}
