package io.connectors.core.plugin;

import io.connectors.api.ConnectorApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where sources and sinks come from: the runtime's own class path (the built-in ones) and each plugin of the plugins
 * directory, in its own class loader. Finds descriptors through {@link ServiceLoader} and checks the API version they
 * were built for. A plugin that fails to load affects only the service types that name its classes.
 */
public final class Plugins implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Plugins.class);

    private final ClassLoader runtime;
    private final Path directory;
    private final List<Plugin> plugins;

    private Plugins(ClassLoader runtime, Path directory, List<Plugin> plugins) {
        this.runtime = runtime;
        this.directory = directory;
        this.plugins = plugins;
    }

    /** The plugins of {@code directory} (each {@code *.jar} and each folder is one); an absent directory has none. */
    public static Plugins open(Path directory) {
        ClassLoader runtime = Plugins.class.getClassLoader();
        List<Plugin> plugins = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.sorted().toList()) {
                    if (Files.isDirectory(entry) || Plugin.isJar(entry)) {
                        plugins.add(Plugin.open(entry, runtime));
                    }
                }
            } catch (IOException e) {
                throw new PluginLoadingException("cannot list the plugins directory " + directory + ": " + e.getMessage(), e);
            }
        }
        if (!plugins.isEmpty()) {
            log.info("Plugins in {}: {}", directory, plugins.stream().map(Plugin::name).toList());
        }
        return new Plugins(runtime, directory, List.copyOf(plugins));
    }

    /** No plugins: the runtime's own class path only. */
    public static Plugins classPathOnly() {
        return new Plugins(Plugins.class.getClassLoader(), Path.of("plugins"), List.of());
    }

    public Path directory() {
        return directory;
    }

    /** The plugins' names (file or folder names), sorted. */
    public List<String> names() {
        return plugins.stream().map(Plugin::name).toList();
    }

    /** Every jar of every plugin. */
    public List<Path> jars() {
        return plugins.stream().flatMap(p -> p.jars().stream()).toList();
    }

    /** A descriptor found, with where it came from ("class path" or "plugin NAME"). */
    public record Found<D>(D descriptor, String origin) {}

    /**
     * The descriptor of type {@code service} whose described class is named {@code className}, from the class path
     * first, then from each plugin.
     *
     * @param classOf    the class a descriptor describes
     * @param apiVersion the API version a descriptor was built against
     * @param what       e.g. {@code source 'jira' (class com.acme.JiraSource)}, for messages
     * @param baseType   the type the named class must extend, e.g. {@code DataSource}
     */
    public <D> Found<D> find(Class<D> service, Function<D, Class<?>> classOf, Function<D, String> apiVersion,
                             String className, String what, Class<?> baseType) {
        List<LoadError> loadErrors = new ArrayList<>();
        Found<D> found = findIn(runtime, "class path", service, classOf, className, loadErrors);
        for (int i = 0; found == null && i < plugins.size(); i++) {
            Plugin plugin = plugins.get(i);
            found = findIn(plugin.classLoader(), plugin.toString(), service, classOf, className, loadErrors);
        }
        if (found != null) {
            // a broken descriptor elsewhere (even in the same plugin) does not concern this one
            String incompatibility = ConnectorApi.incompatibility(apiVersion.apply(found.descriptor()));
            if (incompatibility != null) {
                throw new PluginLoadingException(what + " in " + found.origin() + " cannot be used: " + incompatibility);
            }
            return found;
        }
        throw new PluginLoadingException(what + ": " + whyMissing(service, className, baseType, loadErrors));
    }

    /** Every descriptor of type {@code service} that loads, with its origin; problems are logged and skipped. */
    public <D> List<Found<D>> all(Class<D> service) {
        List<Found<D>> all = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        collect(runtime, "class path", service, d -> true, all, errors);
        for (Plugin plugin : plugins) {
            collect(plugin.classLoader(), plugin.toString(), service, d -> true, all, errors);
        }
        errors.forEach(error -> log.warn("{}", error));
        return all;
    }

    /** A descriptor that failed to load, and where. */
    private record LoadError(String origin, String service, String message) {
        @Override
        public String toString() {
            return origin + ": a " + service + " could not be loaded: " + message;
        }
    }

    private <D> @Nullable Found<D> findIn(ClassLoader loader, String origin, Class<D> service,
                                          Function<D, Class<?>> classOf, String className, List<LoadError> loadErrors) {
        List<Found<D>> matches = new ArrayList<>();
        collect(loader, origin, service, d -> classOf.apply(d).getName().equals(className), matches, loadErrors);
        return matches.isEmpty() ? null : matches.getFirst();
    }

    private <D> void collect(ClassLoader loader, String origin, Class<D> service, Predicate<D> wanted,
                             List<Found<D>> into, List<LoadError> errors) {
        var providers = ServiceLoader.load(service, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                D descriptor = providers.next();
                if (wanted.test(descriptor)) {
                    into.add(new Found<>(descriptor, origin));
                }
            } catch (ServiceConfigurationError | LinkageError | RuntimeException broken) {
                // the providers after a broken one still load: the iterator has moved past it
                String message = describe(broken);
                String prefix = service.getName() + ": "; // ServiceLoader's own prefix, said once already
                errors.add(new LoadError(origin, service.getSimpleName(),
                        message.startsWith(prefix) ? message.substring(prefix.length()) : message));
                if (broken instanceof ServiceConfigurationError && broken.getCause() == null) {
                    return; // the services file itself is unreadable: nothing more will come from this loader
                }
            }
        }
    }

    /**
     * A plugin's failure in one line: the error and its cause (a {@link ServiceConfigurationError} names the provider,
     * its cause says what went wrong), with a hint for a {@link LinkageError}.
     */
    static String describe(Throwable error) {
        Throwable cause = error.getCause();
        String text = error instanceof ServiceConfigurationError && cause != null
                ? error.getMessage() + ": " + cause : String.valueOf(error);
        Throwable root = cause != null ? cause : error;
        return text + (root instanceof LinkageError || error instanceof LinkageError
                ? " (a class it needs is missing from the plugin, or it was built against another version of a library"
                + " or of connector-api than this runtime's " + ConnectorApi.VERSION + ")" : "");
    }

    /** Says why no descriptor names {@code className}: absent class, wrong type, no descriptor, or a load error. */
    private String whyMissing(Class<?> service, String className, Class<?> baseType, List<LoadError> loadErrors) {
        String where = "class path" + (plugins.isEmpty() ? " (no plugins in " + directory + ")" : " or in " + names());
        String errors = loadErrors.isEmpty() ? ""
                : "; " + String.join("; ", loadErrors.stream().map(LoadError::toString).toList());
        List<String> places = new ArrayList<>();
        places.add("class path");
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(runtime);
        for (Plugin plugin : plugins) {
            places.add(plugin.toString());
            loaders.add(plugin.classLoader());
        }
        for (int i = 0; i < loaders.size(); i++) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loaders.get(i));
            } catch (ClassNotFoundException | LinkageError absent) {
                continue;
            }
            String place = places.get(i);
            if (!baseType.isAssignableFrom(type)) {
                return "class " + className + " (" + place + ") does not extend " + baseType.getName() + errors;
            }
            List<String> brokenHere = loadErrors.stream().filter(e -> e.origin().equals(place)).map(LoadError::message).toList();
            if (!brokenHere.isEmpty()) {
                // its descriptor is most likely among those that failed: say why they did, not that none is listed
                return "class " + className + " (" + place + ") has no " + service.getSimpleName() + " that loads: "
                        + String.join("; ", brokenHere);
            }
            return "class " + className + " (" + place + ") has no " + service.getSimpleName()
                    + " listed in META-INF/services/" + service.getName()
                    + "; add a descriptor (see docs/writing-a-connector.md)" + errors;
        }
        if (!loadErrors.isEmpty()) {
            return "class " + className + " could not be loaded" + errors;
        }
        return "class " + className + " not found on the " + where
                + "; check the class name in config.yml, or put the plugin's jar (or folder) into the plugins directory";
    }

    @Override
    public void close() {
        plugins.forEach(Plugin::close);
    }
}
