package io.connectors.core.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.api.sink.SinkContext;
import org.jspecify.annotations.Nullable;

/** What the runtime lends its own Elasticsearch sink beyond a {@link SinkContext}: the client and the bulk settings. */
public interface ElasticsearchSinkContext extends SinkContext {

    ElasticsearchAsyncClient elasticsearch();

    BulkSettings bulkSettings();

    /** The ingest pipeline the connector names, or null: documents are written as they are. */
    default @Nullable IngestPipeline pipeline() {
        return null;
    }
}
