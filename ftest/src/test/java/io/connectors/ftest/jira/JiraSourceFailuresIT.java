package io.connectors.ftest.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.Filtering;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.json.Json;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sink.elasticsearch.ElasticsearchSink;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import io.connectors.core.sync.SyncSettings;
import io.connectors.ftest.jira.Faults.SearchFault;
import io.connectors.ftest.jira.MockJira.Flavor;
import io.connectors.jira.JiraDataSource;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A source must never turn a failure into "no data": every way the mock Jira answers a search wrongly fails the
 * full sync, and nothing is deleted. A project that is really gone is deleted only by a full sync that says so.
 */
@ExtendWith(ElasticsearchExtension.class)
class JiraSourceFailuresIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static IndexProbe probe;
    private static TikaExtractor extractor;
    private static TestElasticsearch elasticsearch;

    @BeforeAll
    static void connect(TestElasticsearch es) {
        elasticsearch = es;
        probe = new IndexProbe(es.url());
        extractor = TikaExtractor.create(ExtractionSettings.defaults().withMaxDownloadBytes(2 << 20));
    }

    @AfterAll
    static void disconnect() {
        extractor.close();
        probe.close();
    }

    static Stream<Arguments> faults() {
        return Arrays.stream(Flavor.values()).flatMap(flavor -> Arrays.stream(SearchFault.values())
                .filter(fault -> fault != SearchFault.NONE)
                .map(fault -> Arguments.of(flavor, fault)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("faults")
    void fullSync_searchAnswersWrongly_failsAndDeletesNothing(Flavor flavor, SearchFault fault) {
        // Server pages of 100 (an administrator's cap), as Cloud's: the fault hits a later page of every search, the
        // light listing's too (a full sync of a non-empty index lists first)
        try (MockJira mock = MockJira.start(MockJira.Options.of(flavor, 250).withProjects(1).withServerMaxResults(100))) {
            String index = elasticsearch.uniqueIndex("jira-fault-" + flavor + "-" + fault);
            Map<String, Object> values = configuration(mock);
            SyncReport clean = full(values, index, new RuntimeSourceContext("jira-it", null, Clock.systemUTC(), 10));
            assertThat(clean.completed()).as(clean.summary()).isTrue();
            long before = probe.count(index);

            mock.faults(Faults.search(fault, 1)); // the first page answers well, the next ones do not
            SyncReport faulty = full(values, index, new RuntimeSourceContext("jira-it", null, Clock.systemUTC(), 10));

            assertThat(faulty.completed()).as("%s: %s", fault, faulty.summary()).isFalse();
            assertThat(faulty.error()).isNotBlank();
            assertThat(faulty.deleted()).isZero();
            assertThat(probe.count(index)).isEqualTo(before);
        }
    }

    @Test
    void configuredProjectReallyGone_isReportedOnTheJob_andOnlyThisFullSyncDeletesItsDocuments() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.SERVER, 60).withProjects(2))) {
            String index = elasticsearch.uniqueIndex("jira-gone");
            Map<String, Object> values = configuration(mock);
            values.put("projects", "P1, P2");
            assertThat(full(values, index, RuntimeSourceContext.of("jira-it")).completed()).isTrue();
            long p2Documents = mock.data().issues().stream().filter(issue -> issue.projectKey().equals("P2"))
                    .mapToLong(issue -> 1 + issue.attachments().size()).sum() + 1;

            mock.data().removeProject("P2");
            RuntimeSourceContext context = new RuntimeSourceContext("jira-it", "job-1", Clock.systemUTC(), 10);
            SyncReport report = full(values, index, context);

            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(report.deleted()).isEqualTo(p2Documents);
            assertThat(context.notices()).singleElement().asString()
                    .contains("P2").contains("not found").contains("full sync deletes");
        }
    }

    private static Map<String, Object> configuration(MockJira mock) {
        Map<String, Object> values = new HashMap<>();
        values.put("jira_url", mock.url());
        values.put("retry_count", 1);
        if (mock.flavor() == Flavor.CLOUD) {
            values.put("data_source", "jira_cloud");
            values.put("account_email", mock.options().user());
            values.put("api_token", mock.options().secret());
        } else {
            values.put("data_source", "jira_server");
            values.put("username", mock.options().user());
            values.put("password", mock.options().secret());
        }
        return values;
    }

    private static SyncReport full(Map<String, Object> values, String index, RuntimeSourceContext context) {
        SourceConfiguration configuration = JiraDataSource.configSchema().resolve(values);
        BulkSettings bulk = BulkSettings.defaults().withRetryInterval(Duration.ofMillis(50));
        SyncEngine engine = new SyncEngine(new ElasticsearchSink(probe.asyncClient(), index, bulk, Json.mapper()),
                extractor, SyncSettings.defaults().withConcurrentDownloads(10));
        try (JiraDataSource source = new JiraDataSource(configuration, context)) {
            return engine.fullSync(source, Filtering.NONE, new SyncProgress()).block(TIMEOUT);
        }
    }
}
