package io.connectors.core.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A config.yml written to hurt: each is a config problem with a line, never a stack trace. */
class HostileConfigTest {

    @Test
    void parse_selfReferencingAnchor_isAProblemWithItsLine() {
        String yaml = """
                elasticsearch:
                  host: http://127.0.0.1:9200
                service:
                  log_level: &loop [*loop]
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "config.yml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.yml:4")
                .hasMessageContaining("refers to itself");
    }

    @Test
    void parse_deepNesting_isAProblemWithALine() {
        String yaml = "elasticsearch:\n  host: http://127.0.0.1:9200\nservice:\n  log_level: "
                + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "config.yml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.yml:4")
                .hasMessageContaining("nest");
    }

    @Test
    void parse_aliasBomb_isAProblem() {
        StringBuilder yaml = new StringBuilder("elasticsearch:\n  host: http://127.0.0.1:9200\nx0: &a0 [\"lol\"]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("x").append(i).append(": &a").append(i).append(" [");
            yaml.append(("*a" + (i - 1) + ",").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        assertThatThrownBy(() -> ConfigLoader.parse(yaml.toString(), "config.yml", Map.of()))
                .isInstanceOf(ConfigException.class);
    }
}
