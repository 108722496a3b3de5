package io.connectors.api.source;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import java.util.Objects;

/**
 * Describes a source to the runtime: its service type, its configuration schema, the API version it was built
 * against, and how to construct it. Found through {@link java.util.ServiceLoader}: a plugin lists its descriptor class
 * in {@code META-INF/services/io.connectors.api.source.DataSourceDescriptor}. config.yml's {@code sources:} names the
 * source class ({@code service_type: fully.qualified.SourceClass}); the runtime picks the descriptor whose
 * {@link #sourceClass()} has that name.
 *
 * <p>A subclass is a public class with a public no-argument constructor that passes everything to this one:
 * <pre>{@code
 * public final class RssSourceDescriptor extends DataSourceDescriptor {
 *     public RssSourceDescriptor() {
 *         super(ConnectorApi.VERSION, "rss", "RSS and Atom feeds", RssDataSource.class, RssDataSource.SCHEMA,
 *                 RssDataSource::new);
 *     }
 * }
 * }</pre>
 * Everything is checked by the compiler: the class, the schema's type, the constructor's signature.
 */
public abstract class DataSourceDescriptor {

    /** How the runtime constructs a source: usually the source's constructor reference. */
    @FunctionalInterface
    public interface Factory {
        /**
         * Constructs a source. Only reads configuration, no I/O: an exception thrown here is reported as a problem of
         * the connector's configuration.
         */
        DataSource create(SourceConfiguration configuration, DataSourceContext context);
    }

    private final String apiVersion;
    private final String serviceType;
    private final String displayName;
    private final Class<? extends DataSource> sourceClass;
    private final ConfigSchema configSchema;
    private final Factory factory;

    /**
     * @param apiVersion  always {@link io.connectors.api.ConnectorApi#VERSION}: inlined at compile time, it records the
     *                    API version this source was built against
     * @param serviceType the service type config.yml's {@code sources:} usually maps to this source, e.g. {@code jira}
     * @param displayName a human name, e.g. {@code Jira}
     * @param sourceClass the class config.yml names
     * @param configSchema the configuration keys, written into the connector document and validated before construction
     * @param factory     constructs the source, e.g. {@code JiraDataSource::new}
     */
    protected DataSourceDescriptor(String apiVersion, String serviceType, String displayName,
                                   Class<? extends DataSource> sourceClass, ConfigSchema configSchema, Factory factory) {
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
        this.serviceType = Objects.requireNonNull(serviceType, "serviceType");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.sourceClass = Objects.requireNonNull(sourceClass, "sourceClass");
        this.configSchema = Objects.requireNonNull(configSchema, "configSchema");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public final String apiVersion() {
        return apiVersion;
    }

    public final String serviceType() {
        return serviceType;
    }

    public final String displayName() {
        return displayName;
    }

    public final Class<? extends DataSource> sourceClass() {
        return sourceClass;
    }

    public final ConfigSchema configSchema() {
        return configSchema;
    }

    public final DataSource create(SourceConfiguration configuration, DataSourceContext context) {
        return factory.create(configuration, context);
    }

    @Override
    public String toString() {
        return "source '" + serviceType + "' (" + sourceClass.getName() + ", connector-api " + apiVersion + ")";
    }
}
