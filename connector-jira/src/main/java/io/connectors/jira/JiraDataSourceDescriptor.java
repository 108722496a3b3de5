package io.connectors.jira;

import io.connectors.api.ConnectorApi;
import io.connectors.api.source.DataSourceDescriptor;

/** Describes {@link JiraDataSource} to the runtime (listed in META-INF/services). */
public final class JiraDataSourceDescriptor extends DataSourceDescriptor {
    public JiraDataSourceDescriptor() {
        super(ConnectorApi.VERSION, "jira", "Jira", JiraDataSource.class, JiraDataSource.configSchema(), JiraDataSource::new);
    }
}
