package io.connectors.ftest.dev;

import io.connectors.api.ConnectorApi;
import io.connectors.api.source.DataSourceDescriptor;

/** Describes {@link DemoDataSource} to the runtime (listed in META-INF/services). */
public final class DemoDataSourceDescriptor extends DataSourceDescriptor {
    public DemoDataSourceDescriptor() {
        super(ConnectorApi.VERSION, "demo", "Demo articles", DemoDataSource.class, DemoDataSource.configSchema(), DemoDataSource::new);
    }
}
