package io.connectors.core.plugin;

import io.connectors.core.testing.PluginJarBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Plugins built at test time the way third parties build them, for {@link PluginIsolationIT}: two that bundle
 * different versions of one library, and the usual ways a plugin is broken (a throwing constructor, a dependency left
 * out of the jar, a build against another API major).
 */
final class IsolationPlugins {

    /** Bundles {@code com.example.shared.Greeting} 1 inside its jar. */
    static final String GREETER_ONE = "com.example.one.GreeterSource";
    /** A folder: its own jar next to {@code lib/greeting-2.jar}. */
    static final String GREETER_TWO = "com.example.two.GreeterSource";
    static final String THROWING = "com.example.broken.ThrowingSource";
    /** Its descriptor builds the schema with a class that is not in the jar: the ServiceLoader provider fails. */
    static final String UNLINKED = "com.example.half.UnlinkedSource";
    /** Loads and pings, then needs a class that is not in the jar once its documents stream. */
    static final String LAZY = "com.example.half.LazySource";
    /** A healthy source in the same jar as the two above. */
    static final String SIBLING = "com.example.half.SiblingSource";
    /** Compiled against a connector-api whose VERSION is 2.0. */
    static final String API_TWO = "com.example.future.ApiTwoSource";

    static final String THROWING_REASON = "the endpoint must use https, got http://wiki.example";
    static final String MISSING_CLASS = "com.example.helper.Labels";
    static final String FUTURE_API = "2.0";

    private static final String SERVICES = "META-INF/services/io.connectors.api.source.DataSourceDescriptor";

    private static final String IMPORTS = """
            import io.connectors.api.ConnectorApi;
            import io.connectors.api.config.*;
            import io.connectors.api.source.*;
            import java.util.Map;
            import reactor.core.publisher.Flux;
            import reactor.core.publisher.Mono;
            """;

    private IsolationPlugins() {}

    /** Writes {@code greeter-one.jar} and the folder {@code greeter-two/} into {@code pluginsDir}. */
    static void buildGreeters(Path pluginsDir) {
        String classPath = System.getProperty("java.class.path");
        PluginJarBuilder.build(Map.of(GREETER_ONE, greeter("one"), "com.example.shared.Greeting", greeting("1")),
                Map.of(SERVICES, GREETER_ONE + "$Descriptor\n"), classPath, pluginsDir.resolve("greeter-one.jar"));

        Path folder = pluginsDir.resolve("greeter-two");
        Path library = PluginJarBuilder.build(Map.of("com.example.shared.Greeting", greeting("2")),
                folder.resolve("lib/greeting-2.jar"));
        PluginJarBuilder.build(Map.of(GREETER_TWO, greeter("two")), Map.of(SERVICES, GREETER_TWO + "$Descriptor\n"),
                classPath + File.pathSeparator + library, folder.resolve("greeter-two.jar"));
    }

    /** Writes {@code broken.jar}, {@code half-built.jar} and {@code future-api.jar} into {@code pluginsDir}. */
    static void buildBroken(Path pluginsDir, Path work) {
        String classPath = System.getProperty("java.class.path");
        PluginJarBuilder.build(Map.of(THROWING, "package com.example.broken;\n" + IMPORTS + """
                        public final class ThrowingSource extends DataSource {
                            public ThrowingSource(SourceConfiguration c, DataSourceContext x) {
                                super(c, x);
                                throw new IllegalStateException("%s");
                            }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) { return Flux.empty(); }
                            public static final class Descriptor extends DataSourceDescriptor {
                                public Descriptor() {
                                    super(ConnectorApi.VERSION, "throwing", "Throwing", ThrowingSource.class,
                                            ConfigSchema.of(), ThrowingSource::new);
                                }
                            }
                        }
                        """.formatted(THROWING_REASON)),
                Map.of(SERVICES, THROWING + "$Descriptor\n"), classPath, pluginsDir.resolve("broken.jar"));

        // compiled against the helper library, which then stays out of the jar, as a forgotten dependency does
        Path helper = PluginJarBuilder.build(Map.of(MISSING_CLASS, """
                package com.example.helper;
                import io.connectors.api.config.*;
                public final class Labels {
                    public static ConfigSchema schema() { return ConfigSchema.of(); }
                    public static String label(int i) { return "label " + i; }
                }
                """), work.resolve("helper/labels.jar"));
        PluginJarBuilder.build(Map.of(
                        UNLINKED, "package com.example.half;\n" + IMPORTS + """
                                public final class UnlinkedSource extends DataSource {
                                    public UnlinkedSource(SourceConfiguration c, DataSourceContext x) { super(c, x); }
                                    @Override public Mono<Void> ping() { return Mono.empty(); }
                                    @Override public Flux<SourceDocument> docs(Filtering filtering) { return Flux.empty(); }
                                    public static final class Descriptor extends DataSourceDescriptor {
                                        public Descriptor() {
                                            super(ConnectorApi.VERSION, "unlinked", "Unlinked", UnlinkedSource.class,
                                                    com.example.helper.Labels.schema(), UnlinkedSource::new);
                                        }
                                    }
                                }
                                """,
                        LAZY, "package com.example.half;\n" + IMPORTS + """
                                public final class LazySource extends DataSource {
                                    public LazySource(SourceConfiguration c, DataSourceContext x) { super(c, x); }
                                    @Override public Mono<Void> ping() { return Mono.empty(); }
                                    @Override public Flux<SourceDocument> docs(Filtering filtering) {
                                        return Flux.range(0, 3).map(i -> SourceDocument.of("lazy-" + i, "r1",
                                                Map.of("title", com.example.helper.Labels.label(i))));
                                    }
                                    public static final class Descriptor extends DataSourceDescriptor {
                                        public Descriptor() {
                                            super(ConnectorApi.VERSION, "lazy", "Lazy", LazySource.class, ConfigSchema.of(),
                                                    LazySource::new);
                                        }
                                    }
                                }
                                """,
                        SIBLING, "package com.example.half;\n" + IMPORTS + """
                                public final class SiblingSource extends DataSource {
                                    public SiblingSource(SourceConfiguration c, DataSourceContext x) { super(c, x); }
                                    @Override public Mono<Void> ping() { return Mono.empty(); }
                                    @Override public Flux<SourceDocument> docs(Filtering filtering) {
                                        return Flux.range(0, 4).map(i -> SourceDocument.of("sibling-" + i, "r1",
                                                Map.of("title", "sibling document " + i)));
                                    }
                                    public static final class Descriptor extends DataSourceDescriptor {
                                        public Descriptor() {
                                            super(ConnectorApi.VERSION, "sibling", "Sibling", SiblingSource.class,
                                                    ConfigSchema.of(), SiblingSource::new);
                                        }
                                    }
                                }
                                """),
                // the broken provider first: the ones after it must still load
                Map.of(SERVICES, UNLINKED + "$Descriptor\n" + LAZY + "$Descriptor\n" + SIBLING + "$Descriptor\n"),
                classPath + File.pathSeparator + helper, pluginsDir.resolve("half-built.jar"));

        // A fake ConnectorApi of the same shape, first on the class path: javac inlines its VERSION into the
        // descriptor, exactly as a build against a real connector-api 2.0 jar would. Only the plugin's classes are packed.
        Path futureApi = PluginJarBuilder.build(Map.of("io.connectors.api.ConnectorApi", """
                package io.connectors.api;
                public final class ConnectorApi {
                    public static final String VERSION = "%s";
                    private ConnectorApi() {}
                    public static int major(String version) { return 2; }
                    public static int minor(String version) { return 0; }
                    public static @org.jspecify.annotations.Nullable String incompatibility(String pluginVersion) { return null; }
                }
                """.formatted(FUTURE_API)), work.resolve("future-api/connector-api-2.0.jar"));
        PluginJarBuilder.build(Map.of(API_TWO, "package com.example.future;\n" + IMPORTS + """
                        public final class ApiTwoSource extends DataSource {
                            public ApiTwoSource(SourceConfiguration c, DataSourceContext x) { super(c, x); }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) { return Flux.empty(); }
                            public static final class Descriptor extends DataSourceDescriptor {
                                public Descriptor() {
                                    super(ConnectorApi.VERSION, "api_two", "API 2", ApiTwoSource.class, ConfigSchema.of(),
                                            ApiTwoSource::new);
                                }
                            }
                        }
                        """),
                Map.of(SERVICES, API_TWO + "$Descriptor\n"),
                futureApi + File.pathSeparator + classPath, pluginsDir.resolve("future-api.jar"));
    }

    /** Whether {@code jar} holds an entry named {@code entry} (to show what a build left out). */
    static boolean contains(Path jar, String entry) {
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry(entry) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String greeting(String version) {
        return """
                package com.example.shared;
                public final class Greeting {
                    public static String version() { return "%s"; }
                    public static String text() { return "hello from greeting " + version(); }
                }
                """.formatted(version);
    }

    private static String greeter(String name) {
        return "package com.example." + name + ";\n" + IMPORTS + """
                import com.example.shared.Greeting;
                public final class GreeterSource extends DataSource {
                    static final ConfigSchema SCHEMA =
                            ConfigSchema.of(ConfigField.integer("count").label("Documents").defaultValue(3).build());
                    public GreeterSource(SourceConfiguration configuration, DataSourceContext context) {
                        super(configuration, context);
                    }
                    @Override public Mono<Void> ping() { return Mono.empty(); }
                    @Override public Flux<SourceDocument> docs(Filtering filtering) {
                        return Flux.range(0, configuration().getInt("count"))
                                .map(i -> SourceDocument.of("%1$s-" + i, "r1", Map.of(
                                        "greeting", Greeting.text(),
                                        "library_version", Greeting.version(),
                                        "library_loader", String.valueOf(Greeting.class.getClassLoader().getName()))));
                    }
                    public static final class Descriptor extends DataSourceDescriptor {
                        public Descriptor() {
                            super(ConnectorApi.VERSION, "greeter_%1$s", "Greeter %1$s", GreeterSource.class, SCHEMA,
                                    GreeterSource::new);
                        }
                    }
                }
                """.formatted(name);
    }
}
