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
     * {@link ConfigurationProblemsException}) and constructs the source, behind a guard that turns what Reactor
     * would rethrow (a class missing from the plugin) into an error of this source ({@link GuardedSource}).
     */
    public DataSource create(Map<String, ?> rawConfiguration, DataSourceContext context) {
        SourceConfiguration configuration = schema().resolve(rawConfiguration);
        DataSource source;
        try {
            source = descriptor.create(configuration, context);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw new PluginLoadingException(this + " could not be constructed: " + Plugins.describe(e), e);
        }
        return new GuardedSource(source, toString(), configuration, context);
    }

    /** E.g. {@code source 'jira' (io.connectors.jira.JiraDataSource, class path)}. */
    @Override
    public String toString() {
        return "source '" + serviceType + "' (" + type().getName() + ", " + origin + ")";
    }
}
