package io.connectors.core.sync;

import io.connectors.core.runtime.RuntimeSourceContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.WriteResult;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.core.extraction.AttachmentOutcome;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.SourceData;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A full resync of a source that supports listing: ids and markers first, then only the new and changed documents
 * fetched, and only their attachments downloaded; into an empty target the source streams as before. A sink that
 * keeps its documents in a map stands in for Elasticsearch (SyncEngineIT covers the real one).
 */
class SyncEngineListingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final SourceData data = SourceData.create("listing-" + UUID.randomUUID()).listing(true);
    private final MapSink sink = new MapSink();

    @Test
    void fullSync_emptyTarget_streamsWholeDocuments_withoutListing() {
        data.generate("doc", 300, 10);

        SyncReport report = fullSync();

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(report.created()).isEqualTo(300);
        assertThat(data.streams()).isEqualTo(1);
        assertThat(data.listings()).isZero();
        assertThat(data.fetchCalls()).isZero();
        assertThat(data.downloads()).isEqualTo(30);
        assertThat(sink.documents).hasSize(300);
    }

    @Test
    void fullResync_noChange_listsOnly_fetchesAndDownloadsNothing() {
        data.generate("doc", 2_345, 10);
        fullSync();
        data.resetDownloads();

        SyncReport report = fullSync();

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(report.unchanged()).isEqualTo(2_345);
        assertThat(report.indexed()).isZero();
        assertThat(report.deleted()).isZero();
        assertThat(data.listings()).isEqualTo(1);
        assertThat(data.streams()).isEqualTo(1); // only the first sync's
        assertThat(data.fetchCalls()).isZero();
        assertThat(data.downloads()).isZero();
    }

    @Test
    void fullResync_withChanges_fetchesExactlyTheNewAndChanged_inBatches_andDeletesExactly() {
        data.generate("doc", 500, 10);
        fullSync();
        data.resetDownloads();
        for (int i = 0; i < 120; i++) {
            data.update("doc-" + i, "v2"); // 12 of them with an attachment
        }
        data.remove("doc-200");
        data.remove("doc-300");
        data.remove("doc-301");
        data.put(data.document("new-1", "v1", true));
        data.put(data.document("new-2", "v1", false));

        SyncReport report = fullSync();

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(report.updated()).isEqualTo(120);
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.deleted()).isEqualTo(3);
        assertThat(report.unchanged()).isEqualTo(500 - 120 - 3);
        assertThat(data.fetchedIds()).isEqualTo(122);
        assertThat(data.maxFetchBatch()).isLessThanOrEqualTo(Diff.FETCH_BATCH);
        assertThat(data.downloads()).isEqualTo(12 + 1);
        assertThat(sink.documents).hasSize(500 - 3 + 2).doesNotContainKeys("doc-200", "doc-300", "doc-301");
        assertThat(sink.documents.get("doc-7").get("revision")).isEqualTo("v2");
        assertThat(sink.documents.get("doc-7").get("_timestamp")).isEqualTo("2026-01-01T00:00:00Z#v2");
        assertThat(sink.documents.get("new-1").get("body")).asString().contains("attachment text of new-1");
    }

    @Test
    void fullResync_failingListing_deletesNothing() {
        data.generate("doc", 100, 0);
        fullSync();
        data.remove("doc-5");
        data.failAfter(50);

        SyncReport report = fullSync();

        assertThat(report.completed()).isFalse();
        assertThat(report.error()).contains("failed after 50");
        assertThat(report.deleted()).isZero();
        assertThat(sink.documents).containsKey("doc-5");
    }

    @Test
    void planFull_withListing_countsFromTheListing_fetchingNothing() {
        data.generate("doc", 50, 5);
        fullSync();
        data.update("doc-1", "v2");
        data.remove("doc-2");

        SyncPlan plan = withSource(source -> engine().planFull(source, Filtering.NONE, new SyncProgress()));

        assertThat(plan.update()).isEqualTo(1);
        assertThat(plan.delete()).isEqualTo(1);
        assertThat(plan.unchanged()).isEqualTo(48);
        assertThat(data.fetchCalls()).isZero();
    }

    private SyncReport fullSync() {
        return withSource(source -> engine().fullSync(source, Filtering.NONE, new SyncProgress()));
    }

    private SyncEngine engine() {
        return new SyncEngine(sink, attachment -> attachment.content()
                .reduce(0L, (count, buffer) -> count + buffer.remaining())
                .map(bytes -> new AttachmentOutcome.Extracted("attachment text of " + attachment.filename().replace(".txt", ""),
                        false, bytes, Map.of())),
                SyncSettings.defaults());
    }

    private <T> T withSource(Function<DataSource, Mono<T>> run) {
        SourceConfiguration configuration = InMemorySource.configSchema().resolve(Map.of("store", data.name()));
        try (DataSource source = new InMemorySource(configuration, RuntimeSourceContext.of("listing"))) {
            return run.apply(source).block(TIMEOUT);
        }
    }

    /** A target held in a map: what it holds is what the sync wrote. */
    private static final class MapSink implements Sink {
        final Map<String, Map<String, Object>> documents = new ConcurrentSkipListMap<>();

        @Override
        public String describe() {
            return "map sink";
        }

        @Override
        public Mono<ExistingIds> existing() {
            return Mono.fromSupplier(() -> {
                ExistingIds.Builder builder = ExistingIds.builder(documents.size());
                documents.forEach((id, document) -> builder.add(id, (String) document.get("_timestamp")));
                return builder.build();
            });
        }

        @Override
        public Flux<WriteResult> write(Flux<SinkOperation> operations) {
            return operations.map(operation -> {
                switch (operation) {
                    case SinkOperation.Upsert upsert -> documents.put(upsert.id(), new ConcurrentHashMap<>(upsert.document()));
                    case SinkOperation.Delete delete -> documents.remove(delete.id());
                }
                return WriteResult.ok(operation, 0);
            });
        }
    }
}
