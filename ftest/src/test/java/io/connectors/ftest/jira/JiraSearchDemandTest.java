package io.connectors.ftest.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.Filtering;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.ftest.jira.MockJira.Flavor;
import io.connectors.jira.JiraDataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue search pages are fetched as the sync consumes them, not ahead: found by {@code make ftest DATA_SIZE=large},
 * where every project's search was read up to 256 pages ahead (flatMapIterable's default prefetch) and the daemon ran
 * out of its 512 MiB heap holding 100,000 issues.
 */
class JiraSearchDemandTest {

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void aConsumerThatWantsFewDocuments_causesFewSearchPages(Flavor flavor) {
        try (MockJira mock = MockJira.start(MockJira.Options.of(flavor, 3_000).withProjects(1))) {
            Map<String, Object> values = new HashMap<>();
            values.put("jira_url", mock.url());
            values.put("data_source", flavor == Flavor.CLOUD ? "jira_cloud" : "jira_server");
            values.put(flavor == Flavor.CLOUD ? "account_email" : "username", mock.options().user());
            values.put(flavor == Flavor.CLOUD ? "api_token" : "password", mock.options().secret());
            SourceConfiguration configuration = JiraDataSource.configSchema().resolve(values);
            try (JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of("demand"))) {
                // 30 pages of 100 issues are there; a slow consumer asks for 150 documents, a few at a time
                Long taken = source.docs(Filtering.NONE).limitRate(10).delayElements(Duration.ofMillis(5)).take(150, true).count().block(Duration.ofSeconds(60));
                assertThat(taken).isEqualTo(150);
            }
            @SuppressWarnings("unchecked")
            Map<String, Integer> endpoints = (Map<String, Integer>) mock.stats().get("by_endpoint");
            int searches = endpoints.entrySet().stream().filter(entry -> entry.getKey().contains("/search"))
                    .mapToInt(Map.Entry::getValue).sum();
            assertThat(searches).as("search requests for 150 documents, by endpoint %s", endpoints).isBetween(1, 4);
        }
    }
}
