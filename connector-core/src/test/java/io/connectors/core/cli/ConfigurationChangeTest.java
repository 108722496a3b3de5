package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.ConfigurationProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationChangeTest {

    private static final ConfigSchema SCHEMA = SecretiveSource.configSchema();

    @Test
    void apply_problemsWithGivenValuesAreErrors_missingOnesArePending() {
        ConfigurationChange change = ConfigurationChange.apply(SCHEMA, "secretive", Map.of(), Map.of("page_size", "5000", "colour", "red"));

        assertThat(change.errors()).hasSize(2).anySatisfy(error -> assertThat(error).contains("(page_size)"))
                .anySatisfy(error -> assertThat(error).isEqualTo("unknown configuration key 'colour': source 'secretive' "
                        + "declares store, page_size, token"));
        assertThat(change.pending()).extracting(ConfigurationProblem::key).containsExactly("store");
    }

    @Test
    void apply_keepsCurrentValuesAndWritesTheWholeSchema() {
        Map<String, Object> current = SCHEMA.toConnectorDocument(Map.of("store", "docs", "token", "hunter2"));

        ConfigurationChange change = ConfigurationChange.apply(SCHEMA, "secretive", current, Map.of("page_size", 10));

        assertThat(change.errors()).isEmpty();
        assertThat(change.pending()).isEmpty();
        assertThat(change.document()).containsOnlyKeys("store", "page_size", "token");
        assertThat(SCHEMA.fromConnectorDocument(change.document()))
                .containsEntry("store", "docs").containsEntry("token", "hunter2").containsEntry("page_size", 10);
    }

    @Test
    void apply_emptyGivenValueUnsetsARequiredOne_anError() {
        Map<String, Object> current = SCHEMA.toConnectorDocument(Map.of("store", "docs"));

        ConfigurationChange change = ConfigurationChange.apply(SCHEMA, "secretive", current, Map.of("store", ""));

        assertThat(change.errors()).singleElement().asString().contains("(store)").contains("is required");
    }
}
