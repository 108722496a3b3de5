package io.connectors.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parent of every plugin's class loader: the JDK (through the platform class loader) plus, from the runtime, only
 * the packages a plugin may share with it: the connector API, Reactor (and Reactive Streams), SLF4J and JSpecify.
 * Everything else of the runtime (Jackson, Netty, Tika, the Elasticsearch client) is invisible, so a plugin brings
 * its own versions of the libraries it uses, and two plugins may bring different ones. Resources of the runtime are
 * hidden too, so {@link java.util.ServiceLoader} on a plugin's loader finds only the plugin's own descriptors.
 *
 * <p>Written by hand: a class-loader filter is a few lines, and no library of the field offers one without bringing
 * a whole module system (Kafka Connect's {@code PluginClassLoader} is the same idea).
 */
final class ApiOnlyClassLoader extends ClassLoader {

    /** Package prefixes a plugin shares with the runtime. */
    static final List<String> SHARED_PACKAGES = List.of(
            "io.connectors.api.", "reactor.", "org.reactivestreams.", "org.slf4j.", "org.jspecify.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtime;

    ApiOnlyClassLoader(ClassLoader runtime) {
        super("connector-api", ClassLoader.getPlatformClassLoader());
        this.runtime = runtime;
    }

    static boolean shared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return runtime.loadClass(name);
        }
        return super.loadClass(name, resolve); // the platform loader, then findClass, which finds nothing
    }

    @Override
    public @Nullable URL getResource(String name) {
        return getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return getParent() == null ? Collections.emptyEnumeration() : getParent().getResources(name);
    }
}
