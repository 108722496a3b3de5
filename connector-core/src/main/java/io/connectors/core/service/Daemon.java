package io.connectors.core.service;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.json.Json;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import java.net.URI;
import io.connectors.core.plugin.SinkRegistry;
import io.connectors.core.plugin.SourceRegistry;

/**
 * A connector service assembled from config.yml: the Elasticsearch client, the sources (class path and plugins),
 * the attachment extractor and the engines. Close it after {@link ConnectorService#run()} completed.
 */
public final class Daemon implements AutoCloseable {

    private final ElasticsearchAsyncClient client;
    private final SourceRegistry sources;
    private final TikaExtractor extractor;
    private final ServiceContext context;
    private final ConnectorService service;

    private Daemon(ConnectorsConfig config, DaemonSettings settings) {
        this.client = ElasticsearchClients.create(ElasticsearchConnection.from(config.elasticsearch()), Json.mapper());
        this.sources = SourceRegistry.create(config.sources(), config.pluginsDirectory());
        this.extractor = extractor(config);
        SyncFactory syncs = new SyncFactory(config, client, extractor, new SinkRegistry(config.sinks(), sources.plugins()));
        this.context = new ServiceContext(client, sources, syncs, settings);
        this.service = new ConnectorService(context);
    }

    public static Daemon create(ConnectorsConfig config) {
        return new Daemon(config, DaemonSettings.from(config));
    }

    public static Daemon create(ConnectorsConfig config, DaemonSettings settings) {
        return new Daemon(config, settings);
    }

    /**
     * The attachment extractor config.yml asks for: in-process Tika, or the Tika Server at
     * {@code extraction_service.host}. The caller closes it.
     */
    public static TikaExtractor extractor(ConnectorsConfig config) {
        ExtractionSettings settings = ExtractionSettings.defaults()
                .withMaxDownloadBytes(config.service().maxFileDownloadSize())
                .withMaxTextBytes(config.service().maxExtractedTextSize())
                .withParserThreads(config.elasticsearch().bulk().concurrentDownloads());
        String host = config.extractionService().host();
        if (host != null) {
            settings = settings.withTikaServer(URI.create(host), config.extractionService().timeout());
        }
        return TikaExtractor.create(settings);
    }

    public ConnectorService service() {
        return service;
    }

    public ServiceContext context() {
        return context;
    }

    @Override
    public void close() {
        extractor.close();
        sources.close();
        ElasticsearchClients.close(client);
    }
}
