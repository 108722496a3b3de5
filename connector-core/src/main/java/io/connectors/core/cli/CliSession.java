package io.connectors.core.cli;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.plugin.SourceRegistry;
import io.connectors.core.protocol.ConnectorStore;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.protocol.JobStore;
import io.connectors.core.runtime.ConnectorRuntime;
import io.connectors.core.runtime.SyncFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one command works with: the loaded config, one Elasticsearch client, the control stores and the sources.
 * Opened by a command and closed when it ends (the client's connection pool, the plugins' class loader).
 */
final class CliSession implements AutoCloseable {

    private final ConnectorsConfig config;
    private final ControlIndices indices;
    private final ConnectorRuntime runtime;
    private final ConnectorStore connectors;
    private final JobStore jobs;

    CliSession(ConnectorsConfig config, ControlIndices indices) {
        this.config = config;
        this.indices = indices;
        this.runtime = ConnectorRuntime.open(config);
        this.connectors = new ConnectorStore(runtime.client(), indices);
        this.jobs = new JobStore(runtime.client(), indices);
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
        return runtime.client();
    }

    SourceRegistry sources() {
        return runtime.sources();
    }

    ConnectorStore connectors() {
        return connectors;
    }

    JobStore jobs() {
        return jobs;
    }

    /** Engines for this session; the attachment extractor is the daemon's (created on first use, closed with the session). */
    SyncFactory syncs() {
        return runtime.syncs();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
