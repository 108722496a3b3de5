package io.connectors.atlassian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.http.HttpAuth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentTest {

    @Test
    void of_productDataSources_eachDeployment() {
        assertThat(Deployment.of("confluence", "confluence_cloud")).isEqualTo(Deployment.CLOUD);
        assertThat(Deployment.of("confluence", "confluence_server")).isEqualTo(Deployment.SERVER);
        assertThat(Deployment.of("jira", "jira_data_center")).isEqualTo(Deployment.DATA_CENTER);
    }

    @Test
    void of_otherProductsValue_errorNamesTheAcceptedValues() {
        assertThatThrownBy(() -> Deployment.of("confluence", "jira_cloud"))
                .hasMessageContaining("confluence_cloud, confluence_server or confluence_data_center");
    }

    @Test
    void from_eachDeployment_itsAuthenticationMode() {
        ConfigSchema schema = ConfigSchema.of(AtlassianAuth.fields("confluence", "Confluence", Deployment.SERVER, "hint"));
        assertThat(AtlassianAuth.from(schema.resolve(Map.of("data_source", "confluence_cloud",
                "account_email", "a@example.com", "api_token", "t")), Deployment.CLOUD))
                .isEqualTo(HttpAuth.basic("a@example.com", "t"));
        assertThat(AtlassianAuth.from(schema.resolve(Map.of("data_source", "confluence_server",
                "username", "u", "password", "p")), Deployment.SERVER))
                .isEqualTo(HttpAuth.basic("u", "p"));
        assertThat(AtlassianAuth.from(schema.resolve(Map.of("data_source", "confluence_data_center",
                "data_center_auth_method", "personal_access_token", "data_center_personal_access_token", "pat")),
                Deployment.DATA_CENTER)).isEqualTo(HttpAuth.bearer("pat"));
    }

    @Test
    void fields_defaultDeployment_isTheDataSourceDefault() {
        ConfigSchema schema = ConfigSchema.of(AtlassianAuth.fields("confluence", "Confluence", Deployment.SERVER, "hint"));
        assertThat(schema.resolve(Map.of("username", "u", "password", "p")).getString("data_source")).isEqualTo("confluence_server");
    }
}
