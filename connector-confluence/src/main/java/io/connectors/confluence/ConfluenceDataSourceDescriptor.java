package io.connectors.confluence;

import io.connectors.api.ConnectorApi;
import io.connectors.api.source.DataSourceDescriptor;

/** Describes {@link ConfluenceDataSource} to the runtime (listed in META-INF/services). */
public final class ConfluenceDataSourceDescriptor extends DataSourceDescriptor {
    public ConfluenceDataSourceDescriptor() {
        super(ConnectorApi.VERSION, "confluence", "Confluence", ConfluenceDataSource.class, ConfluenceDataSource.configSchema(),
                ConfluenceDataSource::new);
    }
}
