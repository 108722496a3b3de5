package io.connectors.api.sink;

import io.connectors.api.ConnectorLogger;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.SourceHttpClient;
import java.time.Clock;

/**
 * What the runtime lends a {@link Sink} it constructs for a connector. New capabilities arrive as default methods.
 */
public interface SinkContext {

    /** The id of the connector whose documents this sink receives. */
    String connectorId();

    /** The connector's target index name ({@code index_name}); a sink that is not Elasticsearch may use it as a label. */
    String indexName();

    /**
     * The sink's own settings: the block named after the sink under the connector's entry in config.yml's
     * {@code connectors:} (e.g. {@code qbusiness:}), resolved against {@link SinkDescriptor#configSchema()}.
     */
    SourceConfiguration configuration();

    /** A logger whose lines carry the connector and job ids. */
    ConnectorLogger logger();

    default Clock clock() {
        return Clock.systemUTC();
    }

    /** A new HTTP client for {@code settings}; the sink owns it and closes it in {@link Sink#close()}. */
    SourceHttpClient httpClient(HttpClientSettings settings);
}
