package io.connectors.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One plugin of the plugins directory: a jar, or a folder holding its jar and its dependencies (every {@code *.jar}
 * under it), loaded in a class loader of its own whose parent exposes only the API ({@link ApiOnlyClassLoader}).
 */
record Plugin(String name, Path location, List<Path> jars, URLClassLoader classLoader) implements AutoCloseable {

    static Plugin open(Path location, ClassLoader runtime) {
        List<Path> jars = Files.isDirectory(location) ? jarsUnder(location) : List.of(location);
        String name = location.getFileName().toString();
        URLClassLoader loader = new URLClassLoader("plugin " + name, toUrls(jars), new ApiOnlyClassLoader(runtime));
        return new Plugin(name, location, jars, loader);
    }

    private static List<Path> jarsUnder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(Plugin::isJar).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin folder " + folder, e);
        }
    }

    static boolean isJar(Path path) {
        return path.getFileName().toString().endsWith(".jar");
    }

    private static URL[] toUrls(List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new PluginLoadingException("plugin jar path " + jar + " is not a valid URL", e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Override
    public void close() {
        try {
            classLoader.close();
        } catch (IOException ignored) {
            // the jars were opened read-only; nothing is lost
        }
    }

    @Override
    public String toString() {
        return "plugin " + name;
    }
}
