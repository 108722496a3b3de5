package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.sink.WriteResult;
import io.connectors.api.source.Filtering;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.SourceData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The engine ends every sync with exactly one {@code commit} of the sink: completed, failed or canceled. */
class SyncEngineCommitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A sink that accepts everything and records begin and commit calls. */
    private static final class RecordingSink implements Sink {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String describe() {
            return "recording sink";
        }

        @Override
        public Mono<Void> begin(SyncKind kind) {
            return Mono.fromRunnable(() -> calls.add("begin " + kind.wireName()));
        }

        @Override
        public Mono<ExistingIds> existing() {
            return Mono.just(ExistingIds.empty());
        }

        @Override
        public Flux<WriteResult> write(Flux<SinkOperation> operations) {
            return operations.map(operation -> WriteResult.ok(operation, 1));
        }

        @Override
        public Mono<Void> commit(boolean succeeded) {
            return Mono.fromRunnable(() -> calls.add("commit " + succeeded));
        }
    }

    private static InMemorySource source(SourceData data) {
        return new InMemorySource(InMemorySource.configSchema().resolve(Map.of("store", data.name())), RuntimeSourceContext.of("commit"));
    }

    private static SourceData data() {
        return SourceData.create("commit-" + UUID.randomUUID());
    }

    @Test
    void fullSync_completed_commitsOnceAsSucceeded() {
        RecordingSink sink = new RecordingSink();
        SyncReport report = new SyncEngine(sink, TikaExtractor.create(ExtractionSettings.defaults()), SyncSettings.defaults())
                .fullSync(source(data().generate("doc", 50, 0)), Filtering.NONE, new SyncProgress()).block(TIMEOUT);

        assertThat(report.completed()).isTrue();
        assertThat(sink.calls).containsExactly("begin full", "commit true");
    }

    @Test
    void fullSync_sourceFails_commitsOnceAsFailed() {
        RecordingSink sink = new RecordingSink();
        SyncReport report = new SyncEngine(sink, TikaExtractor.create(ExtractionSettings.defaults()), SyncSettings.defaults())
                .fullSync(source(data().generate("doc", 50, 0).failAfter(10)), Filtering.NONE, new SyncProgress()).block(TIMEOUT);

        assertThat(report.completed()).isFalse();
        assertThat(sink.calls).containsExactly("begin full", "commit false");
    }

    @Test
    void fullSync_canceled_commitsAsFailed() {
        RecordingSink sink = new RecordingSink();
        SyncProgress progress = new SyncProgress();
        Disposable sync = new SyncEngine(sink, TikaExtractor.create(ExtractionSettings.defaults()), SyncSettings.defaults())
                .fullSync(source(data().generate("doc", 1_000, 0).delayPerDocument(Duration.ofMillis(5))), Filtering.NONE, progress)
                .subscribe();
        await().atMost(TIMEOUT).until(() -> progress.indexed() >= 5);

        sync.dispose();

        await().atMost(TIMEOUT).until(() -> sink.calls.contains("commit false"));
        assertThat(sink.calls).containsExactly("begin full", "commit false");
    }
}
