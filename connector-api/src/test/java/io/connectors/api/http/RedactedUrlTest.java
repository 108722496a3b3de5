package io.connectors.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {

    @Test
    void of_urlWithUserAndPassword_hidesThem() {
        assertThat(RedactedUrl.of("is Elasticsearch running at https://elastic:changeme@es.internal:9200/?")).isEqualTo(
                "is Elasticsearch running at https://***@es.internal:9200/?");
    }

    @Test
    void of_urlWithoutCredentials_isUnchanged() {
        assertThat(RedactedUrl.of("http://127.0.0.1:9200/_bulk?x=a@b")).isEqualTo("http://127.0.0.1:9200/_bulk?x=a@b");
    }

    @Test
    void settingsToString_redactsTheBaseUrl() {
        assertThat(HttpClientSettings.of("https://jane:s3cret@jira.example.com", HttpAuth.none()).toString())
                .contains("https://***@jira.example.com").doesNotContain("s3cret");
    }
}
