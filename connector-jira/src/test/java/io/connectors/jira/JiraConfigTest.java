package io.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.http.HttpAuth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Elastic's Jira configuration keys: only the chosen data_source's credentials are required. */
class JiraConfigTest {

    private static final ConfigSchema SCHEMA = JiraDataSource.configSchema();

    private static List<String> problemKeys(Map<String, Object> values) {
        return SCHEMA.validate(values).stream().map(ConfigurationProblem::key).toList();
    }

    @Test
    void keysAndDefaults_areElastics() {
        assertThat(SCHEMA.fields()).extracting(field -> field.key()).containsExactly("data_source", "username", "password",
                "data_center_auth_method", "data_center_username", "data_center_password",
                "data_center_personal_access_token", "account_email", "api_token", "jira_url", "projects", "ssl_enabled",
                "ssl_ca", "retry_count", "concurrent_downloads", "use_document_level_security",
                "use_text_extraction_service", "webhook_secret"); // the last one is ours (docs/webhooks.md), not Elastic's
        Map<String, Object> document = SCHEMA.toConnectorDocument(Map.of());
        assertThat(((Map<?, ?>) document.get("data_source")).get("value")).isEqualTo("jira_cloud");
        assertThat(((Map<?, ?>) document.get("retry_count")).get("value")).isEqualTo(3);
        assertThat(((Map<?, ?>) document.get("concurrent_downloads")).get("value")).isEqualTo(100);
        assertThat(((Map<?, ?>) document.get("projects")).get("value")).isEqualTo("*");
        assertThat(((Map<?, ?>) document.get("api_token")).get("sensitive")).isEqualTo(true);
        assertThat(((Map<?, ?>) document.get("webhook_secret")).get("sensitive")).isEqualTo(true);
        assertThat(((Map<?, ?>) document.get("webhook_secret")).get("required")).as("webhooks are optional").isEqualTo(false);
    }

    @Test
    void cloud_needsEmailTokenAndUrlOnly() {
        assertThat(problemKeys(Map.of("data_source", "jira_cloud"))).containsExactly("account_email", "api_token", "jira_url");
        JiraConfig config = JiraConfig.from(SCHEMA.resolve(Map.of("data_source", "jira_cloud", "account_email", "a@b.c",
                "api_token", "t", "jira_url", "https://acme.atlassian.net", "projects", "A, B")));
        assertThat(config.flavor()).isEqualTo(Flavor.CLOUD);
        assertThat(config.auth()).isEqualTo(HttpAuth.basic("a@b.c", "t"));
        assertThat(config.projects()).containsExactly("A", "B");
        assertThat(config.allProjects()).isFalse();
        assertThat(config.retryCount()).isEqualTo(3);
    }

    @Test
    void server_needsUsernameAndPassword() {
        assertThat(problemKeys(Map.of("data_source", "jira_server", "jira_url", "http://jira:8080")))
                .containsExactly("username", "password");
    }

    @Test
    void dataCenter_basicOrPersonalAccessToken() {
        Map<String, Object> values = new HashMap<>(Map.of("data_source", "jira_data_center", "jira_url", "https://jira.acme.com"));
        assertThat(problemKeys(values)).containsExactly("data_center_username", "data_center_password");
        values.put("data_center_auth_method", "personal_access_token");
        assertThat(problemKeys(values)).containsExactly("data_center_personal_access_token");
        values.put("data_center_personal_access_token", "pat");
        JiraConfig config = JiraConfig.from(SCHEMA.resolve(values));
        assertThat(config.flavor()).isEqualTo(Flavor.SERVER);
        assertThat(config.auth()).isEqualTo(HttpAuth.bearer("pat"));
        assertThat(config.allProjects()).isTrue();
    }

    @Test
    void concurrentDownloads_isAtMost100_andSslCaIsRequiredOnlyWithSsl() {
        Map<String, Object> values = new HashMap<>(Map.of("data_source", "jira_server", "jira_url", "http://jira",
                "username", "u", "password", "p", "concurrent_downloads", 101));
        assertThat(problemKeys(values)).containsExactly("concurrent_downloads");
        values.put("concurrent_downloads", 100);
        values.put("ssl_enabled", true);
        assertThat(problemKeys(values)).containsExactly("ssl_ca");
        values.put("ssl_enabled", false);
        assertThat(problemKeys(values)).isEmpty();
        values.put("jira_url", "jira.acme.com");
        assertThat(problemKeys(values)).containsExactly("jira_url");
    }
}
