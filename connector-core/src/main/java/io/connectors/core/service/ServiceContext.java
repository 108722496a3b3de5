package io.connectors.core.service;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.core.plugin.SourceRegistry;
import io.connectors.core.protocol.ConnectorStore;
import io.connectors.core.protocol.JobStore;
import io.connectors.core.runtime.SyncFactory;

/** What the daemon's parts share: the cluster, the control stores, the sources and the engines. */
public record ServiceContext(ElasticsearchAsyncClient client, ConnectorStore connectors, JobStore jobs,
                             SourceRegistry sources, SyncFactory syncs, DaemonSettings settings) {

    public ServiceContext(ElasticsearchAsyncClient client, SourceRegistry sources, SyncFactory syncs, DaemonSettings settings) {
        this(client, new ConnectorStore(client, settings.indices()), new JobStore(client, settings.indices()),
                sources, syncs, settings);
    }
}
