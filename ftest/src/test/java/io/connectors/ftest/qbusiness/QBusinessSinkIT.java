package io.connectors.ftest.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.sink.Sink;
import io.connectors.api.source.Filtering;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.runtime.RuntimeSinkContext;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.json.Json;
import io.connectors.core.sink.FanOutSink;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sink.elasticsearch.ElasticsearchSink;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import io.connectors.core.sync.SyncSettings;
import io.connectors.ftest.jira.JiraData;
import io.connectors.ftest.jira.MockJira;
import io.connectors.jira.JiraDataSource;
import io.connectors.qbusiness.QBusinessSinkDescriptor;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Q Business sink end to end: the mock Jira through the real sync engine into the mock Q Business (real HTTP,
 * SigV4 verified), with the sink's state in a real Elasticsearch. The small run of {@code make ftest SINK=qbusiness}.
 */
@ExtendWith(ElasticsearchExtension.class)
class QBusinessSinkIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int ISSUES = 40;

    private static IndexProbe probe;
    private static TikaExtractor extractor;
    private static TestElasticsearch elasticsearch;
    /** The extractor's own temporary folder: what the engine and the sink leave behind shows there. */
    private static Path spool;

    @BeforeAll
    static void connect(TestElasticsearch es) throws IOException {
        elasticsearch = es;
        probe = new IndexProbe(es.url());
        spool = Files.createTempDirectory("qbusiness-it-spool");
        extractor = TikaExtractor.create(ExtractionSettings.defaults().withMaxDownloadBytes(2 << 20).withTempDir(spool));
    }

    /** Indices this class created (state indices, the both-sinks index): removed at the end, the node is shared. */
    private static final List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void disconnect() {
        for (String index : CREATED) {
            try {
                probe.client().indices().delete(d -> d.index(index).ignoreUnavailable(true));
            } catch (java.io.IOException | RuntimeException e) {
                // best effort: a leftover test index is harmless
            }
        }
        extractor.close();
        probe.close();
        try (var files = Files.list(spool)) {
            files.forEach(file -> file.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort
        }
        spool.toFile().delete();
    }

    private static List<Path> spoolFiles() {
        try (var files = Files.list(spool)) {
            return files.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JiraData.AttachmentFile> attachments(JiraData data) {
        return data.issues().stream().flatMap(issue -> issue.attachments().stream()).toList();
    }

    /** What each attachment of the mock Jira must be in Q Business when its original goes: type and exact bytes. */
    private static void assertOriginalsLanded(JiraData data, MockQBusiness qb) {
        Map<JiraData.Kind, String> types = Map.of(JiraData.Kind.PDF, "PDF", JiraData.Kind.DOCX, "MS_WORD", JiraData.Kind.TXT, "PLAIN_TEXT");
        for (JiraData.AttachmentFile attachment : attachments(data)) {
            MockQBusiness.StoredDocument stored = qb.document("attachment-" + attachment.id()).orElseThrow(
                    () -> new AssertionError("attachment-" + attachment.id() + " (" + attachment.filename() + ") did not land"));
            String type = types.get(attachment.kind());
            if (type != null) {
                assertThat(stored.contentType()).as(attachment.filename()).isEqualTo(type);
                assertThat(stored.content()).as(attachment.filename()).isEqualTo(attachment.bytes());
            } else {
                // corrupt (not extracted) or oversized (not downloaded): no original, the metadata as text
                assertThat(stored.contentType()).as(attachment.filename()).isEqualTo("PLAIN_TEXT");
                assertThat(stored.content()).as(attachment.filename()).isNotEqualTo(attachment.bytes());
            }
        }
    }

    private static Map<String, Object> qbusiness(MockQBusiness mock, String application) {
        Map<String, Object> values = new HashMap<>();
        values.put("region", MockQBusiness.REGION);
        values.put("application_id", application);
        values.put("index_id", "index-1");
        values.put("data_source_id", "ds-1");
        values.put("endpoint", mock.url());
        values.put("access_key_id", MockQBusiness.ACCESS_KEY_ID);
        values.put("secret_access_key", MockQBusiness.SECRET);
        values.put("max_retries", 10);
        return values;
    }

    private static Sink sink(String connectorId, Map<String, Object> values) {
        QBusinessSinkDescriptor descriptor = new QBusinessSinkDescriptor();
        SourceConfiguration configuration = descriptor.configSchema().resolve(values);
        return descriptor.create(new RuntimeSinkContext(connectorId, "unused", configuration, probe.asyncClient(),
                BulkSettings.defaults()));
    }

    private static SyncReport fullSync(MockJira jira, String connectorId, Map<String, Object> values) {
        return fullSync(jira, () -> sink(connectorId, values));
    }

    private static SyncReport fullSync(MockJira jira, java.util.function.Supplier<Sink> sinks) {
        Map<String, Object> jiraValues = Map.of("jira_url", jira.url(), "data_source", "jira_server",
                "username", jira.options().user(), "password", jira.options().secret());
        SourceConfiguration configuration = JiraDataSource.configSchema().resolve(jiraValues);
        try (JiraDataSource source = new JiraDataSource(configuration, RuntimeSourceContext.of("qbusiness-it"));
             Sink sink = sinks.get()) {
            SyncEngine engine = new SyncEngine(sink, extractor, SyncSettings.defaults().withConcurrentDownloads(8));
            return engine.fullSync(source, Filtering.NONE, new SyncProgress()).block(TIMEOUT);
        }
    }

    private static long expected(JiraData data) {
        return data.projects().size() + data.issues().size() + data.attachmentCount();
    }

    private static String connectorId() {
        String id = elasticsearch.uniqueIndex("qb-conn");
        CREATED.add("connectors-qbusiness-state-" + id);
        return id;
    }

    @Test
    void fullSync_landsEveryDocumentWithAttributes_resyncSendsNothing_changesSendOnlyChangedAndDeletes() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String connector = connectorId();
            Map<String, Object> values = qbusiness(qb, "app-1");
            JiraData data = jira.data();

            SyncReport first = fullSync(jira, connector, values);

            assertThat(first.completed()).as(first.summary()).isTrue();
            assertThat(first.created()).isEqualTo(expected(data));
            assertThat(qb.documents()).hasSize((int) expected(data));
            assertThat(qb.stat("signature_refused")).isZero();
            JiraData.Issue some = data.issues().get(3);
            MockQBusiness.StoredDocument doc = qb.document("issue-" + some.id()).orElseThrow();
            assertThat(doc.title()).isEqualTo(some.summary());
            assertThat(doc.contentType()).isEqualTo("PLAIN_TEXT");
            assertThat(doc.text()).contains(some.descriptionToken());
            assertThat(doc.attributes().get("jira_issue_key").path("stringValue").asText()).isEqualTo(some.key());
            assertThat(doc.attributes().get("jira_project").path("stringValue").asText()).isEqualTo(some.projectKey());
            assertThat(doc.attributes().get("_category").path("stringValue").asText()).isEqualTo("issue");
            assertThat(doc.attributes().get("_source_uri").path("stringValue").asText()).endsWith("/browse/" + some.key());
            assertThat(doc.attributes().get("_last_updated_at").path("dateValue").isNumber()).isTrue();
            assertThat(doc.syncId()).startsWith("exec-");
            assertThat(qb.jobStatuses()).containsExactly("exec-1:SUCCEEDED");

            qb.resetStats();
            SyncReport noop = fullSync(jira, connector, values);

            assertThat(noop.completed()).as(noop.summary()).isTrue();
            assertThat(noop.unchanged()).isEqualTo(expected(data));
            assertThat(qb.stat("BatchPutDocument")).isZero();
            assertThat(qb.stat("BatchDeleteDocument")).isZero();

            JiraData.Issue changed = data.issues().get(5);
            data.update(changed.key(), "changed summary", null, null, null);
            JiraData.Issue removed = data.issues().get(7);
            int removedDocs = 1 + removed.attachments().size();
            data.delete(removed.key());
            qb.resetStats();

            SyncReport third = fullSync(jira, connector, values);

            assertThat(third.completed()).as(third.summary()).isTrue();
            assertThat(third.updated()).isEqualTo(1);
            assertThat(third.deleted()).isEqualTo(removedDocs);
            assertThat(qb.stat("documents_put")).isEqualTo(1);
            assertThat(qb.stat("documents_deleted")).isEqualTo(removedDocs);
            assertThat(qb.document("issue-" + changed.id()).orElseThrow().title()).isEqualTo("changed summary");
            assertThat(qb.document("issue-" + removed.id())).isEmpty();
            assertThat(qb.documents()).hasSize((int) expected(data));
        }
    }

    @Test
    void fullSync_originalFiles_pdfDocxAndTxtLandWithTheirTypeAndExactBytes_resyncSendsNothing_noFileStays() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String connector = connectorId();
            Map<String, Object> values = qbusiness(qb, "app-1");
            JiraData data = jira.data();
            Map<JiraData.Kind, Long> kinds = attachments(data).stream()
                    .collect(Collectors.groupingBy(JiraData.AttachmentFile::kind, Collectors.counting()));
            assertThat(kinds.keySet()).as("the premise: every kind is there").contains(JiraData.Kind.PDF, JiraData.Kind.DOCX,
                    JiraData.Kind.TXT, JiraData.Kind.CORRUPT, JiraData.Kind.OVERSIZED);

            SyncReport first = fullSync(jira, connector, values);

            assertThat(first.completed()).as(first.summary()).isTrue();
            assertOriginalsLanded(data, qb);
            assertThat(qb.stat("content_type_PDF")).isEqualTo(kinds.get(JiraData.Kind.PDF));
            assertThat(qb.stat("content_type_MS_WORD")).isEqualTo(kinds.get(JiraData.Kind.DOCX));
            assertThat(spoolFiles()).as("every original deleted after its write").isEmpty();

            qb.resetStats();
            SyncReport noop = fullSync(jira, connector, values);

            assertThat(noop.completed()).as(noop.summary()).isTrue();
            assertThat(noop.attachmentsDownloaded()).isZero();
            assertThat(qb.stat("BatchPutDocument")).isZero();
            assertThat(spoolFiles()).isEmpty();
        }
    }

    @Test
    void fullSync_sendOriginalFilesSwitchedOff_reSendsExactlyTheOriginalsAsText_thenNothing() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String connector = connectorId();
            Map<String, Object> values = qbusiness(qb, "app-1");
            JiraData data = jira.data();
            assertThat(fullSync(jira, connector, values).completed()).isTrue();
            List<JiraData.AttachmentFile> sentAsFiles = attachments(data).stream()
                    .filter(a -> a.kind() == JiraData.Kind.PDF || a.kind() == JiraData.Kind.DOCX || a.kind() == JiraData.Kind.TXT).toList();
            values.put("send_original_files", false);
            qb.resetStats();

            SyncReport switched = fullSync(jira, connector, values);

            assertThat(switched.completed()).as(switched.summary()).isTrue();
            // every document is read again, but only those whose content changes (the originals) are sent
            assertThat(qb.stat("documents_put")).isEqualTo(sentAsFiles.size());
            assertThat(qb.stat("content_type_PLAIN_TEXT")).isEqualTo(sentAsFiles.size());
            for (JiraData.AttachmentFile attachment : sentAsFiles) {
                MockQBusiness.StoredDocument stored = qb.document("attachment-" + attachment.id()).orElseThrow();
                assertThat(stored.contentType()).isEqualTo("PLAIN_TEXT");
                assertThat(stored.text()).as(attachment.filename()).contains(attachment.token());
                assertThat(stored.content()).isNotEqualTo(attachment.bytes());
            }
            qb.resetStats();

            SyncReport again = fullSync(jira, connector, values);

            assertThat(again.completed()).as(again.summary()).isTrue();
            assertThat(again.attachmentsDownloaded()).isZero();
            assertThat(qb.stat("BatchPutDocument")).isZero();
            assertThat(spoolFiles()).isEmpty();
        }
    }

    @Test
    void fullSync_originalTooBigForABatch_goesAsItsExtractedText_aSmallOneStillAsItself() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            Map<String, Object> values = qbusiness(qb, "app-1");
            // the smallest allowed: a PDF's or a Word file's base64 no longer fits beside its document's attributes
            values.put("max_batch_bytes", 1024);

            SyncReport report = fullSync(jira, connectorId(), values);

            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(report.failed()).isZero();
            assertThat(qb.stat("content_type_PDF")).isZero();
            assertThat(qb.stat("content_type_MS_WORD")).isZero();
            for (JiraData.AttachmentFile attachment : attachments(jira.data())) {
                MockQBusiness.StoredDocument stored = qb.document("attachment-" + attachment.id()).orElseThrow();
                assertThat(stored.contentType()).isEqualTo("PLAIN_TEXT");
                if (attachment.kind() == JiraData.Kind.TXT) {
                    // 69 bytes: its original still fits the batch, and goes as is
                    assertThat(stored.content()).as(attachment.filename()).isEqualTo(attachment.bytes());
                } else {
                    assertThat(stored.content()).as(attachment.filename()).isNotEqualTo(attachment.bytes());
                }
                if (attachment.kind() == JiraData.Kind.PDF || attachment.kind() == JiraData.Kind.DOCX) {
                    assertThat(stored.text()).as(attachment.filename()).contains(attachment.token());
                }
            }
            assertThat(spoolFiles()).isEmpty();
        }
    }

    @Test
    void fullSync_withThrottling_endsInTheSameStateAsWithout() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness calm = MockQBusiness.start("app-1", "index-1", "ds-1");
             MockQBusiness throttled = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            throttled.throttleEvery(3);

            SyncReport reference = fullSync(jira, connectorId(), qbusiness(calm, "app-1"));
            SyncReport report = fullSync(jira, connectorId(), qbusiness(throttled, "app-1"));

            assertThat(reference.completed()).as(reference.summary()).isTrue();
            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(throttled.stat("throttled")).isPositive();
            assertThat(throttled.documents()).isEqualTo(calm.documents());
        }
    }

    @Test
    void fullSync_invalidDocument_isCountedAndTheRestLands() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            JiraData.Issue bad = jira.data().issues().get(2);
            jira.data().update(bad.key(), "broken " + MockQBusiness.INVALID_MARKER, null, null, null);

            SyncReport report = fullSync(jira, connectorId(), qbusiness(qb, "app-1"));

            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.firstErrors()).anySatisfy(error -> assertThat(error).contains("INVALID_REQUEST"));
            assertThat(qb.documents()).hasSize((int) expected(jira.data()) - 1);
            assertThat(qb.document("issue-" + bad.id())).isEmpty();
        }
    }

    @Test
    void fullSync_unknownApplication_failsClearlyAndDeletesNothing() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String connector = connectorId();
            assertThat(fullSync(jira, connector, qbusiness(qb, "app-1")).completed()).isTrue();
            Set<String> before = qb.ids();
            jira.data().delete(jira.data().issues().get(0).key());
            qb.resetStats();

            SyncReport report = fullSync(jira, connector, qbusiness(qb, "app-missing"));

            assertThat(report.completed()).isFalse();
            assertThat(report.error()).contains("ResourceNotFoundException").contains("qbusiness.application_id");
            assertThat(qb.ids()).isEqualTo(before);
            assertThat(qb.stat("BatchDeleteDocument")).isZero();
        }
    }

    @Test
    void fullSync_whileAnotherSyncJobRuns_waitsForItThenSyncs() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, 5).withProjects(1));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String external = qb.startJobElsewhere(1);

            SyncReport report = fullSync(jira, connectorId(), qbusiness(qb, "app-1"));

            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(qb.stat("conflicts")).isEqualTo(1);
            assertThat(qb.stat("ListDataSourceSyncJobs")).as("the running job was looked up").isEqualTo(1);
            List<String> statuses = qb.jobStatuses();
            assertThat(statuses).first().isEqualTo(external + ":SUCCEEDED");
            assertThat(statuses).hasSize(2).allMatch(status -> status.endsWith(":SUCCEEDED"));
            assertThat(qb.documents().values().stream().map(MockQBusiness.StoredDocument::syncId).collect(Collectors.toSet()))
                    .containsExactly(statuses.get(1).split(":")[0]);
        }
    }

    @Test
    void fullSync_whileAnotherSyncJobRunsPastSyncJobWait_failsNamingThatJobAndSendsNothing() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, 5).withProjects(1));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String external = qb.startJobElsewhere(1_000);
            Map<String, Object> values = qbusiness(qb, "app-1");
            values.put("sync_job_wait", 2);

            SyncReport report = fullSync(jira, connectorId(), values);

            assertThat(report.completed()).isFalse();
            assertThat(report.error()).contains("ConflictException").contains("after 2 s (qbusiness.sync_job_wait)")
                    .contains("job " + external + " (SYNCING since ").contains("aws qbusiness stop-data-source-sync-job")
                    .contains("--data-source-id ds-1");
            assertThat(qb.stat("conflicts")).isBetween(2L, 3L);
            assertThat(qb.stat("ListDataSourceSyncJobs")).isEqualTo(qb.stat("conflicts"));
            assertThat(qb.stat("BatchPutDocument")).isZero();
            assertThat(qb.ids()).isEmpty();
        }
    }

    @Test
    void fullSync_toBothSinks_landsTheSameIds_andEachSinkWritesOnlyWhatItsOwnStateLacks() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String connector = connectorId();
            String index = elasticsearch.uniqueIndex("qb-both");
            CREATED.add(index);
            Map<String, Object> values = qbusiness(qb, "app-1");
            java.util.function.Supplier<Sink> both = () -> new FanOutSink(List.of(
                    new ElasticsearchSink(probe.asyncClient(), index, BulkSettings.defaults(), Json.mapper()),
                    sink(connector, values)));

            SyncReport first = fullSync(jira, both);

            assertThat(first.completed()).as(first.summary()).isTrue();
            long expected = expected(jira.data());
            assertThat(first.created()).isEqualTo(expected);
            assertThat(probe.count(index)).isEqualTo(expected);
            assertThat(qb.ids()).hasSize((int) expected);
            JiraData.Issue some = jira.data().issues().get(4);
            assertThat(probe.document(index, "issue-" + some.id())).isPresent();
            assertThat(qb.document("issue-" + some.id())).isPresent();

            qb.resetStats();
            SyncReport noop = fullSync(jira, both);
            assertThat(noop.unchanged()).isEqualTo(expected);
            assertThat(qb.stat("BatchPutDocument")).isZero();

            // Q Business loses its state (state clear): only Q Business is sent everything again
            io.connectors.qbusiness.QBusinessAdmin.forConnector(probe.asyncClient(), connector).clearState().block(TIMEOUT);
            qb.resetStats();
            SyncReport refill = fullSync(jira, both);

            assertThat(refill.completed()).as(refill.summary()).isTrue();
            assertThat(qb.stat("documents_put")).isEqualTo(expected);
            // the sinks disagree on every id (Elasticsearch holds it, Q Business not): each reads as changed
            assertThat(refill.updated()).isEqualTo(expected);
            assertThat(probe.count(index)).isEqualTo(expected);
        }
    }

    @Test
    void fullSync_toBothSinks_elasticsearchIndexesWhatItIndexesAlone_andQBusinessGetsTheOriginals() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, ISSUES).withProjects(2));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String alone = elasticsearch.uniqueIndex("qb-es-alone");
            String beside = elasticsearch.uniqueIndex("qb-es-beside");
            CREATED.add(alone);
            CREATED.add(beside);
            String connector = connectorId();
            Map<String, Object> values = qbusiness(qb, "app-1");

            SyncReport esOnly = fullSync(jira, () -> new ElasticsearchSink(probe.asyncClient(), alone, BulkSettings.defaults(), Json.mapper()));
            SyncReport both = fullSync(jira, () -> new FanOutSink(List.of(
                    new ElasticsearchSink(probe.asyncClient(), beside, BulkSettings.defaults(), Json.mapper()), sink(connector, values))));

            assertThat(esOnly.completed()).as(esOnly.summary()).isTrue();
            assertThat(both.completed()).as(both.summary()).isTrue();
            assertThat(probe.count(beside)).isEqualTo(probe.count(alone));
            JiraData data = jira.data();
            for (JiraData.AttachmentFile attachment : attachments(data)) {
                String id = "attachment-" + attachment.id();
                assertThat(probe.document(beside, id)).as(id).isEqualTo(probe.document(alone, id));
            }
            for (JiraData.Issue issue : data.issues()) {
                assertThat(probe.document(beside, "issue-" + issue.id())).isEqualTo(probe.document(alone, "issue-" + issue.id()));
            }
            assertOriginalsLanded(data, qb);
            assertThat(spoolFiles()).isEmpty();
        }
    }

    /**
     * The small {@code make ftest NAME=confluence SINK=qbusiness}: the mock Confluence through the real engine into
     * the mock Q Business, every current document landing with its Confluence attributes.
     */
    @Test
    void fullSync_confluence_landsEveryCurrentDocumentWithSpaceLabelsAndContainer() {
        try (io.connectors.ftest.confluence.MockConfluence confluence = io.connectors.ftest.confluence.MockConfluence.start(
                io.connectors.ftest.confluence.MockConfluence.Options.of(io.connectors.ftest.confluence.MockConfluence.Flavor.SERVER, 30)
                        .withOversizedBytes(64 << 10));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            Map<String, Object> confluenceValues = Map.of("data_source", "confluence_server", "confluence_url", confluence.url(),
                    "username", confluence.options().user(), "password", confluence.options().secret(), "index_labels", true);
            String connector = connectorId();
            SyncReport report;
            try (io.connectors.confluence.ConfluenceDataSource source = new io.connectors.confluence.ConfluenceDataSource(
                    io.connectors.confluence.ConfluenceDataSource.configSchema().resolve(confluenceValues),
                    RuntimeSourceContext.of("qbusiness-confluence-it"));
                 Sink sink = sink(connector, qbusiness(qb, "app-1"))) {
                report = new SyncEngine(sink, extractor, SyncSettings.defaults().withConcurrentDownloads(8))
                        .fullSync(source, Filtering.NONE, new SyncProgress()).block(TIMEOUT);
            }

            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(qb.ids()).hasSize((int) report.created());
            var data = confluence.data();
            var page = data.content().stream().filter(item -> item.type().equals("page")
                    && item.status() == io.connectors.ftest.confluence.ConfluenceData.Status.CURRENT && !item.labels().isEmpty())
                    .findFirst().orElseThrow();
            MockQBusiness.StoredDocument doc = qb.document("page-" + page.id()).orElseThrow();
            assertThat(doc.attributes().get("confluence_space").path("stringValue").asText()).isEqualTo(page.spaceKey());
            assertThat(doc.attributes().get("_category").path("stringValue").asText()).isEqualTo("page");
            assertThat(doc.attributes().get("confluence_labels").path("stringListValue")).hasSize(page.labels().size());
            assertThat(doc.attributes().get("confluence_version").path("longValue").asLong()).isPositive();
            assertThat(doc.attributes()).doesNotContainKeys("jira_labels", "jira_project");
            var comment = data.content().stream().filter(item -> item.type().equals("comment")
                    && item.status() == io.connectors.ftest.confluence.ConfluenceData.Status.CURRENT).findFirst().orElseThrow();
            assertThat(qb.document("comment-" + comment.id()).orElseThrow().attributes().get("confluence_container")
                    .path("stringValue").asText()).endsWith("-" + comment.containerId());
            assertThat(qb.stat("signature_refused")).isZero();
        }
    }

    @Test
    void write_documentsWithAllowPermissions_carryAnAccessConfigurationTheMockAccepts_andOthersCarryNone() {
        try (MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1");
             Sink sink = sink(connectorId(), qbusiness(qb, "app-1"))) {
            Map<String, Object> restricted = Map.of("id", "doc-restricted", "_timestamp", "1", "title", "Payroll",
                    "body", "salaries", "_allow_permissions", List.of("email:ana@example.com", "group:finance"));
            Map<String, Object> open = Map.of("id", "doc-open", "_timestamp", "1", "title", "Handbook", "body", "welcome");
            Map<String, Object> nobody = Map.of("id", "doc-nobody", "_timestamp", "1", "title", "Secret", "body", "x",
                    "_allow_permissions", List.of());

            sink.begin(io.connectors.api.sink.SyncKind.INCREMENTAL).block(TIMEOUT);
            List<io.connectors.api.sink.WriteResult> results = sink.write(reactor.core.publisher.Flux.just(
                    new io.connectors.api.sink.SinkOperation.Upsert("doc-restricted", restricted, false),
                    new io.connectors.api.sink.SinkOperation.Upsert("doc-open", open, false),
                    new io.connectors.api.sink.SinkOperation.Upsert("doc-nobody", nobody, false))).collectList().block(TIMEOUT);
            sink.commit(true).block(TIMEOUT);

            assertThat(qb.stat("shape_refused")).isZero();
            assertThat(qb.ids()).containsExactlyInAnyOrder("doc-restricted", "doc-open");
            com.fasterxml.jackson.databind.JsonNode access = qb.document("doc-restricted").orElseThrow().accessConfiguration();
            com.fasterxml.jackson.databind.JsonNode principals = access.path("accessControls").get(0).path("principals");
            assertThat(principals).hasSize(2);
            assertThat(principals.get(0).path("user").path("id").asText()).isEqualTo("ana@example.com");
            assertThat(principals.get(0).path("user").path("access").asText()).isEqualTo("ALLOW");
            assertThat(principals.get(0).path("user").path("membershipType").asText()).isEqualTo("DATASOURCE");
            assertThat(principals.get(1).path("group").path("name").asText()).isEqualTo("finance");
            assertThat(qb.document("doc-open").orElseThrow().accessConfiguration().isMissingNode()).isTrue();
            assertThat(results).filteredOn(result -> !result.success()).singleElement()
                    .satisfies(result -> assertThat(result.error()).contains("names nobody"));
        }
    }

    private static io.connectors.api.sink.SinkAdmin admin(String connectorId, Map<String, Object> values) {
        QBusinessSinkDescriptor descriptor = new QBusinessSinkDescriptor();
        return descriptor.admin(new RuntimeSinkContext(connectorId, "unused", descriptor.configSchema().resolve(values),
                probe.asyncClient(), BulkSettings.defaults())).orElseThrow();
    }

    @Test
    void admin_throughTheSinkSpi_doctorChecksEachResource_andStateStatsAndClearWork() {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, 5).withProjects(1));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String connector = connectorId();
            Map<String, Object> values = qbusiness(qb, "app-1");
            assertThat(fullSync(jira, connector, values).completed()).isTrue();

            try (io.connectors.api.sink.SinkAdmin admin = admin(connector, values)) {
                List<io.connectors.api.sink.SinkAdmin.Check> checks = admin.doctor().collectList().block(TIMEOUT);
                assertThat(checks).extracting(io.connectors.api.sink.SinkAdmin.Check::name).containsExactly(
                        "qbusiness credentials", "qbusiness application", "qbusiness index", "qbusiness data source",
                        "qbusiness last sync job", "qbusiness state");
                assertThat(checks).allMatch(check -> check.verdict() == io.connectors.api.sink.SinkAdmin.Verdict.OK, checks.toString());
                assertThat(checks.get(4).detail()).startsWith("exec-1 (SUCCEEDED, started ").contains(", ended ");
                assertThat(checks.get(0).detail()).doesNotContain(MockQBusiness.SECRET).contains("AKID****");

                io.connectors.api.sink.SinkAdmin.StateStats stats = admin.stateStats().block(TIMEOUT);
                assertThat(stats.documents()).isEqualTo(expected(jira.data()));
                assertThat(stats.bytes()).isPositive();
                assertThat(stats.lastSyncId()).startsWith("exec-");

                // clearing forgets what was sent but keeps the ids, so a full sync can still delete vanished ones
                admin.clearState().block(TIMEOUT);
                assertThat(admin.stateStats().block(TIMEOUT).documents()).isEqualTo(expected(jira.data()));
                qb.resetStats();
                assertThat(fullSync(jira, connector, values).completed()).isTrue();
                assertThat(qb.stat("documents_put")).as("everything sent again").isEqualTo(expected(jira.data()));

                String external = qb.startJobElsewhere(1_000);
                var running = admin.doctor().collectList().block(TIMEOUT).get(4);
                assertThat(running.verdict()).isEqualTo(io.connectors.api.sink.SinkAdmin.Verdict.WARN);
                assertThat(running.detail()).startsWith(external + " (SYNCING since ");
                assertThat(running.hint()).contains("qbusiness.sync_job_wait");
                qb.finishRunningJob();
            }

            Map<String, Object> wrongApplication = qbusiness(qb, "app-missing");
            try (io.connectors.api.sink.SinkAdmin admin = admin(connector, wrongApplication)) {
                List<io.connectors.api.sink.SinkAdmin.Check> checks = admin.doctor().collectList().block(TIMEOUT);
                var application = checks.stream().filter(c -> c.name().equals("qbusiness application")).findFirst().orElseThrow();
                assertThat(application.verdict()).isEqualTo(io.connectors.api.sink.SinkAdmin.Verdict.FAIL);
                assertThat(application.detail()).contains("ResourceNotFoundException");
                assertThat(application.hint()).contains("qbusiness.application_id");
            }

            Map<String, Object> wrongSecret = new HashMap<>(values);
            wrongSecret.put("secret_access_key", "not-the-test-secret");
            try (io.connectors.api.sink.SinkAdmin admin = admin(connector, wrongSecret)) {
                var checks = admin.doctor().collectList().block(TIMEOUT);
                assertThat(checks.get(1).verdict()).isEqualTo(io.connectors.api.sink.SinkAdmin.Verdict.FAIL);
                assertThat(checks.get(1).detail()).contains("InvalidSignatureException").doesNotContain("not-the-test-secret");
            }
        }
    }

    @Test
    void cli_stateStatsAndClear_reachTheSinkThroughConfigYml() throws Exception {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, 5).withProjects(1));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1")) {
            String connector = connectorId();
            assertThat(fullSync(jira, connector, qbusiness(qb, "app-1")).completed()).isTrue();
            java.nio.file.Path config = java.nio.file.Files.createTempFile("qbusiness-cli", ".yml");
            java.nio.file.Files.writeString(config, """
                    elasticsearch:
                      host: %s
                    connectors:
                      - connector_id: %s
                        service_type: jira
                        sinks: [qbusiness]
                        qbusiness:
                          region: us-east-1
                          application_id: app-1
                          index_id: index-1
                          endpoint: %s
                          access_key_id: ${TEST_KEY}
                          secret_access_key: ${TEST_SECRET}
                    """.formatted(elasticsearch.url(), connector, qb.url()));
            Map<String, String> env = Map.of("TEST_KEY", MockQBusiness.ACCESS_KEY_ID, "TEST_SECRET", MockQBusiness.SECRET);

            String stats = cli(env, "-c", config.toString(), "--json", "state", "stats", connector);
            String cleared = cli(env, "-c", config.toString(), "state", "clear", connector);
            String after = cli(env, "-c", config.toString(), "--json", "state", "stats", connector);

            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            var sink = json.readTree(stats).path("sinks").get(0);
            assertThat(sink.path("sink").asText()).isEqualTo("qbusiness");
            assertThat(sink.path("documents").asLong()).isEqualTo(expected(jira.data()));
            assertThat(sink.path("last_sync_id").asText()).startsWith("exec-");
            assertThat(cleared).contains("Cleared the state of qbusiness");
            // the ids stay known (a later full sync deletes the vanished ones); what was sent is forgotten
            assertThat(json.readTree(after).path("sinks").get(0).path("documents").asLong()).isEqualTo(expected(jira.data()));
            java.nio.file.Files.deleteIfExists(config);
        }
    }

    private static String cli(Map<String, String> env, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine commandLine = new picocli.CommandLine(new io.connectors.core.cli.ConnectorsCli(
                new io.connectors.core.cli.CliEnvironment(env, false, io.connectors.core.protocol.ControlIndices.DEFAULT)));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        int exit = commandLine.execute(args);
        assertThat(exit).as("exit of %s; stderr: %s", List.of(args), err).isZero();
        return out.toString();
    }
}
