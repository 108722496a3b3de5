package io.connectors.ftest.jira;

import io.connectors.core.runtime.RuntimeSourceContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import io.connectors.ftest.jira.JiraData.Issue;
import io.connectors.ftest.jira.MockJira.Flavor;
import io.connectors.jira.JiraDataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jira's light listing against the mock, without Elasticsearch: the listing names exactly what {@code docs} streams,
 * with the same markers and nothing else; a fetch returns the same documents {@code docs} does, and leaves out an
 * issue deleted between listing and fetching (Jira answers 400 for a query naming it).
 */
class JiraListingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void list_namesWhatDocsStreams_withTheSameMarkers_andFetchMatchesDocs(Flavor flavor) {
        try (MockJira mock = MockJira.start(MockJira.Options.of(flavor, 120).withProjects(2))) {
            Map<String, SourceDocument> whole = byId(withSource(mock, source -> source.docs(Filtering.NONE).collectList().block(TIMEOUT)));
            mock.resetStats();

            withSource(mock, source -> {
                Map<String, SourceDocument> listed = byId(source.list(Filtering.NONE).collectList().block(TIMEOUT));
                assertThat(listed.keySet()).isEqualTo(whole.keySet());
                listed.values().forEach(document -> {
                    assertThat(document.timestamp()).as(document.id()).isEqualTo(whole.get(document.id()).timestamp());
                    assertThat(document.fields()).isEmpty();
                    assertThat(document.attachment()).isNull();
                });
                assertThat(mock.stats().get("full_issues_served")).isEqualTo(0L);
                assertThat(source.syncCursor()).containsKey("jira_updated_since");

                List<String> some = whole.keySet().stream().filter(id -> !id.startsWith("issue-")).limit(8).collect(Collectors.toList());
                some.addAll(whole.keySet().stream().filter(id -> id.startsWith("issue-")).limit(40).toList());
                Map<String, SourceDocument> fetched = byId(source.fetch(some).collectList().block(TIMEOUT));
                assertThat(fetched.keySet()).containsExactlyInAnyOrderElementsOf(some);
                fetched.values().forEach(document -> {
                    SourceDocument expected = whole.get(document.id());
                    assertThat(document.timestamp()).isEqualTo(expected.timestamp());
                    assertThat(document.fields()).as(document.id()).isEqualTo(expected.fields());
                    assertThat(document.attachment() == null).isEqualTo(expected.attachment() == null);
                });
                return null;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void fetch_issueDeletedAfterListing_isAbsent_andTheOthersArrive(Flavor flavor) {
        try (MockJira mock = MockJira.start(MockJira.Options.of(flavor, 30).withProjects(1))) {
            withSource(mock, source -> {
                List<String> issues = source.list(Filtering.NONE).map(SourceDocument::id)
                        .filter(id -> id.startsWith("issue-")).take(5).collectList().block(TIMEOUT);
                Issue gone = mock.data().issue(issues.get(2).substring("issue-".length())).orElseThrow();
                mock.data().delete(gone.key());

                List<String> fetched = source.fetch(issues).map(SourceDocument::id).collectList().block(TIMEOUT);

                assertThat(fetched).containsExactlyInAnyOrder(issues.get(0), issues.get(1), issues.get(3), issues.get(4));
                return null;
            });
        }
    }

    private static Map<String, SourceDocument> byId(List<SourceDocument> documents) {
        return documents.stream().collect(Collectors.toMap(SourceDocument::id, document -> document));
    }

    private static <T> T withSource(MockJira mock, java.util.function.Function<JiraDataSource, T> use) {
        Map<String, Object> values = new HashMap<>();
        values.put("jira_url", mock.url());
        values.put("data_source", mock.flavor() == Flavor.CLOUD ? "jira_cloud" : "jira_server");
        values.put(mock.flavor() == Flavor.CLOUD ? "account_email" : "username", mock.options().user());
        values.put(mock.flavor() == Flavor.CLOUD ? "api_token" : "password", mock.options().secret());
        SourceConfiguration configuration = JiraDataSource.configSchema().resolve(values);
        try (JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of("listing"))) {
            return use.apply(source);
        }
    }
}
