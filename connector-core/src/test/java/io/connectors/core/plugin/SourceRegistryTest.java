package io.connectors.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.api.config.ConfigurationProblemsException;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.testing.InMemorySource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading sources by class name, from the class path and from plugin jars, and every way it can go wrong. */
class SourceRegistryTest {

    @TempDir
    static Path pluginsDir;

    private static SourceRegistry registry;

    @BeforeAll
    static void buildPlugin() {
        TinyPlugin.buildInto(pluginsDir);
        registry = SourceRegistry.create(Map.of(
                "tiny", TinyPlugin.GOOD,
                "memory", InMemorySource.class.getName(),
                "not_a_source", TinyPlugin.NOT_A_SOURCE,
                "no_descriptor", TinyPlugin.NO_DESCRIPTOR,
                "throwing", TinyPlugin.THROWING,
                "newer", TinyPlugin.NEWER_API,
                "missing", "com.example.nowhere.MissingSource"), pluginsDir);
    }

    @Test
    void get_classInAPluginJar_isLoadedWithItsSchema() {
        LoadedSource tiny = registry.get("tiny");

        assertThat(tiny.type().getName()).isEqualTo(TinyPlugin.GOOD);
        assertThat(tiny.type().getClassLoader()).isNotSameAs(SourceRegistryTest.class.getClassLoader());
        assertThat(tiny.schema().field("count")).isPresent();
        assertThat(registry.pluginJars()).hasSize(1);
    }

    @Test
    void get_classOnTheClassPath_isLoaded() {
        assertThat(registry.get("memory").type()).isEqualTo(InMemorySource.class);
    }

    @Test
    void get_unknownServiceType_namesTheKnownOnes() {
        assertThatThrownBy(() -> registry.get("salesforce"))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageContaining("unknown service type 'salesforce'")
                .hasMessageContaining("tiny");
    }

    @Test
    void get_missingClass_namesServiceTypeClassAndWhereItLooked() {
        assertThatThrownBy(() -> registry.get("missing"))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageContaining("'missing'")
                .hasMessageContaining("com.example.nowhere.MissingSource")
                .hasMessageContaining("not found")
                .hasMessageContaining("plugins directory");
    }

    @Test
    void get_classThatIsNoDataSource_saysSo() {
        assertThatThrownBy(() -> registry.get("not_a_source"))
                .hasMessageContaining(TinyPlugin.NOT_A_SOURCE)
                .hasMessageContaining("does not extend io.connectors.api.source.DataSource");
    }

    @Test
    void get_sourceWithoutDescriptor_saysWhatIsMissingAndWhere() {
        assertThatThrownBy(() -> registry.get("no_descriptor"))
                .hasMessageContaining(TinyPlugin.NO_DESCRIPTOR)
                .hasMessageContaining("plugin tiny-source.jar")
                .hasMessageContaining("META-INF/services/io.connectors.api.source.DataSourceDescriptor");
    }

    @Test
    void get_sourceBuiltForANewerApi_isRefusedNamingBothVersions() {
        assertThatThrownBy(() -> registry.get("newer"))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageContaining("connector-api 1.99")
                .hasMessageContaining("this runtime's " + io.connectors.api.ConnectorApi.VERSION);
    }

    @Test
    void get_pluginSource_seesTheApiButNotTheRuntimesLibraries() throws Exception {
        ClassLoader plugin = registry.get("tiny").type().getClassLoader();

        assertThat(plugin.loadClass(io.connectors.api.source.DataSource.class.getName()))
                .isSameAs(io.connectors.api.source.DataSource.class);
        assertThat(plugin.loadClass("reactor.core.publisher.Flux")).isSameAs(reactor.core.publisher.Flux.class);
        assertThatThrownBy(() -> plugin.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> plugin.loadClass(SourceRegistry.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void create_constructorThrows_namesServiceTypeClassAndCause() {
        assertThatThrownBy(() -> registry.create("throwing", Map.of(), RuntimeSourceContext.of("c1")))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageContaining("'throwing'")
                .hasMessageContaining(TinyPlugin.THROWING)
                .hasMessageContaining("the url must end with /rest");
    }

    @Test
    void create_invalidConfiguration_reportsTheSchemaProblems() {
        assertThatThrownBy(() -> registry.create("tiny", Map.of("count", "many"), RuntimeSourceContext.of("c1")))
                .isInstanceOf(ConfigurationProblemsException.class)
                .hasMessageContaining("count");
    }
}
