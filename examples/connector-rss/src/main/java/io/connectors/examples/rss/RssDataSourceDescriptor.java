package io.connectors.examples.rss;

import io.connectors.api.ConnectorApi;
import io.connectors.api.source.DataSourceDescriptor;

/**
 * Tells the runtime about {@link RssDataSource}. Listed in
 * {@code META-INF/services/io.connectors.api.source.DataSourceDescriptor}, where {@link java.util.ServiceLoader} finds it.
 */
public final class RssDataSourceDescriptor extends DataSourceDescriptor {
    public RssDataSourceDescriptor() {
        super(ConnectorApi.VERSION, "rss", "RSS and Atom feeds", RssDataSource.class, RssDataSource.SCHEMA,
                RssDataSource::new);
    }
}
