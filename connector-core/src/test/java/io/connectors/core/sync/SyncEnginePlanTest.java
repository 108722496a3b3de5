package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.sink.WriteResult;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.SourceData;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The dry run: the engine's diff, counted, with the sink only read and the attachments never downloaded. */
class SyncEnginePlanTest {

    private final SourceData data = SourceData.create("plan-" + UUID.randomUUID());
    private final ReadOnlySink sink = new ReadOnlySink(ExistingIds.builder(3)
            .add("same", "2026-01-01T00:00:00Z#v1").add("moved", "2026-01-01T00:00:00Z#v1").add("gone", "t").build());

    @Test
    void planFull_countsCreatesUpdatesUnchangedAndDeletes_writingAndDownloadingNothing() {
        data.put(data.document("same", "v1", true));
        data.put(data.document("moved", "v2", true));
        data.put(data.document("fresh", "v1", true));
        SyncProgress progress = new SyncProgress();

        SyncPlan plan = withSource(source -> engine().planFull(source, Filtering.NONE, progress));

        assertThat(plan.kind()).isEqualTo(SyncKind.FULL);
        assertThat(plan.create()).isEqualTo(1);
        assertThat(plan.update()).isEqualTo(1);
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.delete()).isEqualTo(1);
        assertThat(plan.createSample()).containsExactly("fresh");
        assertThat(plan.updateSample()).containsExactly("moved");
        assertThat(plan.deleteSample()).containsExactly("gone");
        assertThat(progress.seen()).isEqualTo(3);
        assertThat(progress.unchanged()).isEqualTo(1);
        assertThat(sink.writes.get()).isZero();
        assertThat(sink.begins.get()).isZero();
        assertThat(data.downloads()).isZero();
    }

    @Test
    void planFull_manyChanges_keepsOnlyTheFirstIdsAsExamples() {
        data.generate("doc", 25, 0);

        SyncPlan plan = withSource(source -> engine().planFull(source, Filtering.NONE, new SyncProgress()));

        assertThat(plan.create()).isEqualTo(25);
        assertThat(plan.createSample()).hasSize(SyncPlan.SAMPLE_SIZE).startsWith("doc-0", "doc-1");
    }

    @Test
    void planIncremental_countsTheSourcesChangesSinceTheCursor() {
        data.generate("doc", 5, 0);
        long cursor = data.version();
        data.update("doc-1", "v2");
        data.remove("doc-2");

        SyncPlan plan = withSource(source -> engine().planIncremental(source, Map.of("version", cursor), Filtering.NONE, new SyncProgress()));

        assertThat(plan.kind()).isEqualTo(SyncKind.INCREMENTAL);
        assertThat(plan.update()).isEqualTo(1);
        assertThat(plan.delete()).isEqualTo(1);
        assertThat(plan.deleteSample()).containsExactly("doc-2");
        assertThat(sink.writes.get()).isZero();
    }

    private SyncEngine engine() {
        return new SyncEngine(sink, attachment -> reactor.core.publisher.Mono.error(new AssertionError("a plan downloads nothing")), SyncSettings.defaults());
    }

    private SyncPlan withSource(java.util.function.Function<DataSource, Mono<SyncPlan>> plan) {
        SourceConfiguration configuration = InMemorySource.configSchema().resolve(Map.of("store", data.name()));
        try (DataSource source = new InMemorySource(configuration, RuntimeSourceContext.of("plan"))) {
            return plan.apply(source).block(Duration.ofSeconds(10));
        }
    }

    /** A sink that only answers what it holds and counts any attempt to change it. */
    private static final class ReadOnlySink implements Sink {
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger begins = new AtomicInteger();
        private final ExistingIds existing;

        ReadOnlySink(ExistingIds existing) {
            this.existing = existing;
        }

        @Override
        public String describe() {
            return "read-only test sink";
        }

        @Override
        public Mono<Void> begin(SyncKind kind) {
            begins.incrementAndGet();
            return Mono.empty();
        }

        @Override
        public Mono<ExistingIds> existing() {
            return Mono.just(existing);
        }

        @Override
        public Flux<WriteResult> write(Flux<SinkOperation> operations) {
            return operations.doOnNext(operation -> writes.incrementAndGet()).map(operation -> WriteResult.ok(operation, 0));
        }
    }
}
