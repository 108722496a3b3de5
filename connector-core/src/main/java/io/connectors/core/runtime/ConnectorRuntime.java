package io.connectors.core.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.json.Json;
import io.connectors.core.plugin.Plugins;
import io.connectors.core.plugin.SinkRegistry;
import io.connectors.core.plugin.SourceRegistry;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The runtime assembled from config.yml, in one place: the Elasticsearch client, the plugins with the sources and
 * sinks they and the class path provide, the attachment extractor (created on first use) and the sync engines. The
 * daemon, the admin CLI and the development launchers all start from this. Close it last: it closes what it opened.
 */
public final class ConnectorRuntime implements AutoCloseable {

    private final ConnectorsConfig config;
    private final Plugins plugins;
    private final SourceRegistry sources;
    private final SinkRegistry sinks;
    private final ElasticsearchAsyncClient client;
    private @Nullable TikaExtractor extractor;
    private @Nullable TikaExtractor serviceExtractor;
    private @Nullable SyncFactory syncs;

    private ConnectorRuntime(ConnectorsConfig config) {
        this.config = config;
        this.plugins = Plugins.open(config.pluginsDirectory());
        this.sources = SourceRegistry.of(config.sources(), plugins);
        this.sinks = new SinkRegistry(config.sinks(), plugins);
        try {
            this.client = ElasticsearchClients.create(ElasticsearchConnection.from(config.elasticsearch()), Json.mapper());
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    public static ConnectorRuntime open(ConnectorsConfig config) {
        return new ConnectorRuntime(config);
    }

    public ConnectorsConfig config() {
        return config;
    }

    public ElasticsearchAsyncClient client() {
        return client;
    }

    public Plugins plugins() {
        return plugins;
    }

    public SourceRegistry sources() {
        return sources;
    }

    public SinkRegistry sinks() {
        return sinks;
    }

    /** The engines of this runtime, with the attachment extractor config.yml asks for (created on first use). */
    public synchronized SyncFactory syncs() {
        if (syncs == null) {
            extractor = extractor(config, false);
            // protocol auto: connectors with use_text_extraction_service get Elastic's protocol, the others Tika Server's
            serviceExtractor = config.extractionService().host() != null && config.extractionService().protocol().equals("auto")
                    ? extractor(config, true) : null;
            syncs = new SyncFactory(config, client, extractor, sinks, serviceExtractor);
        }
        return syncs;
    }

    /**
     * The attachment extractor config.yml asks for: in-process Tika, or the Tika Server at
     * {@code extraction_service.host}. The caller closes it.
     */
    public static TikaExtractor extractor(ConnectorsConfig config) {
        return extractor(config, false);
    }

    /**
     * Parser threads of in-process Tika: as many as downloads in flight, but at most two per core. Parsing is CPU
     * work, so more threads than that add no speed, and each parse holds its own working set (a PDF's objects, an
     * Office part's XML tree): ten at once on two cores were most of what the heap held during a sync beyond its
     * classes (docs/performance.md, "Memory"). Downloads beyond them wait for a thread in their temporary files.
     */
    static int inProcessParsers(int concurrentDownloads, int cores) {
        return Math.min(concurrentDownloads, Math.max(2, 2 * cores));
    }

    /**
     * The extractor for connectors that set {@code use_text_extraction_service} ({@code textExtractionService}) or
     * not: with {@code extraction_service.protocol: auto}, the former speak Elastic's data-extraction-service protocol.
     */
    public static TikaExtractor extractor(ConnectorsConfig config, boolean textExtractionService) {
        String host = config.extractionService().host();
        int downloads = config.elasticsearch().bulk().concurrentDownloads();
        ExtractionSettings settings = ExtractionSettings.defaults()
                .withMaxDownloadBytes(config.service().maxFileDownloadSize())
                .withMaxTextBytes(config.service().maxExtractedTextSize())
                .withParserThreads(host == null ? inProcessParsers(downloads, Runtime.getRuntime().availableProcessors()) : downloads);
        if (host != null) {
            var service = config.extractionService();
            ExtractionSettings.Protocol protocol = switch (service.protocol()) {
                case "data_extraction_service" -> ExtractionSettings.Protocol.DATA_EXTRACTION_SERVICE;
                case "tika_server" -> ExtractionSettings.Protocol.TIKA_SERVER;
                default -> textExtractionService ? ExtractionSettings.Protocol.DATA_EXTRACTION_SERVICE : ExtractionSettings.Protocol.TIKA_SERVER;
            };
            settings = settings.withTikaServer(URI.create(host), service.timeout())
                    .withServerOptions(new ExtractionSettings.ServerOptions(protocol,
                            (int) Math.min(Integer.MAX_VALUE, service.streamChunkSize()), service.useFilePointers(), service.sharedVolumeDir()));
        }
        return TikaExtractor.create(settings);
    }

    @Override
    public synchronized void close() {
        if (syncs != null) {
            syncs.close();
        }
        if (extractor != null) {
            extractor.close();
        }
        if (serviceExtractor != null) {
            serviceExtractor.close();
        }
        plugins.close();
        ElasticsearchClients.close(client);
    }
}
