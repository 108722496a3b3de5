package io.connectors.core.cli;

import io.connectors.api.ConnectorApi;
import io.connectors.api.source.DataSourceDescriptor;

/** Describes {@link SecretiveSource} to the runtime (listed in META-INF/services). */
public final class SecretiveSourceDescriptor extends DataSourceDescriptor {
    public SecretiveSourceDescriptor() {
        super(ConnectorApi.VERSION, "secretive", "Secretive test source", SecretiveSource.class, SecretiveSource.configSchema(), SecretiveSource::new);
    }
}
