package io.connectors.core.sink.elasticsearch;

import io.connectors.api.ConnectorApi;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.sink.SinkContext;
import io.connectors.api.sink.SinkDescriptor;
import io.connectors.core.json.Json;

/**
 * The built-in {@code elasticsearch} sink, described like any other: listed in META-INF/services and named in
 * config.yml's {@code sinks:}. It needs the runtime's Elasticsearch client, which only the runtime's own
 * {@link ElasticsearchSinkContext} carries; a third-party sink gets a plain {@link SinkContext}.
 */
public final class ElasticsearchSinkDescriptor extends SinkDescriptor {

    public ElasticsearchSinkDescriptor() {
        super(ConnectorApi.VERSION, "elasticsearch", ElasticsearchSink.class, ConfigSchema.of(), ElasticsearchSinkDescriptor::newSink);
    }

    private static ElasticsearchSink newSink(SinkContext context) {
        if (!(context instanceof ElasticsearchSinkContext es)) {
            throw new IllegalStateException("the elasticsearch sink is built by the runtime, which lends it its client");
        }
        return new ElasticsearchSink(es.elasticsearch(), context.indexName(), es.bulkSettings(), Json.mapper(), es.pipeline());
    }
}
