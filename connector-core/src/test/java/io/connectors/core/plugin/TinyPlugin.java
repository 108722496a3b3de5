package io.connectors.core.plugin;

import io.connectors.core.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.Map;

/** A third-party plugin built at test time: one good source and the usual mistakes, in one jar. */
final class TinyPlugin {

    static final String GOOD = "com.example.tiny.TinySource";
    static final String NOT_A_SOURCE = "com.example.tiny.NotASource";
    static final String NO_DESCRIPTOR = "com.example.tiny.NoDescriptorSource";
    static final String THROWING = "com.example.tiny.ThrowingSource";
    static final String NEWER_API = "com.example.tiny.NewerApiSource";

    private static final String IMPORTS = """
            package com.example.tiny;
            import io.connectors.api.ConnectorApi;
            import io.connectors.api.config.*;
            import io.connectors.api.source.*;
            import java.util.Map;
            import reactor.core.publisher.Flux;
            import reactor.core.publisher.Mono;
            """;

    private TinyPlugin() {}

    static Path buildInto(Path pluginsDir) {
        return PluginJarBuilder.build(Map.of(
                GOOD, IMPORTS + """
                        public final class TinySource extends DataSource {
                            static final ConfigSchema SCHEMA =
                                    ConfigSchema.of(ConfigField.integer("count").label("How many documents").defaultValue(3).build());
                            public TinySource(SourceConfiguration configuration, DataSourceContext context) {
                                super(configuration, context);
                            }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) {
                                return Flux.range(0, configuration().getInt("count"))
                                        .map(i -> SourceDocument.of("tiny-" + i, "t1", Map.of("title", "tiny document " + i)));
                            }
                            public static final class Descriptor extends DataSourceDescriptor {
                                public Descriptor() {
                                    super(ConnectorApi.VERSION, "tiny", "Tiny", TinySource.class, SCHEMA, TinySource::new);
                                }
                            }
                        }
                        """,
                NOT_A_SOURCE, IMPORTS + "public final class NotASource {}\n",
                NO_DESCRIPTOR, IMPORTS + """
                        public final class NoDescriptorSource extends DataSource {
                            public NoDescriptorSource(SourceConfiguration c, DataSourceContext x) { super(c, x); }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) { return Flux.empty(); }
                        }
                        """,
                THROWING, IMPORTS + """
                        public final class ThrowingSource extends DataSource {
                            public ThrowingSource(SourceConfiguration c, DataSourceContext x) {
                                super(c, x);
                                throw new IllegalArgumentException("the url must end with /rest");
                            }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) { return Flux.empty(); }
                            public static final class Descriptor extends DataSourceDescriptor {
                                public Descriptor() {
                                    super(ConnectorApi.VERSION, "throwing", "Throwing", ThrowingSource.class, ConfigSchema.of(),
                                            ThrowingSource::new);
                                }
                            }
                        }
                        """,
                NEWER_API, IMPORTS + """
                        public final class NewerApiSource extends DataSource {
                            public NewerApiSource(SourceConfiguration c, DataSourceContext x) { super(c, x); }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) { return Flux.empty(); }
                            public static final class Descriptor extends DataSourceDescriptor {
                                public Descriptor() {
                                    super("1.99", "newer", "Newer", NewerApiSource.class, ConfigSchema.of(), NewerApiSource::new);
                                }
                            }
                        }
                        """),
                Map.of("META-INF/services/io.connectors.api.source.DataSourceDescriptor", """
                        com.example.tiny.TinySource$Descriptor
                        com.example.tiny.ThrowingSource$Descriptor
                        com.example.tiny.NewerApiSource$Descriptor
                        """),
                System.getProperty("java.class.path"),
                pluginsDir.resolve("tiny-source.jar"));
    }
}
