package io.connectors.core.testing;

import io.connectors.api.ConnectorApi;
import io.connectors.api.source.DataSourceDescriptor;

/** Describes {@link GeneratedArticlesSource} to the runtime (listed in META-INF/services). */
public final class GeneratedArticlesSourceDescriptor extends DataSourceDescriptor {
    public GeneratedArticlesSourceDescriptor() {
        super(ConnectorApi.VERSION, "generated", "Generated test articles", GeneratedArticlesSource.class,
                GeneratedArticlesSource.configSchema(), GeneratedArticlesSource::new);
    }
}
