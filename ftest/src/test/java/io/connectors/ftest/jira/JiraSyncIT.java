package io.connectors.ftest.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.connectors.ftest.jira.JiraData.Issue;
import io.connectors.core.sync.rules.FilteringValidation;
import io.connectors.ftest.jira.MockJira.Flavor;
import io.connectors.jira.JiraDataSource;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** JiraDataSource against the mock Jira, through the real sync engine into a real Elasticsearch: exact counts. */
@ExtendWith(ElasticsearchExtension.class)
class JiraSyncIT {

    private static final Logger log = LoggerFactory.getLogger(JiraSyncIT.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int ISSUES = 300;
    private static final int PROJECTS = 2; // 150 issues a project: search pages twice (100 a page)

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

    private static Map<String, Object> configuration(MockJira mock) {
        Map<String, Object> values = new HashMap<>();
        values.put("jira_url", mock.url());
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

    private static SyncReport sync(Map<String, Object> values, String index, Filtering filtering,
                                   Function<JiraDataSource, Mono<SyncReport>> run) {
        SourceConfiguration configuration = JiraDataSource.configSchema().resolve(values);
        try (JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of("jira-it"))) {
            return run.apply(source).block(TIMEOUT);
        }
    }

    private static SyncEngine engine(String index) {
        BulkSettings bulk = BulkSettings.defaults().withRetryInterval(Duration.ofMillis(50));
        return new SyncEngine(new ElasticsearchSink(probe.asyncClient(), index, bulk, Json.mapper()),
                extractor, SyncSettings.defaults().withConcurrentDownloads(100));
    }

    private static SyncReport full(Map<String, Object> values, String index, Filtering filtering) {
        return sync(values, index, filtering, source -> engine(index).fullSync(source, filtering, new SyncProgress()));
    }

    private static SyncReport incremental(Map<String, Object> values, String index, Map<String, Object> cursor) {
        return sync(values, index, Filtering.NONE,
                source -> engine(index).incrementalSync(source, cursor, Filtering.NONE, new SyncProgress()));
    }

    private static long expectedDocuments(JiraData data) {
        return data.projects().size() + data.issues().size() + data.attachmentCount();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void fullSync_isExact_resyncWritesNothing_andChangesShowUpIncrementallyAndOnTheNextFullSync(Flavor flavor) {
        try (MockJira mock = MockJira.start(MockJira.Options.of(flavor, ISSUES).withProjects(PROJECTS))) {
            JiraData data = mock.data();
            String index = elasticsearch.uniqueIndex("jira-" + flavor);
            Map<String, Object> values = configuration(mock);
            long expected = expectedDocuments(data);

            SyncReport first = full(values, index, Filtering.NONE);
            log.info("{}: first full sync of {} documents ({} issues): {} docs/s; {}", flavor, expected, ISSUES,
                    Math.round(first.docsPerSecond()), first.summary());

            assertThat(first.completed()).as(first.summary()).isTrue();
            assertThat(first.created()).isEqualTo(expected);
            assertThat(probe.count(index)).isEqualTo(expected);
            Issue manyComments = data.issues().get(2);
            assertThat(manyComments.comments()).hasSize(45);
            assertThat(probe.document(index, "issue-" + manyComments.id()).orElseThrow().get("comment_count").asInt()).isEqualTo(45);
            assertThat(probe.matches(index, "comments.text", "ctok" + manyComments.comments().getLast().id())).isEqualTo(1);
            Issue some = data.issues().get(41);
            assertThat(probe.matches(index, "description", some.descriptionToken())).isEqualTo(1);
            var issueDoc = probe.document(index, "issue-" + some.id()).orElseThrow();
            assertThat(issueDoc.get("key").asText()).isEqualTo(some.key());
            assertThat(issueDoc.get("_timestamp").asText()).isEqualTo(MockJira.time(some.updated()));
            assertThat(issueDoc.get("custom_fields").get("Team").asText()).isEqualTo(some.team());
            assertThat(issueDoc.get("description").asText()).contains("Overview").contains("- first point");
            JiraData.AttachmentFile txt = data.issues().stream().flatMap(issue -> issue.attachments().stream())
                    .filter(file -> file.kind() == JiraData.Kind.TXT).findFirst().orElseThrow();
            assertThat(probe.matches(index, "body", txt.token())).isEqualTo(1);
            assertThat(probe.document(index, "project-" + data.projects().getFirst().id())).isPresent();
            assertThat(mock.stats().get("media_requests_with_authorization")).isEqualTo(0);

            SyncReport second = full(values, index, Filtering.NONE);
            assertThat(second.completed()).as(second.summary()).isTrue();
            assertThat(second.indexed()).isZero();
            assertThat(second.deleted()).isZero();
            assertThat(second.unchanged()).isEqualTo(expected);
            assertThat(second.attachmentsDownloaded()).isZero();

            Issue updated = data.update(data.issues().get(0).key(), "Renamed utok1", null, null, "new comment nctok1");
            Issue deleted = data.issues().get(1);
            data.delete(deleted.key());
            Issue added = data.add("P2", "Brand new issue ntok1", "fresh", List.of("docs"), true);

            SyncReport incremental = incremental(values, index, second.cursor());
            assertThat(incremental.completed()).as(incremental.summary()).isTrue();
            assertThat(incremental.indexed()).isEqualTo(3); // updated issue, new issue, its new attachment
            assertThat(incremental.deleted()).isZero();
            assertThat(probe.matches(index, "title", "utok1")).isEqualTo(1);
            assertThat(probe.matches(index, "comments.text", "nctok1")).isEqualTo(1);
            assertThat(probe.matches(index, "title", "ntok1")).isEqualTo(1);
            assertThat(probe.document(index, "issue-" + deleted.id())).isPresent();

            SyncReport third = full(values, index, Filtering.NONE);
            assertThat(third.completed()).as(third.summary()).isTrue();
            assertThat(third.indexed()).isZero();
            assertThat(third.deleted()).isEqualTo(1 + deleted.attachments().size());
            assertThat(probe.count(index)).isEqualTo(expected + 2 - 1 - deleted.attachments().size());
            assertThat(probe.document(index, "issue-" + deleted.id())).isEmpty();
            assertThat(probe.document(index, "issue-" + added.id())).isPresent();
            assertThat(probe.document(index, "issue-" + updated.id()).orElseThrow().get("_timestamp").asText())
                    .isEqualTo(MockJira.time(updated.updated()));
        }
    }

    /**
     * The resync of an index that holds the connector's documents lists ids and {@code updated} only, then fetches
     * whole issues (and downloads attachments) only for what is new or changed: a no-change resync requests no whole
     * issue and no attachment and reads under a tenth of the full sync's bytes; deletions stay exact.
     */
    @ParameterizedTest
    @EnumSource(Flavor.class)
    void fullResync_listsThenFetchesOnlyWhatChanged_andReadsAFractionOfTheBytes(Flavor flavor) {
        try (MockJira mock = MockJira.start(MockJira.Options.of(flavor, ISSUES).withProjects(PROJECTS))) {
            JiraData data = mock.data();
            String index = elasticsearch.uniqueIndex("jira-listing-" + flavor);
            Map<String, Object> values = configuration(mock);
            long expected = expectedDocuments(data);

            SyncReport first = full(values, index, Filtering.NONE);
            assertThat(first.completed()).as(first.summary()).isTrue();
            assertThat(first.created()).isEqualTo(expected);
            long fullSyncBytes = mock.bytesServed();
            assertThat(mock.stats().get("full_issues_served")).isEqualTo((long) ISSUES);
            assertThat((Long) mock.stats().get("attachment_contents_served")).isPositive();

            mock.resetStats();
            SyncReport noChange = full(values, index, Filtering.NONE);
            long noChangeBytes = mock.bytesServed();
            log.info("{}: full sync read {} bytes, the no-change resync {} bytes ({} %); {}", flavor, fullSyncBytes,
                    noChangeBytes, Math.round(100.0 * noChangeBytes / fullSyncBytes), noChange.summary());
            assertThat(noChange.completed()).as(noChange.summary()).isTrue();
            assertThat(noChange.unchanged()).isEqualTo(expected);
            assertThat(noChange.indexed()).isZero();
            assertThat(noChange.deleted()).isZero();
            assertThat(noChange.attachmentsDownloaded()).isZero();
            assertThat(mock.stats().get("full_issues_served")).isEqualTo(0L);
            assertThat(mock.stats().get("partial_issues_served")).isEqualTo((long) ISSUES);
            assertThat(mock.stats().get("attachment_contents_served")).isEqualTo(0L);
            assertThat(noChangeBytes).isLessThanOrEqualTo(fullSyncBytes / 10);

            Issue renamed = data.update(data.issues().get(0).key(), "Renamed ltok1", null, null, null);
            Issue commented = data.update(data.issues().get(5).key(), null, null, null, "listing comment lctok1");
            Issue deleted = data.issues().stream().skip(10).filter(issue -> !issue.attachments().isEmpty()).findFirst().orElseThrow();
            data.delete(deleted.key());
            Issue added = data.add("P2", "Listed new issue lntok1", "fresh", List.of("docs"), true);
            mock.resetStats();

            SyncReport changed = full(values, index, Filtering.NONE);

            assertThat(changed.completed()).as(changed.summary()).isTrue();
            assertThat(changed.updated()).isEqualTo(2);
            assertThat(changed.created()).isEqualTo(2); // the new issue and its attachment
            assertThat(changed.deleted()).isEqualTo(1 + deleted.attachments().size());
            assertThat(changed.attachmentsDownloaded()).isEqualTo(1);
            assertThat(mock.stats().get("full_issues_served")).isEqualTo(3L);
            assertThat(mock.stats().get("attachment_contents_served")).isEqualTo(1L);
            assertThat(probe.count(index)).isEqualTo(expected + 2 - 1 - deleted.attachments().size());
            assertThat(probe.matches(index, "title", "ltok1")).isEqualTo(1);
            assertThat(probe.matches(index, "comments.text", "lctok1")).isEqualTo(1);
            assertThat(probe.matches(index, "title", "lntok1")).isEqualTo(1);
            assertThat(probe.document(index, "issue-" + deleted.id())).isEmpty();
            assertThat(probe.document(index, "issue-" + commented.id()).orElseThrow().get("_timestamp").asText())
                    .isEqualTo(MockJira.time(commented.updated()));
            assertThat(probe.document(index, "issue-" + renamed.id()).orElseThrow().get("_timestamp").asText())
                    .isEqualTo(MockJira.time(renamed.updated()));
            assertThat(probe.document(index, "attachment-" + added.attachments().getFirst().id())).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void faultRun_with429sAnd500s_endsWithTheSameExactCounts(Flavor flavor) {
        try (MockJira mock = MockJira.start(MockJira.Options.of(flavor, ISSUES).withProjects(PROJECTS)
                .withFaults(new Faults(13, 1, 20, 2, Duration.ZERO)))) {
            String index = elasticsearch.uniqueIndex("jira-faults-" + flavor);
            Map<String, Object> values = configuration(mock);
            values.put("retry_count", 5);

            SyncReport report = full(values, index, Filtering.NONE);

            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(report.created()).isEqualTo(expectedDocuments(mock.data()));
            assertThat(probe.count(index)).isEqualTo(expectedDocuments(mock.data()));
            assertThat((Integer) mock.stats().get("injected_429")).isPositive();
            assertThat((Integer) mock.stats().get("injected_500")).isPositive();
            log.info("{} fault run: {} (mock stats {})", flavor, report.summary(), mock.stats());
        }
    }

    @Test
    void advancedRules_syncOnlyWhatTheQueriesMatch_andABadQueryFailsTheSyncClearly() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.CLOUD, 60))) {
            String index = elasticsearch.uniqueIndex("jira-rules");
            Map<String, Object> values = configuration(mock);
            List<Issue> matching = mock.data().issues().stream()
                    .filter(issue -> issue.labels().contains("docs") && issue.projectKey().equals("P1")).toList();
            Filtering rules = new Filtering(List.of(), List.of(Map.of("query", "project = P1 AND labels = docs ORDER BY key DESC")));

            SyncReport report = full(values, index, rules);

            long attachments = matching.stream().mapToLong(issue -> issue.attachments().size()).sum();
            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(report.created()).isEqualTo(matching.size() + attachments);

            SyncReport bad = full(values, index, new Filtering(List.of(), List.of(Map.of("query", "nosuchfield = 1"))));
            assertThat(bad.completed()).isFalse();
            assertThat(bad.error()).contains("Jira refused advanced sync rules").contains("nosuchfield");
            assertThat(bad.deleted()).isZero();
            assertThat(probe.count(index)).isEqualTo(matching.size() + attachments);
        }
    }

    @Test
    void draftValidation_asksJiraForEachQuery_andWritesJirasMessageOnTheAdvancedSnippet() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.CLOUD, 5))) {
            SourceConfiguration configuration = JiraDataSource.configSchema().resolve(configuration(mock));
            try (JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of("jira-draft"))) {
                Filtering good = new Filtering(List.of(new Filtering.BasicRule("r1", 0, "exclude", "status", "equals", "Done")),
                        List.of(Map.of("query", "project = P1")));
                Filtering bad = new Filtering(List.of(), List.of(Map.of("query", "project = P1"), Map.of("query", "nosuchfield = 1")));

                FilteringValidation.Result valid = FilteringValidation.validate(good, source).block(TIMEOUT);
                FilteringValidation.Result invalid = FilteringValidation.validate(bad, source).block(TIMEOUT);

                assertThat(valid.toDocument()).isEqualTo(Map.of("state", "valid", "errors", List.of()));
                assertThat(invalid.valid()).isFalse();
                assertThat(invalid.errors()).singleElement().satisfies(error -> {
                    assertThat(error.ids()).containsExactly(FilteringValidation.ADVANCED_RULES_ID);
                    assertThat(error.messages()).singleElement().asString()
                            .contains("Jira refused advanced sync rules").contains("'nosuchfield = 1'");
                });
            }
        }
    }

    @Test
    void missingProject_isReportedByValidation_andTheSyncContinuesWithTheOthers() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.SERVER, 30))) {
            String index = elasticsearch.uniqueIndex("jira-missing");
            Map<String, Object> values = configuration(mock);
            values.put("projects", "P1, NOPE");
            SourceConfiguration configuration = JiraDataSource.configSchema().resolve(values);
            try (JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of("jira-it"))) {
                assertThatThrownBy(() -> source.validateConfig().block(TIMEOUT)).hasMessageContaining("Jira projects not found: NOPE");
            }

            SyncReport report = full(values, index, Filtering.NONE);

            List<Issue> p1 = mock.data().issues().stream().filter(issue -> issue.projectKey().equals("P1")).toList();
            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(report.created()).isEqualTo(1 + p1.size() + p1.stream().mapToLong(issue -> issue.attachments().size()).sum());
        }
    }

    @Test
    void wrongCredentials_pingAndSyncFailNamingThePathAndStatus() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.CLOUD, 5))) {
            Map<String, Object> values = configuration(mock);
            values.put("api_token", "wrong-token-value");
            SourceConfiguration configuration = JiraDataSource.configSchema().resolve(values);
            try (JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of("jira-it"))) {
                assertThatThrownBy(() -> source.ping().block(TIMEOUT))
                        .hasMessageContaining("GET /rest/api/3/myself answered 401 Unauthorized")
                        .message().doesNotContain("wrong-token-value");
            }
            SyncReport report = full(values, elasticsearch.uniqueIndex("jira-auth"), Filtering.NONE);
            assertThat(report.completed()).isFalse();
            assertThat(report.error()).contains("401").doesNotContain("wrong-token-value");
        }
    }

    @Test
    void dataCenterPersonalAccessToken_isSentAsBearer() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(Flavor.SERVER, 10))) {
            Map<String, Object> values = new HashMap<>(Map.of("data_source", "jira_data_center", "jira_url", mock.url(),
                    "data_center_auth_method", "personal_access_token",
                    "data_center_personal_access_token", mock.options().personalAccessToken()));
            SyncReport report = full(values, elasticsearch.uniqueIndex("jira-dc"), Filtering.NONE);
            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(report.created()).isEqualTo(expectedDocuments(mock.data()));
            assertThat(mock.stats().get("unauthorized")).isEqualTo(0);
        }
    }
}
