package io.connectors.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** No secret value may reach a toString(), the redacted rendering, or a ConfigException. */
class SecretsTest {

    private static final String PASSWORD = "pw-hunter2-secret";
    private static final String API_KEY = "es-api-key-value";
    private static final String CONNECTOR_KEY = "connector-key-value";

    private static final String YAML = """
            elasticsearch:
              username: someone
              password: ${ES_PASSWORD}
              api_key: %s
            connectors:
              - connector_id: c1
                service_type: jira
                api_key: %s
            """.formatted(API_KEY, CONNECTOR_KEY);

    private static ConnectorsConfig load() {
        return ConfigLoader.parse(YAML, "config.yml", Map.of("ES_PASSWORD", PASSWORD));
    }

    @Test
    void secret_toStringIsMaskedAndRevealGivesTheValue() {
        Secret secret = Secret.of(PASSWORD);

        assertThat(secret).hasToString("********");
        assertThat(secret.reveal()).isEqualTo(PASSWORD);
        assertThat(secret).isEqualTo(Secret.of(PASSWORD)).isNotEqualTo(Secret.of("other"));
    }

    @Test
    void load_secrets_areAvailableThroughReveal() {
        ConnectorsConfig config = load();

        assertThat(config.elasticsearch().password().reveal()).isEqualTo(PASSWORD);
        assertThat(config.elasticsearch().apiKey().reveal()).isEqualTo(API_KEY);
        assertThat(config.connectors().get(0).apiKey().reveal()).isEqualTo(CONNECTOR_KEY);
    }

    @Test
    void toString_ofEveryRecord_neverShowsSecrets() {
        ConnectorsConfig config = load();

        assertThat(String.join("\n", config.toString(), config.elasticsearch().toString(), config.connectors().get(0).toString()))
                .doesNotContain(PASSWORD, API_KEY, CONNECTOR_KEY)
                .contains("password=********", "apiKey=********");
    }

    @Test
    void redacted_masksEverySecretAndShowsTheRest() {
        String redacted = load().redacted();

        assertThat(redacted).doesNotContain(PASSWORD, API_KEY, CONNECTOR_KEY)
                .contains("  username: someone\n", "  password: \"********\"\n", "  api_key: \"********\"\n",
                        "  - connector_id: c1\n", "    api_key: \"********\"\n", "  host: http://localhost:9200\n");
    }

    @Test
    void problems_neverEchoSecretValues() {
        String yaml = """
                elasticsearch:
                  password: [%1$s]
                  api_key: {nested: %1$s}
                  bulk:
                    chunk_size: ${ES_PASSWORD}
                connectors:
                  - connector_id: c1
                    service_type: jira
                    api_key: [%1$s]
                  - connector_id: c2
                    service_type: jira
                    api_key: "ab${bad name}%1$s"
                """.formatted(PASSWORD);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "config.yml", Map.of("ES_PASSWORD", PASSWORD)));

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly(
                "elasticsearch.password", "elasticsearch.api_key", "elasticsearch.bulk.chunk_size",
                "connectors[0].api_key", "connectors[1].api_key");
        assertThat(e.getMessage()).doesNotContain(PASSWORD, "bad name")
                .contains("elasticsearch.password: expected a string, got a list")
                .contains("elasticsearch.bulk.chunk_size: expected an integer, got the value of \"${ES_PASSWORD}\"");
    }
}
