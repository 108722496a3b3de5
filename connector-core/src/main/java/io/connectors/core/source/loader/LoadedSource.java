package io.connectors.core.source.loader;

import io.connectors.core.source.ConfigSchema;
import io.connectors.core.source.ConfigurationProblemsException;
import io.connectors.core.source.DataSource;
import io.connectors.core.source.DataSourceContext;
import io.connectors.core.source.SourceConfiguration;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/** A data source class found and checked: its service type, class and declared configuration schema. */
public record LoadedSource(String serviceType, Class<? extends DataSource> type, ConfigSchema schema,
                           Constructor<? extends DataSource> constructor) {

    /**
     * Resolves {@code rawConfiguration} against the schema (every problem at once, as a
     * {@link ConfigurationProblemsException}) and constructs the source.
     */
    public DataSource create(Map<String, ?> rawConfiguration, DataSourceContext context) {
        SourceConfiguration configuration = schema.resolve(rawConfiguration);
        try {
            return constructor.newInstance(configuration, context);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new SourceLoadingException("source '" + serviceType + "' (" + type.getName()
                    + ") rejected its configuration: " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SourceLoadingException("source '" + serviceType + "' (" + type.getName()
                    + ") could not be constructed: " + e, e);
        }
    }
}
