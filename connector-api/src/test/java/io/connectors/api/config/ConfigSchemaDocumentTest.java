package io.connectors.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaDocumentTest {

    private static final ConfigSchema SCHEMA = JiraLikeSchema.SCHEMA;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> document, String key) {
        return (Map<String, Object>) document.get(key);
    }

    @Test
    void toConnectorDocument_entry_hasElasticShape() {
        Map<String, Object> document = SCHEMA.toConnectorDocument(Map.of("jira_url", "https://acme.atlassian.net"));

        Map<String, Object> jiraUrl = entry(document, "jira_url");
        assertThat(jiraUrl).containsOnlyKeys("label", "type", "display", "value", "default_value", "required",
                "sensitive", "order", "tooltip", "depends_on", "options", "validations", "ui_restrictions");
        assertThat(List.copyOf(jiraUrl.keySet())).containsExactly("label", "type", "display", "value", "default_value",
                "required", "sensitive", "order", "tooltip", "depends_on", "options", "validations", "ui_restrictions");
        assertThat(jiraUrl)
                .containsEntry("label", "Jira host url")
                .containsEntry("type", "str")
                .containsEntry("display", "text")
                .containsEntry("value", "https://acme.atlassian.net")
                .containsEntry("default_value", "")
                .containsEntry("required", true)
                .containsEntry("sensitive", false)
                .containsEntry("order", 6)
                .containsEntry("tooltip", "e.g. https://acme.atlassian.net")
                .containsEntry("depends_on", List.of())
                .containsEntry("options", List.of())
                .containsEntry("validations", List.of())
                .containsEntry("ui_restrictions", List.of());
    }

    @Test
    void toConnectorDocument_keysInOrder_withDependenciesOptionsAndValidations() {
        Map<String, Object> document = SCHEMA.toConnectorDocument(Map.of());

        assertThat(List.copyOf(document.keySet())).containsExactly("data_source", "username", "password",
                "account_email", "api_token", "jira_url", "projects", "ssl_enabled", "ssl_ca", "retry_count",
                "concurrent_downloads");
        assertThat(entry(document, "api_token"))
                .containsEntry("sensitive", true)
                .containsEntry("depends_on", List.of(Map.of("field", "data_source", "value", "jira_cloud")));
        assertThat(entry(document, "ssl_ca"))
                .containsEntry("depends_on", List.of(Map.of("field", "ssl_enabled", "value", true)))
                .containsEntry("required", false);
        assertThat(entry(document, "data_source"))
                .containsEntry("display", "dropdown")
                .containsEntry("value", "jira_cloud")
                .containsEntry("options", List.of(
                        Map.of("label", "Jira Cloud", "value", "jira_cloud"),
                        Map.of("label", "Jira Server", "value", "jira_server"),
                        Map.of("label", "Jira Data Center", "value", "jira_data_center")));
        assertThat(entry(document, "retry_count"))
                .containsEntry("type", "int")
                .containsEntry("display", "numeric")
                .containsEntry("value", 3)
                .containsEntry("default_value", 3)
                .containsEntry("ui_restrictions", List.of("advanced"))
                .containsEntry("validations", List.of(
                        Map.of("type", "greater_than", "constraint", -1),
                        Map.of("type", "less_than", "constraint", 10)));
        assertThat(entry(document, "ssl_enabled"))
                .containsEntry("type", "bool").containsEntry("display", "toggle").containsEntry("value", false);
        assertThat(entry(document, "projects"))
                .containsEntry("type", "list").containsEntry("display", "textarea").containsEntry("value", "*");
        assertThat(entry(document, "concurrent_downloads"))
                .containsEntry("value", null).containsEntry("default_value", null);
    }

    @Test
    void toConnectorDocument_unsetValue_isFilledWithDefault_setValueKeptAsGiven() {
        Map<String, Object> current = new HashMap<>();
        current.put("retry_count", "");
        current.put("concurrent_downloads", "50");
        current.put("projects", List.of("A", "B"));

        Map<String, Object> document = SCHEMA.toConnectorDocument(current);

        assertThat(entry(document, "retry_count")).containsEntry("value", 3);
        assertThat(entry(document, "concurrent_downloads")).containsEntry("value", "50");
        assertThat(entry(document, "projects")).containsEntry("value", List.of("A", "B"));
    }

    @Test
    void toConnectorDocument_ofAStoredDocument_keepsItsValuesAndDropsStaleKeys() {
        Map<String, Object> stored = new LinkedHashMap<>(SCHEMA.toConnectorDocument(Map.of("jira_url", "https://x")));
        stored.put("removed_setting", Map.of("label", "Old", "value", "v"));

        Map<String, Object> upgraded = SCHEMA.toConnectorDocument(stored);

        assertThat(entry(upgraded, "jira_url")).containsEntry("value", "https://x");
        assertThat(upgraded).doesNotContainKey("removed_setting");
    }

    @Test
    void connectorDocument_roundTrip_resolvesToSameValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data_source", "jira_server");
        values.put("username", "admin");
        values.put("password", "pw");
        values.put("jira_url", "https://jira.local");
        values.put("projects", "ABC, DEF");
        values.put("ssl_enabled", "true");
        values.put("ssl_ca", "-----BEGIN CERTIFICATE-----");
        values.put("retry_count", 5);
        SourceConfiguration direct = SCHEMA.resolve(values);

        Map<String, Object> roundTripped = SCHEMA.fromConnectorDocument(SCHEMA.toConnectorDocument(values));

        assertThat(SCHEMA.resolve(roundTripped).asMap()).isEqualTo(direct.asMap());
        assertThat(roundTripped).containsEntry("username", "admin").containsEntry("retry_count", 5);
    }

    @Test
    void connectorDocument_roundTripOfDefaults_resolvesToDefaults() {
        Map<String, Object> values = Map.of("account_email", "a@b.c", "api_token", "t", "jira_url", "https://x");

        Map<String, Object> roundTripped = SCHEMA.fromConnectorDocument(SCHEMA.toConnectorDocument(values));

        assertThat(SCHEMA.resolve(roundTripped).asMap()).isEqualTo(SCHEMA.resolve(values).asMap());
    }

    @Test
    void connectorDocument_listDefaultWithCommaInEntry_survivesRoundTrip() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.list("plain").defaultValue(List.of("a", "b")).build(),
                ConfigField.list("commas").defaultValue(List.of("x,y", "z")).build());

        Map<String, Object> document = schema.toConnectorDocument(Map.of());

        assertThat(entry(document, "plain")).containsEntry("value", "a,b").containsEntry("default_value", "a,b");
        assertThat(schema.resolve(schema.fromConnectorDocument(document)).getList("commas")).containsExactly("x,y", "z");
    }

    @Test
    void fromConnectorDocument_acceptsPlainValuesAndKeepsUnknownKeys() {
        Map<String, Object> mixed = new LinkedHashMap<>();
        mixed.put("jira_url", Map.of("label", "Jira host url", "value", "https://x"));
        mixed.put("retry_count", 4);
        mixed.put("stale", Map.of("value", "old"));
        mixed.put("nothing", null);

        Map<String, Object> values = SCHEMA.fromConnectorDocument(mixed);

        assertThat(values).containsExactly(Map.entry("jira_url", "https://x"), Map.entry("retry_count", 4),
                Map.entry("stale", "old"));
        assertThat(SCHEMA.resolve(Map.of("jira_url", "u", "account_email", "e", "api_token", "t", "stale", "old"))
                .unknownKeys()).containsExactly("stale");
    }

    @Test
    void masked_replacesSetSensitiveValuesOnly() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("api_token", "s3cr3t");
        values.put("password", "");
        values.put("jira_url", "https://x");
        values.put("unknown", "visible");

        assertThat(SCHEMA.masked(values)).containsExactly(Map.entry("api_token", "********"),
                Map.entry("password", ""), Map.entry("jira_url", "https://x"), Map.entry("unknown", "visible"));
    }

    @Test
    void masked_connectorDocument_masksValueOfSensitiveEntries() {
        Map<String, Object> document = SCHEMA.toConnectorDocument(Map.of("api_token", "s3cr3t", "jira_url", "https://x"));

        Map<String, Object> masked = SCHEMA.masked(document);

        assertThat(entry(masked, "api_token")).containsEntry("value", "********").containsEntry("label", "Jira Cloud API token");
        assertThat(entry(masked, "jira_url")).containsEntry("value", "https://x");
        assertThat(masked.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void markdown_containsEveryKeyAndDetails() {
        String markdown = SCHEMA.markdown();

        assertThat(markdown).startsWith("| Key | Label | Type | Default | Required | Depends on | Description |\n");
        for (ConfigField field : SCHEMA.fields()) {
            assertThat(markdown).contains("`" + field.key() + "`");
        }
        assertThat(markdown.lines()).hasSize(2 + SCHEMA.fields().size());
        assertThat(markdown)
                .contains("| `api_token` | Jira Cloud API token | str |  | yes | `data_source` = `jira_cloud` | Sensitive. |")
                .contains("| `retry_count` | Retries | int | `3` | yes |  | Must be greater than -1. Must be less than 10. |")
                .contains("`jira_cloud` (Jira Cloud)")
                .contains("e.g. https://acme.atlassian.net.");
    }

    @Test
    void markdown_escapesPipesAndNewlines_andMasksSensitiveDefaults() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.string("q").label("a|b").tooltip("line one\nline two").build(),
                ConfigField.string("secret").sensitive().defaultValue("changeme").build());

        String markdown = schema.markdown();

        assertThat(markdown).contains("a\\|b").contains("line one line two.").contains("********")
                .doesNotContain("changeme");
        assertThat(markdown.lines()).hasSize(4);
    }
}
