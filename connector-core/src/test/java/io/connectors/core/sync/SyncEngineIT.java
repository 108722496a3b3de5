package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.json.Json;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sink.elasticsearch.ElasticsearchSink;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.SourceData;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sync engine against a real Elasticsearch: exact counts, skips, deletes, failures. */
@ExtendWith(ElasticsearchExtension.class)
class SyncEngineIT {

    private static final Logger log = LoggerFactory.getLogger(SyncEngineIT.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private static IndexProbe probe;
    private static TikaExtractor extractor;
    private static TestElasticsearch elasticsearch;
    private String index;
    private SourceData data;

    @BeforeAll
    static void connect(TestElasticsearch es) {
        elasticsearch = es;
        probe = new IndexProbe(es.url());
        extractor = TikaExtractor.create(ExtractionSettings.defaults());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
        extractor.close();
    }

    @BeforeEach
    void freshIndexAndStore() {
        index = elasticsearch.uniqueIndex("engine");
        data = SourceData.create("engine-" + UUID.randomUUID());
    }

    @Test
    void fullSync_tenThousandDocuments_landsExactlyAndResyncWritesNothing() {
        data.generate("doc", 10_000, 10);

        long start = System.nanoTime();
        SyncReport first = fullSync(engine(SyncSettings.defaults()));
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        log.info("full sync of 10,000 documents took {} ms ({})", firstMillis, first.summary());

        assertThat(first.completed()).as(first.summary()).isTrue();
        assertThat(first.created()).isEqualTo(10_000);
        assertThat(first.attachmentsDownloaded()).isEqualTo(1_000);
        assertThat(data.downloads()).isEqualTo(1_000);
        assertThat(probe.count(index)).isEqualTo(10_000);
        assertThat(probe.matches(index, "body", "attachment text of doc-990")).isPositive();

        data.resetDownloads();
        SyncReport second = fullSync(engine(SyncSettings.defaults()));

        assertThat(second.completed()).isTrue();
        assertThat(second.indexed()).isZero();
        assertThat(second.deleted()).isZero();
        assertThat(second.unchanged()).isEqualTo(10_000);
        assertThat(second.bytesSent()).isZero();
        assertThat(data.downloads()).isZero();
        assertThat(probe.count(index)).isEqualTo(10_000);
    }

    @Test
    void fullSync_afterChangesDeletesAndAdditions_appliesExactly() {
        data.generate("doc", 10_000, 10);
        assertThat(fullSync(engine(SyncSettings.defaults())).created()).isEqualTo(10_000);

        for (int i = 0; i < 100; i++) {
            data.update("doc-" + (i * 7), "v2");
        }
        for (int i = 0; i < 50; i++) {
            data.remove("doc-" + (9_000 + i));
        }
        data.generate("new", 20, 2);
        data.resetDownloads();

        SyncReport report = fullSync(engine(SyncSettings.defaults()));

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(report.created()).isEqualTo(20);
        assertThat(report.updated()).isEqualTo(100);
        assertThat(report.deleted()).isEqualTo(50);
        assertThat(report.unchanged()).isEqualTo(10_000 - 100 - 50);
        // doc-0, doc-70, ... carry attachments among the changed ones, plus 10 of the new ones
        long changedWithAttachment = java.util.stream.IntStream.range(0, 100).filter(i -> (i * 7) % 10 == 0).count();
        assertThat(data.downloads()).isEqualTo((int) changedWithAttachment + 10);
        assertThat(probe.count(index)).isEqualTo(9_970);
        assertThat(probe.document(index, "doc-7").orElseThrow().get("revision").asText()).isEqualTo("v2");
        assertThat(probe.document(index, "doc-8").orElseThrow().get("revision").asText()).isEqualTo("v1");
        assertThat(probe.document(index, "doc-9000")).isEmpty();
        assertThat(probe.document(index, "doc-9049")).isEmpty();
        assertThat(probe.document(index, "new-19")).isPresent();
    }

    @Test
    void fullSync_sourceFailsMidway_isReportedFailedAndDeletesNothing() {
        data.generate("doc", 10_000, 0);
        assertThat(fullSync(engine(SyncSettings.defaults())).created()).isEqualTo(10_000);
        for (int i = 0; i < 100; i++) {
            data.remove("doc-" + (5_000 + i)); // a completed sync would delete these
        }
        data.failAfter(5_000);

        SyncReport report = fullSync(engine(SyncSettings.defaults()));

        assertThat(report.completed()).isFalse();
        assertThat(report.error()).contains("failed after 5000 documents");
        assertThat(report.deleted()).isZero();
        assertThat(report.cursor()).isEmpty();
        assertThat(probe.count(index)).isEqualTo(10_000);
    }

    @Test
    void incrementalSync_appliesUpdatesAndDeletionsSinceTheCursor() {
        data.generate("doc", 1_000, 0);
        SyncReport full = fullSync(engine(SyncSettings.defaults()));
        Map<String, Object> cursor = full.cursor();
        assertThat(cursor).containsKey("version");

        data.update("doc-1", "v2");
        data.update("doc-2", "v2");
        data.remove("doc-3");
        data.generate("new", 5, 0);
        data.remove("new-4"); // created and deleted since the cursor: deleting an absent id is fine

        SyncReport incremental = run(source -> engine(SyncSettings.defaults())
                .incrementalSync(source, cursor, Filtering.NONE, new SyncProgress()));

        assertThat(incremental.completed()).as(incremental.summary()).isTrue();
        assertThat(incremental.indexed()).isEqualTo(2 + 4);
        assertThat(incremental.deleted()).isEqualTo(2);
        assertThat(incremental.unchanged()).isZero();
        assertThat(((Number) incremental.cursor().get("version")).longValue())
                .isGreaterThan(((Number) cursor.get("version")).longValue());
        assertThat(probe.count(index)).isEqualTo(1_000 - 1 + 4);
        assertThat(probe.document(index, "doc-1").orElseThrow().get("revision").asText()).isEqualTo("v2");
        assertThat(probe.document(index, "doc-3")).isEmpty();
    }

    @Test
    void bulkItemFailures_areCountedAndReported_andPastTheThresholdFailTheSync() throws Exception {
        probe.client().indices().create(c -> c.index(index)
                .mappings(m -> m.properties("amount", p -> p.long_(l -> l))));
        for (int i = 0; i < 200; i++) {
            var document = data.document("doc-" + i, "v1", false);
            var fields = new java.util.LinkedHashMap<>(document.fields());
            fields.put("amount", i % 40 == 0 ? "not a number" : i);
            data.put(io.connectors.api.source.SourceDocument.of(document.id(), document.timestamp(), fields));
        }

        SyncReport tolerated = fullSync(engine(SyncSettings.defaults()));

        assertThat(tolerated.completed()).as(tolerated.summary()).isTrue();
        assertThat(tolerated.failed()).isEqualTo(5);
        assertThat(tolerated.created()).isEqualTo(195);
        assertThat(tolerated.firstErrors()).hasSize(5).allSatisfy(error -> assertThat(error).contains("amount"));
        assertThat(probe.count(index)).isEqualTo(195);

        ErrorMonitorSettings strict = new ErrorMonitorSettings(true, 2, 10, 1.0, 100, 10);
        SyncReport stopped = fullSync(engine(SyncSettings.defaults().withErrors(strict)));

        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.error()).contains("max_total_errors").contains("amount");
        assertThat(stopped.deleted()).isZero();
    }

    @Test
    void resync_ofAnIndexCreatedElsewhereWithADateTimestamp_stillSkipsUnchangedDocuments() throws Exception {
        probe.client().indices().create(c -> c.index(index)
                .mappings(m -> m.properties("_timestamp", p -> p.date(d -> d))));
        for (int i = 0; i < 50; i++) {
            // the format Jira prints, which a date mapping would normalise differently
            data.put(io.connectors.api.source.SourceDocument.of("doc-" + i, "2026-01-0" + (1 + i % 9) + "T10:00:00.000+0000",
                    Map.of("title", "t" + i)));
        }
        assertThat(fullSync(engine(SyncSettings.defaults())).created()).isEqualTo(50);

        SyncReport second = fullSync(engine(SyncSettings.defaults()));

        assertThat(second.completed()).as(second.summary()).isTrue();
        assertThat(second.unchanged()).isEqualTo(50);
        assertThat(second.indexed()).isZero();
    }

    private SyncEngine engine(SyncSettings settings) {
        BulkSettings bulk = BulkSettings.defaults().withRetryInterval(Duration.ofMillis(50));
        return new SyncEngine(new ElasticsearchSink(probe.asyncClient(), index, bulk, Json.mapper()),
                extractor, settings);
    }

    private SyncReport fullSync(SyncEngine engine) {
        return run(source -> engine.fullSync(source, Filtering.NONE, new SyncProgress()));
    }

    private SyncReport run(java.util.function.Function<DataSource, reactor.core.publisher.Mono<SyncReport>> sync) {
        SourceConfiguration configuration = InMemorySource.configSchema().resolve(Map.of("store", data.name()));
        try (DataSource source = new InMemorySource(configuration, RuntimeSourceContext.of("test"))) {
            return sync.apply(source).block(TIMEOUT);
        }
    }

}
