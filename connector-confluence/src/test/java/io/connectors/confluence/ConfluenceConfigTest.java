package io.connectors.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.http.HttpAuth;
import io.connectors.atlassian.Deployment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfluenceConfigTest {

    private static ConfluenceConfig config(Map<String, Object> values) {
        return ConfluenceConfig.from(ConfluenceDataSource.configSchema().resolve(values));
    }

    @Test
    void from_defaults_elasticsDefaults() {
        ConfluenceConfig config = config(Map.of("confluence_url", "https://confluence.example.com/confluence/",
                "username", "u", "password", "p"));

        assertThat(config.deployment()).isEqualTo(Deployment.SERVER);
        assertThat(config.apiUrl()).isEqualTo("https://confluence.example.com/confluence");
        assertThat(config.allSpaces()).isTrue();
        assertThat(config.retryCount()).isEqualTo(3);
        assertThat(config.concurrentDownloads()).isEqualTo(50);
        assertThat(config.indexLabels()).isFalse();
        assertThat(config.auth()).isEqualTo(HttpAuth.basic("u", "p"));
    }

    @Test
    void from_cloudSite_apiUnderWiki() {
        Map<String, Object> values = new HashMap<>(Map.of("data_source", "confluence_cloud", "confluence_url", "https://example.atlassian.net",
                "account_email", "a@example.com", "api_token", "t"));
        assertThat(config(values).apiUrl()).isEqualTo("https://example.atlassian.net/wiki");
        values.put("confluence_url", "https://example.atlassian.net/wiki");
        assertThat(config(values).apiUrl()).isEqualTo("https://example.atlassian.net/wiki");
    }

    @Test
    void from_dataCenterToken_bearer() {
        ConfluenceConfig config = config(Map.of("data_source", "confluence_data_center", "confluence_url", "https://c.example.com",
                "data_center_auth_method", "personal_access_token", "data_center_personal_access_token", "pat",
                "spaces", "DEV, OPS"));

        assertThat(config.auth()).isEqualTo(HttpAuth.bearer("pat"));
        assertThat(config.spaces()).containsExactly("DEV", "OPS");
        assertThat(config.allSpaces()).isFalse();
    }

    @Test
    void schema_concurrentDownloadsAbove50_refused() {
        assertThat(ConfluenceDataSource.configSchema().validate(Map.of("confluence_url", "https://c.example.com",
                "username", "u", "password", "p", "concurrent_downloads", 51))).isNotEmpty();
    }
}
