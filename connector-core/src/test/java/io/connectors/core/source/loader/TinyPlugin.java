package io.connectors.core.source.loader;

import io.connectors.core.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.Map;

/** A third-party plugin built at test time: one good source and the usual mistakes, in one jar. */
final class TinyPlugin {

    static final String GOOD = "com.example.tiny.TinySource";
    static final String NOT_A_SOURCE = "com.example.tiny.NotASource";
    static final String NO_SCHEMA = "com.example.tiny.NoSchemaSource";
    static final String NO_CONSTRUCTOR = "com.example.tiny.NoConstructorSource";
    static final String THROWING = "com.example.tiny.ThrowingSource";
    static final String ABSTRACT = "com.example.tiny.AbstractSource";

    private static final String IMPORTS = """
            package com.example.tiny;
            import io.connectors.core.source.*;
            import java.util.Map;
            import reactor.core.publisher.Flux;
            import reactor.core.publisher.Mono;
            """;

    private TinyPlugin() {}

    static Path buildInto(Path pluginsDir) {
        return PluginJarBuilder.build(Map.of(
                GOOD, IMPORTS + """
                        public final class TinySource extends DataSource {
                            public TinySource(SourceConfiguration configuration, DataSourceContext context) {
                                super(configuration, context);
                            }
                            public static ConfigSchema configSchema() {
                                return ConfigSchema.of(ConfigField.integer("count").label("How many documents").defaultValue(3).build());
                            }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) {
                                return Flux.range(0, configuration().getInt("count"))
                                        .map(i -> SourceDocument.of("tiny-" + i, "t1", Map.of("title", "tiny document " + i)));
                            }
                        }
                        """,
                NOT_A_SOURCE, IMPORTS + "public final class NotASource {}\n",
                NO_SCHEMA, IMPORTS + """
                        public final class NoSchemaSource extends DataSource {
                            public NoSchemaSource(SourceConfiguration c, DataSourceContext x) { super(c, x); }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) { return Flux.empty(); }
                        }
                        """,
                NO_CONSTRUCTOR, IMPORTS + """
                        public final class NoConstructorSource extends DataSource {
                            public NoConstructorSource() { super(null, null); }
                            public static ConfigSchema configSchema() { return ConfigSchema.of(); }
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
                            public static ConfigSchema configSchema() { return ConfigSchema.of(); }
                            @Override public Mono<Void> ping() { return Mono.empty(); }
                            @Override public Flux<SourceDocument> docs(Filtering filtering) { return Flux.empty(); }
                        }
                        """,
                ABSTRACT, IMPORTS + """
                        public abstract class AbstractSource extends DataSource {
                            protected AbstractSource(SourceConfiguration c, DataSourceContext x) { super(c, x); }
                            public static ConfigSchema configSchema() { return ConfigSchema.of(); }
                        }
                        """),
                pluginsDir.resolve("tiny-source.jar"));
    }
}
