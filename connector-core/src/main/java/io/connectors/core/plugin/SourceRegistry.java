package io.connectors.core.plugin;

import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.DataSourceDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data sources named in config.yml's {@code sources:} (service type -> fully-qualified class name), found through
 * their {@link DataSourceDescriptor} on the class path or in a plugin. Loaded on first use, so a config that names a
 * source whose plugin is absent or broken fails only when a connector of that type needs it, with a message saying
 * why; connectors of other types are not affected.
 */
public final class SourceRegistry implements AutoCloseable {

    private final Map<String, String> classNames;
    private final Plugins plugins;
    private final boolean ownsPlugins;
    private final Map<String, LoadedSource> loaded = new ConcurrentHashMap<>();

    private SourceRegistry(Map<String, String> classNames, Plugins plugins, boolean ownsPlugins) {
        this.classNames = new TreeMap<>(classNames);
        this.plugins = plugins;
        this.ownsPlugins = ownsPlugins;
    }

    /** A registry over {@code plugins}, which the caller keeps and closes. */
    public static SourceRegistry of(Map<String, String> sources, Plugins plugins) {
        return new SourceRegistry(sources, plugins, false);
    }

    /** A registry with its own view of {@code pluginsDir} (may be absent: then only the class path is used). */
    public static SourceRegistry create(Map<String, String> sources, Path pluginsDir) {
        return new SourceRegistry(sources, Plugins.open(pluginsDir), true);
    }

    /** Service types named in the configuration, sorted. */
    public List<String> serviceTypes() {
        return List.copyOf(classNames.keySet());
    }

    public boolean has(String serviceType) {
        return classNames.containsKey(serviceType);
    }

    public String className(String serviceType) {
        String name = classNames.get(serviceType);
        if (name == null) {
            throw unknown(serviceType);
        }
        return name;
    }

    public Plugins plugins() {
        return plugins;
    }

    public List<Path> pluginJars() {
        return plugins.jars();
    }

    /** The checked source of a service type, loading it on first use. */
    public LoadedSource get(String serviceType) {
        return loaded.computeIfAbsent(serviceType, this::load);
    }

    /** Resolves the configuration and constructs a source of {@code serviceType}. */
    public DataSource create(String serviceType, Map<String, ?> rawConfiguration, DataSourceContext context) {
        return get(serviceType).create(rawConfiguration, context);
    }

    private LoadedSource load(String serviceType) {
        String className = className(serviceType);
        Plugins.Found<DataSourceDescriptor> found = plugins.find(DataSourceDescriptor.class,
                DataSourceDescriptor::sourceClass, DataSourceDescriptor::apiVersion, className,
                "source '" + serviceType + "' (class " + className + ")", DataSource.class);
        return new LoadedSource(serviceType, found.descriptor(), found.origin());
    }

    private PluginLoadingException unknown(String serviceType) {
        return new PluginLoadingException("unknown service type '" + serviceType + "': config.yml sources: names "
                + classNames.keySet() + "; add '" + serviceType + ": <fully-qualified class name>' under sources:");
    }

    @Override
    public void close() {
        if (ownsPlugins) {
            plugins.close();
        }
    }
}
