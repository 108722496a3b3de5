package io.connectors.core.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.api.sink.SinkContext;

/** What the runtime lends its own Elasticsearch sink beyond a {@link SinkContext}: the client and the bulk settings. */
public interface ElasticsearchSinkContext extends SinkContext {

    ElasticsearchAsyncClient elasticsearch();

    BulkSettings bulkSettings();
}
