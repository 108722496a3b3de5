package io.connectors.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.api.sink.SinkDescriptor;
import io.connectors.core.sink.elasticsearch.ElasticsearchSink;
import io.connectors.core.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sinks are found by class name through their descriptors, on the class path and in plugins, like sources. */
class SinkRegistryTest {

    private static final String COUNTING_SINK = "com.example.sink.CountingSink";

    @TempDir
    static Path pluginsDir;

    private static Plugins plugins;
    private static SinkRegistry registry;

    @BeforeAll
    static void buildPlugin() {
        PluginJarBuilder.build(Map.of(COUNTING_SINK, """
                        package com.example.sink;
                        import io.connectors.api.ConnectorApi;
                        import io.connectors.api.config.ConfigSchema;
                        import io.connectors.api.sink.*;
                        import reactor.core.publisher.Flux;
                        import reactor.core.publisher.Mono;
                        public final class CountingSink implements Sink {
                            @Override public String describe() { return "counting sink"; }
                            @Override public Mono<ExistingIds> existing() { return Mono.just(ExistingIds.empty()); }
                            @Override public Flux<WriteResult> write(Flux<SinkOperation> operations) {
                                return operations.map(operation -> WriteResult.ok(operation, 1));
                            }
                            public static final class Descriptor extends SinkDescriptor {
                                public Descriptor() {
                                    // what a build against connector-api 1.0 inlined: such plugins must still load on 1.1
                                    super("1.0", "counting", CountingSink.class, ConfigSchema.of(), context -> new CountingSink());
                                }
                            }
                        }
                        """),
                Map.of("META-INF/services/io.connectors.api.sink.SinkDescriptor", "com.example.sink.CountingSink$Descriptor\n"),
                System.getProperty("java.class.path"), pluginsDir.resolve("counting-sink.jar"));
        plugins = Plugins.open(pluginsDir);
        registry = new SinkRegistry(Map.of(
                "elasticsearch", ElasticsearchSink.class.getName(),
                "counting", COUNTING_SINK,
                "missing", "com.example.nowhere.MissingSink"), plugins);
    }

    @AfterAll
    static void close() {
        plugins.close();
    }

    @Test
    void get_builtInElasticsearchSink_isFoundOnTheClassPath() {
        SinkDescriptor descriptor = registry.get("elasticsearch");

        assertThat(descriptor.sinkClass()).isEqualTo(ElasticsearchSink.class);
        assertThat(descriptor.name()).isEqualTo("elasticsearch");
    }

    @Test
    void get_sinkInAPluginJar_isLoadedInItsOwnClassLoader() {
        SinkDescriptor descriptor = registry.get("counting");

        assertThat(descriptor.sinkClass().getName()).isEqualTo(COUNTING_SINK);
        assertThat(descriptor.sinkClass().getClassLoader()).isNotSameAs(SinkRegistryTest.class.getClassLoader());
    }

    @Test
    void get_sinkBuiltAgainstApiOneZero_loadsAndWantsNoOriginals() throws Exception {
        SinkDescriptor descriptor = registry.get("counting");

        assertThat(descriptor.apiVersion()).isEqualTo("1.0");
        assertThat(io.connectors.api.ConnectorApi.VERSION).isEqualTo("1.1");
        io.connectors.api.sink.Sink sink = (io.connectors.api.sink.Sink) descriptor.sinkClass().getConstructor().newInstance();
        assertThat(sink.wantsOriginals()).isFalse();
    }

    @Test
    void get_unknownOrMissingSink_saysWhatIsKnownAndWhereItLooked() {
        assertThatThrownBy(() -> registry.get("qbusiness"))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageContaining("unknown sink 'qbusiness'").hasMessageContaining("counting");
        assertThatThrownBy(() -> registry.get("missing"))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageContaining("com.example.nowhere.MissingSink").hasMessageContaining("not found");
    }
}
