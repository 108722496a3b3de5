package io.connectors.core.testing;

import io.connectors.api.ConnectorApi;
import io.connectors.api.source.DataSourceDescriptor;

/** Describes {@link InMemorySource} to the runtime (listed in META-INF/services). */
public final class InMemorySourceDescriptor extends DataSourceDescriptor {
    public InMemorySourceDescriptor() {
        super(ConnectorApi.VERSION, "memory", "In-memory test source", InMemorySource.class, InMemorySource.configSchema(), InMemorySource::new);
    }
}
