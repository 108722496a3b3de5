package io.connectors.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SourceConfigurationTest {

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.string("host").build(),
            ConfigField.string("note").optional().build(),
            ConfigField.string("token").sensitive().build(),
            ConfigField.integer("port").defaultValue(443).build(),
            ConfigField.integer("limit").optional().build(),
            ConfigField.bool("verbose").build(),
            ConfigField.list("tags").optional().build());

    private static final SourceConfiguration CONFIG =
            SCHEMA.resolve(Map.of("host", "example.com", "token", "tok-123456", "legacy", "x"));

    @Test
    void getters_returnTypedValues() {
        assertThat(CONFIG.getString("host")).isEqualTo("example.com");
        assertThat(CONFIG.getOptionalString("note")).isNull();
        assertThat(CONFIG.getInt("port")).isEqualTo(443);
        assertThat(CONFIG.getBool("verbose")).isFalse();
        assertThat(CONFIG.getList("tags")).isEmpty();
        assertThat(CONFIG.schema()).isSameAs(SCHEMA);
    }

    @Test
    void has_isTrueForSetAndDefaultedValues() {
        assertThat(CONFIG.has("host")).isTrue();
        assertThat(CONFIG.has("port")).isTrue();
        assertThat(CONFIG.has("limit")).isFalse();
    }

    @Test
    void asMap_holdsValuesInSchemaOrder() {
        assertThat(CONFIG.asMap()).containsExactly(Map.entry("host", "example.com"), Map.entry("token", "tok-123456"),
                Map.entry("port", 443), Map.entry("verbose", false));
        assertThat(CONFIG.unknownKeys()).containsExactly("legacy");
    }

    @Test
    void getter_undeclaredKey_throwsNamingIt() {
        assertThatThrownBy(() -> CONFIG.getString("hots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hots'");
        assertThatThrownBy(() -> CONFIG.has("legacy"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'legacy'");
    }

    @Test
    void getter_wrongType_throwsNamingKeyAndType() {
        assertThatThrownBy(() -> CONFIG.getInt("host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'host'").hasMessageContaining("str");
        assertThatThrownBy(() -> CONFIG.getString("port")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CONFIG.getList("verbose")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CONFIG.getBool("tags")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getter_noValue_throwsNoSuchElement() {
        assertThatThrownBy(() -> CONFIG.getInt("limit"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("'limit'");
        assertThatThrownBy(() -> CONFIG.getString("note")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void toString_masksSensitiveValues() {
        assertThat(CONFIG.toString())
                .contains("host=example.com")
                .contains("token=********")
                .contains("legacy")
                .doesNotContain("tok-123456");
    }
}
