package io.connectors.ftest.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.api.http.HttpAuth;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.core.http.NettySourceHttpClient;
import io.connectors.ftest.jira.MockJira.Flavor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mock's wire format: what a client of the real Jira REST API relies on. */
class MockJiraTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static NettySourceHttpClient client(MockJira mock, HttpAuth auth) {
        return NettySourceHttpClient.create(HttpClientSettings.of(mock.url(), auth).withRetryCount(0));
    }

    private static HttpAuth basic(MockJira mock) {
        return HttpAuth.basic(mock.options().user(), mock.options().secret());
    }

    @Test
    void cloudSearch_pagesByNextPageToken_absentOnTheLastPage_andOnlyIdsWithoutFields() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.CLOUD, 30).withProjects(1));
             NettySourceHttpClient http = client(mock, basic(mock))) {
            JsonNode first = http.getJson("/rest/api/3/search/jql?jql=project%20%3D%20P1&maxResults=20&fields=*all", JsonNode.class).block(TIMEOUT);
            assertThat(first.get("issues")).hasSize(20);
            assertThat(first.get("isLast").asBoolean()).isFalse();
            assertThat(first.get("issues").get(0).get("fields").get("description").get("type").asText()).isEqualTo("doc");
            JsonNode second = http.getJson("/rest/api/3/search/jql?jql=project%20%3D%20P1&maxResults=20&fields=*all&nextPageToken="
                    + first.get("nextPageToken").asText(), JsonNode.class).block(TIMEOUT);
            assertThat(second.get("issues")).hasSize(10);
            assertThat(second.has("nextPageToken")).isFalse();
            assertThat(second.get("isLast").asBoolean()).isTrue();
            JsonNode idsOnly = http.getJson("/rest/api/3/search/jql?jql=project%20%3D%20P1", JsonNode.class).block(TIMEOUT);
            assertThat(idsOnly.get("issues").get(0).has("fields")).isFalse();
        }
    }

    @Test
    void timeoutFault_everyNthRequest_getsNoAnswerAndItsConnectionIsClosed_theOthersAnswer() {
        Faults faults = Faults.NONE.withTimeouts(2, Duration.ofMillis(300));
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.CLOUD, 5).withFaults(faults));
             NettySourceHttpClient http = client(mock, basic(mock))) {
            assertThat(http.getJson("/rest/api/3/myself", JsonNode.class).block(TIMEOUT)).isNotNull();
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.getJson("/rest/api/3/myself", JsonNode.class).block(TIMEOUT))
                    .isInstanceOf(io.connectors.api.http.HttpTransportException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(http.getJson("/rest/api/3/myself", JsonNode.class).block(TIMEOUT)).isNotNull();
            assertThat(mock.stats()).containsEntry("injected_timeouts", 1);
        }
    }

    @Test
    void cloud_oldSearchAnswers410_unboundedJqlAnswers400_withJirasErrorShape() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.CLOUD, 5));
             NettySourceHttpClient http = client(mock, basic(mock))) {
            assertThatThrownBy(() -> http.getJson("/rest/api/3/search?jql=project%3DP1", JsonNode.class).block(TIMEOUT))
                    .isInstanceOfSatisfying(HttpStatusException.class, error -> {
                        assertThat(error.status()).isEqualTo(410);
                        assertThat(error.responseBody()).contains("\"errorMessages\":[").contains("\"errors\":{}");
                    });
            assertThatThrownBy(() -> http.getJson("/rest/api/3/search/jql?jql=", JsonNode.class).block(TIMEOUT))
                    .isInstanceOfSatisfying(HttpStatusException.class, error -> assertThat(error.responseBody()).contains("Unbounded"));
            assertThatThrownBy(() -> http.getJson("/rest/api/3/search/jql?jql=project%3DNOPE", JsonNode.class).block(TIMEOUT))
                    .isInstanceOfSatisfying(HttpStatusException.class, error -> assertThat(error.responseBody())
                            .contains("The value 'NOPE' does not exist for the field 'project'."));
        }
    }

    @Test
    void serverSearch_pagesByStartAtAndTotal_withWikiMarkup_andBearerPat() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.SERVER, 25).withProjects(1));
             NettySourceHttpClient http = client(mock, HttpAuth.bearer(mock.options().personalAccessToken()))) {
            JsonNode page = http.getJson("/rest/api/2/search?jql=project%3DP1&startAt=20&maxResults=10&fields=*all", JsonNode.class).block(TIMEOUT);
            assertThat(page.get("startAt").asInt()).isEqualTo(20);
            assertThat(page.get("total").asInt()).isEqualTo(25);
            assertThat(page.get("issues")).hasSize(5);
            assertThat(page.get("issues").get(0).get("fields").get("description").asText()).startsWith("h2. Overview");
        }
    }

    @Test
    void auth_wrongCredentialsAnswer401_andAreCounted() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.CLOUD, 5));
             NettySourceHttpClient http = client(mock, HttpAuth.basic("jane@example.com", "nope"))) {
            assertThatThrownBy(() -> http.getJson("/rest/api/3/myself", JsonNode.class).block(TIMEOUT))
                    .isInstanceOfSatisfying(HttpStatusException.class, error -> assertThat(error.status()).isEqualTo(401));
            assertThat(mock.stats().get("unauthorized")).isEqualTo(1);
        }
    }

    @Test
    void adminEndpoints_addUpdateDeleteIssues_andFaultsAreInjected() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.SERVER, 5).withProjects(1));
             NettySourceHttpClient admin = client(mock, HttpAuth.none());
             NettySourceHttpClient http = client(mock, basic(mock))) {
            JsonNode added = admin.postJson("/_admin/issues", Map.of("project", "P1", "summary", "added"), JsonNode.class).block(TIMEOUT);
            assertThat(added.get("key").asText()).isEqualTo("P1-6");
            assertThat(mock.data().issues()).hasSize(6);
            assertThat(mock.data().issue("P1-6").orElseThrow().summary()).isEqualTo("added");
            mock.data().update("P1-1", "renamed", null, null, null);
            assertThat(mock.data().issue("P1-1").orElseThrow().summary()).isEqualTo("renamed");
            mock.data().delete("P1-2");
            assertThat(mock.data().issue("P1-2")).isEmpty();

            mock.faults(new Faults(2, 1, 0, 0, Duration.ZERO));
            http.getJson("/rest/api/2/myself", JsonNode.class).block(TIMEOUT);
            assertThatThrownBy(() -> http.getJson("/rest/api/2/myself", JsonNode.class).block(TIMEOUT))
                    .isInstanceOfSatisfying(HttpStatusException.class, error -> {
                        assertThat(error.status()).isEqualTo(429);
                        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    });
            JsonNode stats = admin.getJson("/_admin/stats", JsonNode.class).block(TIMEOUT);
            assertThat(stats.get("injected_429").asInt()).isEqualTo(1);
            assertThat(stats.get("requests").asInt()).isEqualTo(2);
        }
    }

    @Test
    void generatedFiles_areRealDocuments() {
        assertThat(new String(AttachmentFiles.pdf("t1"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("%PDF-1.4").contains("(PDF text t1) Tj").endsWith("%%EOF\n");
        byte[] docx = AttachmentFiles.docx("t2");
        assertThat(docx[0]).isEqualTo((byte) 'P');
        assertThat(docx[1]).isEqualTo((byte) 'K');
    }
}
