package io.connectors.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaResolveTest {

    private static final ConfigSchema SCHEMA = JiraLikeSchema.SCHEMA;

    private static Map<String, Object> cloud() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data_source", "jira_cloud");
        values.put("account_email", "me@acme.com");
        values.put("api_token", "s3cr3t-token");
        values.put("jira_url", "https://acme.atlassian.net");
        return values;
    }

    @Test
    void resolve_validCloudConfig_appliesDefaults() {
        SourceConfiguration config = SCHEMA.resolve(cloud());

        assertThat(config.getString("jira_url")).isEqualTo("https://acme.atlassian.net");
        assertThat(config.getString("api_token")).isEqualTo("s3cr3t-token");
        assertThat(config.getList("projects")).containsExactly("*");
        assertThat(config.getInt("retry_count")).isEqualTo(3);
        assertThat(config.getBool("ssl_enabled")).isFalse();
        assertThat(config.has("concurrent_downloads")).isFalse();
        assertThat(config.has("username")).isFalse();
        assertThat(config.unknownKeys()).isEmpty();
    }

    @Test
    void resolve_emptyString_meansUnsetAndTakesDefault() {
        Map<String, Object> values = cloud();
        values.put("retry_count", "");
        values.put("projects", "  ");
        values.put("data_source", "");

        SourceConfiguration config = SCHEMA.resolve(values);

        assertThat(config.getInt("retry_count")).isEqualTo(3);
        assertThat(config.getList("projects")).containsExactly("*");
        assertThat(config.getString("data_source")).isEqualTo("jira_cloud");
    }

    @Test
    void resolve_nullValue_meansUnset() {
        Map<String, Object> values = new HashMap<>(cloud());
        values.put("retry_count", null);

        assertThat(SCHEMA.resolve(values).getInt("retry_count")).isEqualTo(3);
    }

    @Test
    void resolve_intFromStringsAndNatives_coerces() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.integer("n").build());

        assertThat(schema.resolve(Map.of("n", "10")).getInt("n")).isEqualTo(10);
        assertThat(schema.resolve(Map.of("n", " -7 ")).getInt("n")).isEqualTo(-7);
        assertThat(schema.resolve(Map.of("n", 10)).getInt("n")).isEqualTo(10);
        assertThat(schema.resolve(Map.of("n", 10L)).getInt("n")).isEqualTo(10);
        assertThat(schema.resolve(Map.of("n", 10.0)).getInt("n")).isEqualTo(10);
        assertThat(schema.resolve(Map.of("n", new BigDecimal("12"))).getInt("n")).isEqualTo(12);
    }

    @Test
    void resolve_badInts_reportNotAnInteger() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.integer("n").label("Count").build());

        assertThat(schema.validate(Map.of("n", "ten"))).singleElement().extracting(ConfigurationProblem::message)
                .isEqualTo("'Count' (n) must be an integer, got 'ten'");
        assertThat(schema.validate(Map.of("n", 1.5))).hasSize(1);
        assertThat(schema.validate(Map.of("n", 3_000_000_000L))).hasSize(1);
        assertThat(schema.validate(Map.of("n", true))).hasSize(1);
    }

    @Test
    void resolve_boolFromStringsAndNatives_coerces() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.bool("b").build());

        assertThat(schema.resolve(Map.of("b", "true")).getBool("b")).isTrue();
        assertThat(schema.resolve(Map.of("b", " FALSE ")).getBool("b")).isFalse();
        assertThat(schema.resolve(Map.of("b", "True")).getBool("b")).isTrue();
        assertThat(schema.resolve(Map.of("b", true)).getBool("b")).isTrue();
        assertThat(schema.resolve(Map.of()).getBool("b")).isFalse();
    }

    @Test
    void resolve_badBool_reportsTrueOrFalse() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.bool("b").label("Flag").build());

        assertThat(schema.validate(Map.of("b", "yes"))).extracting(ConfigurationProblem::message)
                .containsExactly("'Flag' (b) must be true or false, got 'yes'");
        assertThat(schema.validate(Map.of("b", 1))).hasSize(1);
    }

    @Test
    void resolve_stringFromNatives_usesTheirText() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.string("s").build());

        assertThat(schema.resolve(Map.of("s", 42)).getString("s")).isEqualTo("42");
        assertThat(schema.resolve(Map.of("s", true)).getString("s")).isEqualTo("true");
        assertThat(schema.resolve(Map.of("s", " keep spaces ")).getString("s")).isEqualTo(" keep spaces ");
        assertThat(schema.validate(Map.of("s", List.of("a")))).extracting(ConfigurationProblem::message)
                .containsExactly("'s' (s) must be a text value, got '[a]'");
    }

    @Test
    void resolve_listFromCommaSeparatedText_trimsAndDropsEmptyEntries() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.list("l").build());

        assertThat(schema.resolve(Map.of("l", " a, b ,,c , ")).getList("l")).containsExactly("a", "b", "c");
        assertThat(schema.resolve(Map.of("l", "single")).getList("l")).containsExactly("single");
    }

    @Test
    void resolve_listFromJsonArrayText_parsesIt() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.list("l").build());

        assertThat(schema.resolve(Map.of("l", "[\"a\", \" b \", 3, true, null, \"x,y\", \"q\\\"\\u0041\"]")).getList("l"))
                .containsExactly("a", "b", "3", "true", "x,y", "q\"A");
    }

    @Test
    void resolve_bracketedTextThatIsNotJson_fallsBackToCommaSeparated() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.list("l").build());

        assertThat(schema.resolve(Map.of("l", "[a-z]")).getList("l")).containsExactly("[a-z]");
    }

    @Test
    void resolve_listFromNativeCollection_keepsTextOfEntries() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.list("l").build());

        assertThat(schema.resolve(Map.of("l", List.of(" a ", 1, 2.50, ""))).getList("l")).containsExactly("a", "1", "2.5");
        assertThat(schema.validate(Map.of("l", List.of(List.of("nested"))))).hasSize(1);
    }

    @Test
    void resolve_emptyListOrOnlyCommas_takesDefault() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.list("l").defaultValue("x, y").build());

        assertThat(schema.resolve(Map.of("l", List.of())).getList("l")).containsExactly("x", "y");
        assertThat(schema.resolve(Map.of("l", " , ,")).getList("l")).containsExactly("x", "y");
        assertThat(schema.resolve(Map.of("l", "[]")).getList("l")).containsExactly("x", "y");
    }

    @Test
    void resolve_missingRequired_reportsEveryProblemAtOnce() {
        Map<String, Object> values = Map.of("retry_count", "12", "concurrent_downloads", "2000");

        ConfigurationProblemsException thrown =
                catchThrowableOfType(ConfigurationProblemsException.class, () -> SCHEMA.resolve(values));

        assertThat(thrown.problems()).extracting(ConfigurationProblem::message).containsExactly(
                "'Jira Cloud email address' (account_email) is required",
                "'Jira Cloud API token' (api_token) is required",
                "'Jira host url' (jira_url) is required",
                "'Retries' (retry_count) must be less than 10, got 12",
                "'Maximum concurrent downloads' (concurrent_downloads) must be less than 1001, got 2000");
        assertThat(thrown.problems()).extracting(ConfigurationProblem::key)
                .containsExactly("account_email", "api_token", "jira_url", "retry_count", "concurrent_downloads");
        assertThat(thrown.getMessage()).startsWith("Invalid configuration (5 problems):")
                .contains("'Jira host url' (jira_url) is required");
    }

    @Test
    void validate_validConfig_returnsNoProblems() {
        assertThat(SCHEMA.validate(cloud())).isEmpty();
    }

    @Test
    void resolve_typeErrorsAndRuleBreaches_reportedTogether() {
        Map<String, Object> values = cloud();
        values.put("retry_count", "many");
        values.put("ssl_enabled", "maybe");
        values.put("data_source", "jira_on_prem");

        assertThat(SCHEMA.validate(values)).extracting(ConfigurationProblem::key)
                .containsExactly("data_source", "ssl_enabled", "retry_count");
    }

    @Test
    void resolve_cloudSelected_requiresOnlyCloudCredentials() {
        Map<String, Object> values = Map.of("data_source", "jira_cloud", "jira_url", "https://x");

        assertThat(SCHEMA.validate(values)).extracting(ConfigurationProblem::key)
                .containsExactly("account_email", "api_token");
    }

    @Test
    void resolve_serverSelected_requiresOnlyServerCredentials() {
        Map<String, Object> values = Map.of("data_source", "jira_server", "jira_url", "https://x");

        assertThat(SCHEMA.validate(values)).extracting(ConfigurationProblem::key)
                .containsExactly("username", "password");
    }

    @Test
    void resolve_dataCenterSelected_requiresNeitherCredentialSet() {
        Map<String, Object> values = Map.of("data_source", "jira_data_center", "jira_url", "https://x");

        assertThat(SCHEMA.validate(values)).isEmpty();
    }

    @Test
    void resolve_dependencyNotHolding_skipsValidationButKeepsValue() {
        Map<String, Object> values = Map.of("data_source", "jira_server", "jira_url", "https://x",
                "username", "admin", "password", "pw", "account_email", List.of("not", "a", "string"), "api_token", "t");

        SourceConfiguration config = SCHEMA.resolve(values);

        assertThat(config.has("account_email")).isFalse();
        assertThat(config.getString("api_token")).isEqualTo("t");
    }

    @Test
    void resolve_dependencyOnBoolMatchesStringValue() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.bool("ssl_enabled").build(),
                ConfigField.string("ssl_ca").label("SSL certificate").dependsOn("ssl_enabled", "true").build());

        assertThat(schema.validate(Map.of())).isEmpty();
        assertThat(schema.validate(Map.of("ssl_enabled", "TRUE"))).extracting(ConfigurationProblem::message)
                .containsExactly("'SSL certificate' (ssl_ca) is required");
        assertThat(schema.validate(Map.of("ssl_enabled", true))).hasSize(1);
    }

    @Test
    void resolve_severalDependencies_allMustHold() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.string("mode").build(),
                ConfigField.integer("port").build(),
                ConfigField.string("x").dependsOn("mode", "a").dependsOn("port", 80).build());

        assertThat(schema.validate(Map.of("mode", "a", "port", "443"))).isEmpty();
        assertThat(schema.validate(Map.of("mode", "a", "port", "80"))).extracting(ConfigurationProblem::key)
                .containsExactly("x");
    }

    @Test
    void resolve_optionsOfDropdown_rejectOtherValues() {
        assertThat(SCHEMA.validate(Map.of("data_source", "jira_foo", "jira_url", "https://x")))
                .extracting(ConfigurationProblem::message)
                .containsExactly("'Jira data source' (data_source) must be one of [jira_cloud, jira_server, jira_data_center], got 'jira_foo'");
    }

    @Test
    void resolve_lessThanAndGreaterThan_areStrict() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.integer("n").label("N")
                .validation(Validation.greaterThan(0)).validation(Validation.lessThan(10)).build());

        assertThat(schema.validate(Map.of("n", 1))).isEmpty();
        assertThat(schema.validate(Map.of("n", 9))).isEmpty();
        assertThat(schema.validate(Map.of("n", 0))).extracting(ConfigurationProblem::message)
                .containsExactly("'N' (n) must be greater than 0, got 0");
        assertThat(schema.validate(Map.of("n", "10"))).extracting(ConfigurationProblem::message)
                .containsExactly("'N' (n) must be less than 10, got 10");
    }

    @Test
    void resolve_includedIn_checksScalarsAndEveryListEntry() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.string("color").validation(Validation.includedIn(List.of("red", "blue"))).build(),
                ConfigField.integer("size").validation(Validation.includedIn(List.of(1, 2, 3))).build(),
                ConfigField.list("tags").validation(Validation.includedIn(List.of("a", "b"))).build());

        assertThat(schema.validate(Map.of("color", "red", "size", "2", "tags", "a,b"))).isEmpty();
        assertThat(schema.validate(Map.of("color", "green", "size", 4, "tags", "a,c")))
                .extracting(ConfigurationProblem::message).containsExactly(
                        "'color' (color) must be one of [red, blue], got 'green'",
                        "'size' (size) must be one of [1, 2, 3], got 4",
                        "'tags' (tags) must only contain values from [a, b], got 'c'");
    }

    @Test
    void resolve_regex_mustMatchEntirely() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.string("key").validation(Validation.regex("[A-Z]+")).build(),
                ConfigField.list("keys").validation(Validation.regex("[A-Z]+")).build());

        assertThat(schema.validate(Map.of("key", "ABC", "keys", "AB, CD"))).isEmpty();
        assertThat(schema.validate(Map.of("key", "ABc", "keys", "AB, c1")))
                .extracting(ConfigurationProblem::message).containsExactly(
                        "'key' (key) must match regex [A-Z]+, got 'ABc'",
                        "'keys' (keys) must only contain values matching regex [A-Z]+, got 'c1'");
    }

    @Test
    void resolve_listType_checksEveryEntry() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.list("ports").validation(Validation.listType("int")).build(),
                ConfigField.list("names").validation(Validation.listType("str")).build());

        assertThat(schema.validate(Map.of("ports", "80, 443", "names", "[1, \"a\"]"))).isEmpty();
        assertThat(schema.validate(Map.of("ports", "80, http", "names", "x")))
                .extracting(ConfigurationProblem::message)
                .containsExactly("'ports' (ports) must be a list of integers, got 'http'");
    }

    @Test
    void resolve_badSensitiveValue_isNeverEchoed() {
        String secret = "hunter2-SECRET";
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.string("token").label("Token").sensitive()
                        .validation(Validation.regex("[a-f0-9]{32}")).build(),
                ConfigField.integer("pin").label("PIN").sensitive().build());

        ConfigurationProblemsException thrown = catchThrowableOfType(ConfigurationProblemsException.class,
                () -> schema.resolve(Map.of("token", secret, "pin", "hunter2-SECRET")));

        assertThat(thrown.problems()).extracting(ConfigurationProblem::message).containsExactly(
                "'Token' (token) must match regex [a-f0-9]{32}",
                "'PIN' (pin) must be an integer");
        assertThat(thrown.getMessage()).doesNotContain(secret);
        assertThat(thrown.toString()).doesNotContain(secret);
    }

    @Test
    void resolve_unknownKeys_areIgnoredButKept() {
        Map<String, Object> values = cloud();
        values.put("old_setting", "stale");
        values.put("another", null);

        SourceConfiguration config = SCHEMA.resolve(values);

        assertThat(config.unknownKeys()).containsExactly("old_setting", "another");
        assertThat(config.asMap()).doesNotContainKey("old_setting");
    }

    @Test
    void resolve_acceptsConnectorDocumentEntriesAsValues() {
        Map<String, Object> document = SCHEMA.toConnectorDocument(cloud());

        assertThat(SCHEMA.resolve(document).getString("jira_url")).isEqualTo("https://acme.atlassian.net");
    }

    @Test
    void resolve_valueHolder_isNotReadAgainAfterwards() {
        Map<String, Object> values = cloud();
        SourceConfiguration config = SCHEMA.resolve(values);

        values.put("jira_url", "https://changed");

        assertThat(config.getString("jira_url")).isEqualTo("https://acme.atlassian.net");
        assertThatThrownBy(() -> config.asMap().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
