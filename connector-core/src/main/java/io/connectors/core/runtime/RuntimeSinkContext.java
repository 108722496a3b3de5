package io.connectors.core.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.api.ConnectorLogger;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.SourceHttpClient;
import io.connectors.core.http.NettySourceHttpClient;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sink.elasticsearch.ElasticsearchSinkContext;
import io.connectors.core.sink.elasticsearch.IngestPipeline;
import org.jspecify.annotations.Nullable;

/** The one {@link io.connectors.api.sink.SinkContext} of the runtime (it also carries what the Elasticsearch sink needs). */
public record RuntimeSinkContext(String connectorId, String indexName, SourceConfiguration configuration,
                                 ElasticsearchAsyncClient elasticsearch, BulkSettings bulkSettings,
                                 @Nullable IngestPipeline pipeline)
        implements ElasticsearchSinkContext {

    public RuntimeSinkContext(String connectorId, String indexName, SourceConfiguration configuration,
                              ElasticsearchAsyncClient elasticsearch, BulkSettings bulkSettings) {
        this(connectorId, indexName, configuration, elasticsearch, bulkSettings, null);
    }

    @Override
    public ConnectorLogger logger() {
        return new Slf4jConnectorLogger("io.connectors.sink." + connectorId, connectorId, null);
    }

    @Override
    public SourceHttpClient httpClient(HttpClientSettings settings) {
        return NettySourceHttpClient.create(settings);
    }
}
