package io.connectors.api.sink;

import io.connectors.api.config.ConfigSchema;
import java.util.Objects;

/**
 * Describes a sink to the runtime, as {@link io.connectors.api.source.DataSourceDescriptor} does a source: found
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/io.connectors.api.sink.SinkDescriptor}), picked by
 * the class name config.yml's {@code sinks:} map gives ({@code name: fully.qualified.SinkClass}).
 */
public abstract class SinkDescriptor {

    /** How the runtime constructs a sink for one connector. */
    @FunctionalInterface
    public interface Factory {
        Sink create(SinkContext context);
    }

    private final String apiVersion;
    private final String name;
    private final Class<? extends Sink> sinkClass;
    private final ConfigSchema configSchema;
    private final Factory factory;

    /**
     * @param apiVersion   always {@link io.connectors.api.ConnectorApi#VERSION} (inlined at compile time)
     * @param name         the name config.yml's {@code sinks:} usually gives it, e.g. {@code qbusiness}
     * @param sinkClass    the class config.yml names
     * @param configSchema the keys of the sink's block under a connector's entry (empty when it has none)
     * @param factory      constructs the sink
     */
    protected SinkDescriptor(String apiVersion, String name, Class<? extends Sink> sinkClass, ConfigSchema configSchema,
                             Factory factory) {
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
        this.name = Objects.requireNonNull(name, "name");
        this.sinkClass = Objects.requireNonNull(sinkClass, "sinkClass");
        this.configSchema = Objects.requireNonNull(configSchema, "configSchema");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public final String apiVersion() {
        return apiVersion;
    }

    public final String name() {
        return name;
    }

    public final Class<? extends Sink> sinkClass() {
        return sinkClass;
    }

    public final ConfigSchema configSchema() {
        return configSchema;
    }

    public final Sink create(SinkContext context) {
        return factory.create(context);
    }

    /**
     * The sink's operator commands for one connector (checks, its own state), when it has any; none by default.
     * The caller closes what it gets.
     */
    public java.util.Optional<SinkAdmin> admin(SinkContext context) {
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return "sink '" + name + "' (" + sinkClass.getName() + ", connector-api " + apiVersion + ")";
    }
}
