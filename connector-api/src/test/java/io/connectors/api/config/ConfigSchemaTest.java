package io.connectors.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    @Test
    void of_numbersFieldsByDeclarationOrder() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.string("a").build(), ConfigField.string("b").build());

        assertThat(schema.fields()).extracting(ConfigField::key, ConfigField::order)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 2));
    }

    @Test
    void of_sortsByExplicitOrder_tiesInDeclarationOrder() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.string("a").order(3).build(),
                ConfigField.string("b").build(),
                ConfigField.string("c").order(1).build());

        assertThat(schema.fields()).extracting(ConfigField::key).containsExactly("c", "b", "a");
    }

    @Test
    void of_rejectsDuplicateKeysAndBadDependencies() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> ConfigSchema.of(ConfigField.string("a").build(), ConfigField.integer("a").build()))
                .withMessageContaining("'a' is declared twice");
        assertThatIllegalArgumentException().isThrownBy(
                () -> ConfigSchema.of(ConfigField.string("a").dependsOn("missing", "x").build()))
                .withMessageContaining("'missing'");
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigSchema.of(
                ConfigField.integer("n").build(), ConfigField.string("a").dependsOn("n", "many").build()));
    }

    @Test
    void field_findsByKey() {
        ConfigSchema schema = JiraLikeSchema.SCHEMA;

        assertThat(schema.field("jira_url")).get().extracting(ConfigField::label).isEqualTo("Jira host url");
        assertThat(schema.field("nope")).isEmpty();
    }

    @Test
    void fields_areImmutable() {
        assertThatThrownBy(() -> JiraLikeSchema.SCHEMA.fields().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptySchema_resolvesAnything() {
        SourceConfiguration config = ConfigSchema.of().resolve(Map.of("x", 1));

        assertThat(config.asMap()).isEmpty();
        assertThat(config.unknownKeys()).containsExactly("x");
        assertThat(ConfigSchema.of(List.of()).markdown().lines()).hasSize(2);
    }

    @Test
    void exception_needsAtLeastOneProblem() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConfigurationProblemsException(List.of()));
    }
}
