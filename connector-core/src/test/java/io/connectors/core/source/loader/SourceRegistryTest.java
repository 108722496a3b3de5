package io.connectors.core.source.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.core.source.ConfigurationProblemsException;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.TestContext;
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
                "no_schema", TinyPlugin.NO_SCHEMA,
                "no_constructor", TinyPlugin.NO_CONSTRUCTOR,
                "throwing", TinyPlugin.THROWING,
                "abstract", TinyPlugin.ABSTRACT,
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
                .isInstanceOf(SourceLoadingException.class)
                .hasMessageContaining("unknown service type 'salesforce'")
                .hasMessageContaining("tiny");
    }

    @Test
    void get_missingClass_namesServiceTypeClassAndWhereItLooked() {
        assertThatThrownBy(() -> registry.get("missing"))
                .isInstanceOf(SourceLoadingException.class)
                .hasMessageContaining("'missing'")
                .hasMessageContaining("com.example.nowhere.MissingSource")
                .hasMessageContaining("not found")
                .hasMessageContaining("plugins directory");
    }

    @Test
    void get_classThatIsNoDataSource_saysSo() {
        assertThatThrownBy(() -> registry.get("not_a_source"))
                .hasMessageContaining(TinyPlugin.NOT_A_SOURCE)
                .hasMessageContaining("does not extend io.connectors.core.source.DataSource");
    }

    @Test
    void get_sourceWithoutSchema_saysWhatIsMissing() {
        assertThatThrownBy(() -> registry.get("no_schema"))
                .hasMessageContaining(TinyPlugin.NO_SCHEMA)
                .hasMessageContaining("public static ConfigSchema configSchema()");
    }

    @Test
    void get_sourceWithoutTheConstructor_saysWhichConstructor() {
        assertThatThrownBy(() -> registry.get("no_constructor"))
                .hasMessageContaining("public constructor (SourceConfiguration, DataSourceContext)");
    }

    @Test
    void get_abstractClass_isRefused() {
        assertThatThrownBy(() -> registry.get("abstract")).hasMessageContaining("is abstract");
    }

    @Test
    void create_constructorThrows_namesServiceTypeClassAndCause() {
        assertThatThrownBy(() -> registry.create("throwing", Map.of(), new TestContext("c1")))
                .isInstanceOf(SourceLoadingException.class)
                .hasMessageContaining("'throwing'")
                .hasMessageContaining(TinyPlugin.THROWING)
                .hasMessageContaining("the url must end with /rest");
    }

    @Test
    void create_invalidConfiguration_reportsTheSchemaProblems() {
        assertThatThrownBy(() -> registry.create("tiny", Map.of("count", "many"), new TestContext("c1")))
                .isInstanceOf(ConfigurationProblemsException.class)
                .hasMessageContaining("count");
    }
}
