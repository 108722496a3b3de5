package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.Attachment;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Nothing is recorded as done that was not done: failed attachments and failed items are tried again. */
@ExtendWith(ElasticsearchExtension.class)
class NothingLostIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private static IndexProbe probe;
    private static TestElasticsearch elasticsearch;
    private static TikaExtractor extractor;
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
        extractor.close();
        probe.close();
    }

    @BeforeEach
    void freshIndexAndSource() {
        index = elasticsearch.uniqueIndex("nothing-lost");
        data = SourceData.create("nothing-lost-" + UUID.randomUUID());
    }

    @Test
    void attachmentDownloadFailsOnce_theNextFullSyncIndexesItsText() {
        AtomicInteger attempts = new AtomicInteger();
        byte[] text = "flakytoken inside the attachment".getBytes(StandardCharsets.UTF_8);
        Flux<ByteBuffer> content = Flux.defer(() -> attempts.incrementAndGet() == 1
                ? Flux.error(new IOException("connection reset by the source"))
                : Flux.just(ByteBuffer.wrap(text)));
        data.putWithAttachment("doc-flaky", "v1", new Attachment("flaky.txt", text.length, "text/plain", content));
        data.generate("plain", 3, 0);

        SyncReport first = run(source -> engine().fullSync(source, Filtering.NONE, new SyncProgress()));
        assertThat(first.completed()).as(first.summary()).isTrue();
        assertThat(probe.matches(index, "body", "flakytoken")).isZero();

        SyncReport second = run(source -> engine().fullSync(source, Filtering.NONE, new SyncProgress()));

        assertThat(second.completed()).as(second.summary()).isTrue();
        assertThat(second.updated()).as("the failed attachment was tried again").isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(probe.matches(index, "body", "flakytoken")).isEqualTo(1);
        assertThat(attempts.get()).isEqualTo(2);

        SyncReport third = run(source -> engine().fullSync(source, Filtering.NONE, new SyncProgress()));
        assertThat(third.unchanged()).as("done now: not downloaded again").isEqualTo(4);
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void incrementalSyncWithAFailedItem_doesNotMoveItsCursorPastIt() {
        data.put(SourceDocument.of("typed", "t1", Map.of("amount", 12)));
        SyncReport full = run(source -> engine().fullSync(source, Filtering.NONE, new SyncProgress()));
        assertThat(full.completed()).isTrue();
        assertThat(full.cursor()).isNotEmpty();

        data.put(SourceDocument.of("conflicting", "t1", Map.of("amount", "not a number"))); // a mapping conflict
        data.put(SourceDocument.of("fine", "t1", Map.of("amount", 13)));
        SyncReport incremental = run(source -> engine().incrementalSync(source, full.cursor(), Filtering.NONE, new SyncProgress()));

        assertThat(incremental.completed()).as(incremental.summary()).isTrue();
        assertThat(incremental.failed()).isEqualTo(1);
        assertThat(incremental.cursor()).as("the cursor stays before the failed item").isEmpty();
        assertThat(probe.count(index)).isEqualTo(2);
    }

    @Test
    void documentOverTheSizeLimit_isTruncatedOrSkipped_countedAndTheSyncCompletes() {
        int limit = 1 << 20;
        data.put(SourceDocument.of("long-text", "t1", Map.of("title", "big", "description", "w".repeat(3 << 20))));
        java.util.List<String> many = java.util.Collections.nCopies(300_000, "tiny-item");
        data.put(SourceDocument.of("many-items", "t1", Map.of("title", "list", "labels", many)));
        data.generate("plain", 5, 0);
        SyncSettings settings = SyncSettings.defaults().withMaxDocumentBytes(limit);

        SyncProgress progress = new SyncProgress();
        SyncReport first = run(source -> engine(settings).fullSync(source, Filtering.NONE, progress));

        assertThat(first.completed()).as(first.summary()).isTrue();
        assertThat(first.failed()).isZero();
        assertThat(progress.truncated()).isEqualTo(1);
        assertThat(progress.tooLarge()).isEqualTo(1);
        assertThat(first.summary()).contains("1 truncated, 1 too large");
        var truncated = probe.document(index, "long-text").orElseThrow();
        assertThat(truncated.get("description").asText().length()).isLessThan(limit);
        assertThat(truncated.get("document_truncated").asBoolean()).isTrue();
        assertThat(probe.document(index, "many-items")).isEmpty();
        assertThat(probe.count(index)).isEqualTo(6);

        SyncReport second = run(source -> engine(settings).fullSync(source, Filtering.NONE, new SyncProgress()));
        assertThat(second.completed()).as("not a failed sync on every run").isTrue();
    }

    @Test
    void customFieldsThatChangeTypeOrExceedTheFieldLimit_areAllIndexed() {
        data.put(SourceDocument.of("first", "t1", Map.of("title", "a", "custom_fields",
                Map.of("Team", 5, "Due", "2024-01-01", "Flag", true, "Owner", Map.of("name", "jane")))));
        data.put(SourceDocument.of("second", "t1", Map.of("title", "b", "custom_fields",
                Map.of("Team", "Blue", "Due", "next spring", "Flag", "maybe", "Owner", "jane"))));
        Map<String, Object> many = new java.util.HashMap<>();
        for (int i = 0; i < 1_100; i++) {
            many.put("Field " + i, "value " + i);
        }
        data.put(SourceDocument.of("many", "t1", Map.of("title", "c", "custom_fields", many)));

        SyncReport report = run(source -> engine().fullSync(source, Filtering.NONE, new SyncProgress()));

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(report.failed()).as(report.firstErrors().toString()).isZero();
        assertThat(probe.count(index)).isEqualTo(3);
        assertThat(probe.matches(index, "custom_fields.Team", "Blue")).isEqualTo(1);
    }

    private SyncEngine engine() {
        return engine(SyncSettings.defaults());
    }

    private SyncEngine engine(SyncSettings settings) {
        BulkSettings bulk = BulkSettings.defaults().withRetryInterval(Duration.ofMillis(50));
        return new SyncEngine(new ElasticsearchSink(probe.asyncClient(), index, bulk, Json.mapper()), extractor, settings);
    }

    private SyncReport run(Function<DataSource, Mono<SyncReport>> sync) {
        SourceConfiguration configuration = InMemorySource.configSchema().resolve(Map.of("store", data.name()));
        try (DataSource source = new InMemorySource(configuration, RuntimeSourceContext.of("test"))) {
            return sync.apply(source).block(TIMEOUT);
        }
    }
}
