package io.connectors.core.source.loader;

import io.connectors.core.source.ConfigSchema;
import io.connectors.core.source.DataSource;
import io.connectors.core.source.DataSourceContext;
import io.connectors.core.source.SourceConfiguration;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data sources named in config.yml's {@code sources:} (service type -> fully-qualified class name), loaded from
 * the class path or from the jars in the plugins directory. Classes are loaded on first use, so a config that names a
 * source whose jar is absent fails only when a connector of that type needs it, with a message saying so.
 */
public final class SourceRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceRegistry.class);

    private final Map<String, String> classNames;
    private final ClassLoader classLoader;
    private final List<Path> pluginJars;
    private final Map<String, LoadedSource> loaded = new ConcurrentHashMap<>();

    private SourceRegistry(Map<String, String> classNames, ClassLoader classLoader, List<Path> pluginJars) {
        this.classNames = new TreeMap<>(classNames);
        this.classLoader = classLoader;
        this.pluginJars = List.copyOf(pluginJars);
    }

    /**
     * @param sources    service type -> class name
     * @param pluginsDir a directory of jars (may be absent: then only the class path is used)
     */
    public static SourceRegistry create(Map<String, String> sources, Path pluginsDir) {
        List<Path> jars = pluginJars(pluginsDir);
        ClassLoader parent = SourceRegistry.class.getClassLoader();
        ClassLoader loader = jars.isEmpty() ? parent : new URLClassLoader("plugins", toUrls(jars), parent);
        if (!jars.isEmpty()) {
            log.info("Plugins from {}: {}", pluginsDir, jars.stream().map(p -> p.getFileName().toString()).toList());
        }
        return new SourceRegistry(sources, loader, jars);
    }

    /** Service types named in the configuration, sorted. */
    public List<String> serviceTypes() {
        return List.copyOf(classNames.keySet());
    }

    public boolean has(String serviceType) {
        return classNames.containsKey(serviceType);
    }

    public List<Path> pluginJars() {
        return pluginJars;
    }

    /** The checked source class of a service type, loading it on first use. */
    public LoadedSource get(String serviceType) {
        return loaded.computeIfAbsent(serviceType, this::load);
    }

    /** Resolves the configuration and constructs a source of {@code serviceType}. */
    public DataSource create(String serviceType, Map<String, ?> rawConfiguration, DataSourceContext context) {
        return get(serviceType).create(rawConfiguration, context);
    }

    private LoadedSource load(String serviceType) {
        String className = classNames.get(serviceType);
        if (className == null) {
            throw new SourceLoadingException("unknown service type '" + serviceType + "': config.yml sources: names "
                    + classNames.keySet() + "; add '" + serviceType + ": <fully-qualified class name>' under sources:");
        }
        String where = "source '" + serviceType + "' (class " + className + ")";
        Class<?> raw;
        try {
            raw = Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new SourceLoadingException(where + ": class not found on the class path"
                    + (pluginJars.isEmpty() ? " (no jars in the plugins directory)" : " or in the plugin jars " + pluginJars)
                    + "; check the class name in config.yml sources:, or drop the source's jar into the plugins directory", e);
        } catch (LinkageError | RuntimeException e) {
            throw new SourceLoadingException(where + ": class could not be initialised: " + e, e);
        }
        if (!DataSource.class.isAssignableFrom(raw)) {
            throw new SourceLoadingException(where + ": does not extend " + DataSource.class.getName());
        }
        if (Modifier.isAbstract(raw.getModifiers())) {
            throw new SourceLoadingException(where + ": is abstract; name a concrete class");
        }
        Class<? extends DataSource> type = raw.asSubclass(DataSource.class);
        Constructor<? extends DataSource> constructor;
        try {
            constructor = type.getConstructor(SourceConfiguration.class, DataSourceContext.class);
        } catch (NoSuchMethodException e) {
            throw new SourceLoadingException(where + ": needs a public constructor (SourceConfiguration, DataSourceContext)", e);
        }
        return new LoadedSource(serviceType, type, schemaOf(type, where), constructor);
    }

    private static ConfigSchema schemaOf(Class<? extends DataSource> type, String where) {
        Method method;
        try {
            method = type.getMethod("configSchema");
        } catch (NoSuchMethodException e) {
            throw new SourceLoadingException(where + ": needs a 'public static ConfigSchema configSchema()' method", e);
        }
        if (!Modifier.isStatic(method.getModifiers()) || !ConfigSchema.class.equals(method.getReturnType())) {
            throw new SourceLoadingException(where + ": configSchema() must be 'public static ConfigSchema'");
        }
        try {
            Object schema = method.invoke(null);
            if (schema == null) {
                throw new SourceLoadingException(where + ": configSchema() returned null");
            }
            return (ConfigSchema) schema;
        } catch (InvocationTargetException e) {
            throw new SourceLoadingException(where + ": configSchema() failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new SourceLoadingException(where + ": configSchema() is not accessible: " + e.getMessage(), e);
        }
    }

    private static List<Path> pluginJars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new SourceLoadingException("cannot list the plugins directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static URL[] toUrls(List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new SourceLoadingException("plugin jar path " + jar + " is not a valid URL", e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Override
    public void close() {
        if (classLoader instanceof URLClassLoader urls) {
            try {
                urls.close();
            } catch (IOException e) {
                log.debug("closing the plugins class loader failed", e);
            }
        }
    }
}
