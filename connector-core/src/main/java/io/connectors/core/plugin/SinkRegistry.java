package io.connectors.core.plugin;

import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkDescriptor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sinks named in config.yml's {@code sinks:} (name -> fully-qualified class name), found through their
 * {@link SinkDescriptor} on the class path or in a plugin, exactly as {@link SourceRegistry} finds sources.
 */
public final class SinkRegistry {

    private final Map<String, String> classNames;
    private final Plugins plugins;
    private final Map<String, Plugins.Found<SinkDescriptor>> loaded = new ConcurrentHashMap<>();

    public SinkRegistry(Map<String, String> sinks, Plugins plugins) {
        this.classNames = new TreeMap<>(sinks);
        this.plugins = plugins;
    }

    /** Sink names of the configuration, sorted. */
    public List<String> names() {
        return List.copyOf(classNames.keySet());
    }

    /** The descriptor of sink {@code name}, loading it on first use. */
    public SinkDescriptor get(String name) {
        return loaded.computeIfAbsent(name, this::load).descriptor();
    }

    private Plugins.Found<SinkDescriptor> load(String name) {
        String className = classNames.get(name);
        if (className == null) {
            throw new PluginLoadingException("unknown sink '" + name + "': config.yml sinks: names " + classNames.keySet()
                    + "; add '" + name + ": <fully-qualified class name>' under sinks:");
        }
        return plugins.find(SinkDescriptor.class, SinkDescriptor::sinkClass, SinkDescriptor::apiVersion, className,
                "sink '" + name + "' (class " + className + ")", Sink.class);
    }
}
