package io.connectors.core.service;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.es.Json;
import io.connectors.core.extraction.AttachmentExtractor;
import io.connectors.core.extraction.PlainTextExtractor;
import io.connectors.core.source.loader.SourceRegistry;

/**
 * A connector service assembled from config.yml: the Elasticsearch client, the sources (class path and plugins),
 * the attachment extractor and the engines. Close it after {@link ConnectorService#run()} completed.
 */
public final class Daemon implements AutoCloseable {

    private final ElasticsearchAsyncClient client;
    private final SourceRegistry sources;
    private final ServiceContext context;
    private final ConnectorService service;

    private Daemon(ConnectorsConfig config, DaemonSettings settings) {
        this.client = ElasticsearchClients.create(ElasticsearchConnection.from(config.elasticsearch()), Json.mapper());
        this.sources = SourceRegistry.create(config.sources(), config.pluginsDirectory());
        SyncFactory syncs = new SyncFactory(config, client, extractor(config));
        this.context = new ServiceContext(client, sources, syncs, settings);
        this.service = new ConnectorService(context);
    }

    public static Daemon create(ConnectorsConfig config) {
        return new Daemon(config, DaemonSettings.from(config));
    }

    public static Daemon create(ConnectorsConfig config, DaemonSettings settings) {
        return new Daemon(config, settings);
    }

    /** The attachment extractor config.yml asks for. */
    public static AttachmentExtractor extractor(ConnectorsConfig config) {
        return new PlainTextExtractor(config.service().maxFileDownloadSize());
    }

    public ConnectorService service() {
        return service;
    }

    public ServiceContext context() {
        return context;
    }

    @Override
    public void close() {
        sources.close();
        ElasticsearchClients.close(client);
    }
}
