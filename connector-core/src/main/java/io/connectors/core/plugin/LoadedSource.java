package io.connectors.core.plugin;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.ConfigurationProblemsException;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.DataSourceDescriptor;
import java.util.Map;

/**
 * A data source found and checked: its service type, its descriptor and where it came from ("class path" or
 * "plugin NAME").
 */
public record LoadedSource(String serviceType, DataSourceDescriptor descriptor, String origin) {

    public Class<? extends DataSource> type() {
        return descriptor.sourceClass();
    }

    public ConfigSchema schema() {
        return descriptor.configSchema();
    }

    /**
     * Resolves {@code rawConfiguration} against the schema (every problem at once, as a
     * {@link ConfigurationProblemsException}) and constructs the source.
     */
    public DataSource create(Map<String, ?> rawConfiguration, DataSourceContext context) {
        SourceConfiguration configuration = schema().resolve(rawConfiguration);
        try {
            return descriptor.create(configuration, context);
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLoadingException("source '" + serviceType + "' (" + type().getName() + ", " + origin
                    + ") could not be constructed: " + e, e);
        }
    }
}
