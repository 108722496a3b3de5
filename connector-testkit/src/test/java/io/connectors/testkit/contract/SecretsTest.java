package io.connectors.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String TOKEN = "s3cret-token-value";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.string("host").label("Host").build(),
            ConfigField.string("token").label("Token").sensitive().build());

    private final Secrets secrets = Secrets.of(SCHEMA, List.of(Map.of("host", "jira.example.com", "token", TOKEN),
            Map.of("host", "jira.example.com", "token", "wrong-token-value")));

    @Test
    void of_twoConfigurations_holdsTheSensitiveValuesOfBoth() {
        assertThat(secrets.byValue()).containsOnlyKeys(TOKEN, "wrong-token-value").containsValue("token");
    }

    @Test
    void in_documentWithSecretsInAndOutOfTheAllowedPaths_reportsTheOthersAtTheirPaths() throws Exception {
        JsonNode document = Json.mapper().readTree("""
                {"configuration": {"token": {"value": "%1$s"}},
                 "error": "GET /myself refused %1$s",
                 "metadata": {"tried": ["first", "wrong-token-value"]}}
                """.formatted(TOKEN));

        List<Secrets.Leak> leaks = secrets.in(document, "connector document c1",
                path -> path.matches("configuration\\.[^.]+\\.value"));

        assertThat(leaks).extracting(Secrets.Leak::where)
                .containsExactly("connector document c1, field error", "connector document c1, field metadata.tried[1]");
        assertThat(leaks).extracting(Secrets.Leak::excerpt).containsExactly("'GET /myself refused ********'", "'********'");
    }

    @Test
    void in_secretFarIntoALongLine_showsAMaskedExcerptAroundIt() {
        String line = "x".repeat(500) + " token=" + TOKEN + " " + "y".repeat(500) + TOKEN;

        List<Secrets.Leak> leaks = secrets.in(line, "a DEBUG log line");

        assertThat(leaks).singleElement().satisfies(leak -> {
            assertThat(leak.excerpt()).startsWith("'...").endsWith("...'").contains(" token=********");
            assertThat(leak.toString()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 6))
                    .startsWith("the value of sensitive field 'token' in a DEBUG log line: ");
        });
    }

    @Test
    void mask_textWithBothSecrets_hidesBoth() {
        assertThat(secrets.mask("a " + TOKEN + " b wrong-token-value")).isEqualTo("a ******** b ********");
    }
}
