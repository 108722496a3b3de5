package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.OriginalFile;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.WriteResult;
import io.connectors.api.source.Filtering;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.SourceData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Attachments' original files for a sink that asks for them: the engine hands each extracted attachment's download
 * over on its upsert, owns it, deletes it once the upsert's result came back, and leaves no file behind however the
 * sync ends; a sink that does not ask never sees one.
 */
class SyncEngineOriginalsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private TikaExtractor extractor;

    @AfterEach
    void close() {
        if (extractor != null) {
            extractor.close();
        }
    }

    /** Reads each upsert's original while it writes, as a real sink would; {@code results} shapes its answers. */
    private static final class OriginalsSink implements Sink {
        final boolean wants;
        final Function<Flux<SinkOperation>, Flux<SinkOperation>> shape;
        final Map<String, byte[]> originals = new ConcurrentHashMap<>();
        final Map<String, String> mediaTypes = new ConcurrentHashMap<>();
        final List<Path> paths = new CopyOnWriteArrayList<>();
        final List<String> upsertsWithoutOriginal = new CopyOnWriteArrayList<>();

        OriginalsSink(boolean wants, Function<Flux<SinkOperation>, Flux<SinkOperation>> shape) {
            this.wants = wants;
            this.shape = shape;
        }

        @Override
        public String describe() {
            return "originals sink";
        }

        @Override
        public boolean wantsOriginals() {
            return wants;
        }

        @Override
        public Mono<ExistingIds> existing() {
            return Mono.just(ExistingIds.empty());
        }

        @Override
        public Flux<WriteResult> write(Flux<SinkOperation> operations) {
            return operations.doOnNext(operation -> {
                        if (operation instanceof SinkOperation.Upsert upsert) {
                            OriginalFile original = upsert.original();
                            if (original == null) {
                                upsertsWithoutOriginal.add(upsert.id());
                                return;
                            }
                            paths.add(original.path());
                            mediaTypes.put(upsert.id(), String.valueOf(original.mediaType()));
                            try {
                                originals.put(upsert.id(), Files.readAllBytes(original.path()));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    })
                    .transform(shape)
                    .map(operation -> WriteResult.ok(operation, 1));
        }
    }

    private SyncEngine engine(Sink sink) {
        extractor = TikaExtractor.create(ExtractionSettings.defaults().withTempDir(temp.resolve("spool")));
        return new SyncEngine(sink, extractor, SyncSettings.defaults());
    }

    private static InMemorySource source(SourceData data) {
        return new InMemorySource(InMemorySource.configSchema().resolve(Map.of("store", data.name())), RuntimeSourceContext.of("originals"));
    }

    private static SourceData data() {
        return SourceData.create("originals-" + UUID.randomUUID());
    }

    private List<Path> spool() throws IOException {
        try (var files = Files.list(temp.resolve("spool"))) {
            return files.toList();
        }
    }

    @Test
    void fullSync_sinkWantsOriginals_eachExtractedAttachmentArrivesWithItsBytesAndNoFileSurvives() throws IOException {
        OriginalsSink sink = new OriginalsSink(true, Function.identity());

        SyncReport report = engine(sink).fullSync(source(data().generate("doc", 20, 2)), Filtering.NONE, new SyncProgress()).block(TIMEOUT);

        assertThat(report.completed()).isTrue();
        assertThat(sink.originals).hasSize(10);
        for (int i = 0; i < 20; i += 2) {
            assertThat(new String(sink.originals.get("doc-" + i), StandardCharsets.UTF_8)).isEqualTo("attachment text of doc-" + i + " v1");
            assertThat(sink.mediaTypes.get("doc-" + i)).startsWith("text/plain");
        }
        assertThat(sink.upsertsWithoutOriginal).hasSize(10).allMatch(id -> Integer.parseInt(id.substring(4)) % 2 == 1);
        assertThat(spool()).isEmpty();
        assertThat(sink.paths).noneMatch(Files::exists);
    }

    @Test
    void fullSync_sinkDoesNotWantOriginals_upsertsCarryNoneAndNoFileStays() throws IOException {
        OriginalsSink sink = new OriginalsSink(false, Function.identity());

        SyncReport report = engine(sink).fullSync(source(data().generate("doc", 20, 2)), Filtering.NONE, new SyncProgress()).block(TIMEOUT);

        assertThat(report.completed()).isTrue();
        assertThat(report.attachmentsExtracted()).isEqualTo(10);
        assertThat(sink.originals).isEmpty();
        assertThat(sink.upsertsWithoutOriginal).hasSize(20);
        assertThat(spool()).isEmpty();
    }

    @Test
    void fullSync_resultCameBack_originalDeletedWhileTheSyncStillRuns() {
        // results handed back without the original (a light copy, as sinks that release documents do): found by id
        OriginalsSink sink = new OriginalsSink(true, operations -> operations.map(operation ->
                operation instanceof SinkOperation.Upsert upsert ? new SinkOperation.Upsert(upsert.id(), Map.of(), upsert.existed()) : operation));
        SyncProgress progress = new SyncProgress();
        Disposable sync = engine(sink).fullSync(source(data().generate("doc", 200, 1).delayPerDocument(Duration.ofMillis(10))),
                Filtering.NONE, progress).subscribe();
        try {
            await().atMost(TIMEOUT).until(() -> sink.paths.size() >= 3);
            Path first = sink.paths.getFirst();

            await().atMost(TIMEOUT).until(() -> !Files.exists(first));
            assertThat(sync.isDisposed()).isFalse();
            assertThat(progress.indexed()).isLessThan(200);
        } finally {
            sync.dispose();
        }
    }

    @Test
    void fullSync_sinkFailsMidway_noFileSurvives() throws IOException {
        OriginalsSink sink = new OriginalsSink(true, operations -> operations.index().map(indexed -> {
            if (indexed.getT1() == 15) {
                throw new IllegalStateException("the target went away");
            }
            return indexed.getT2();
        }));

        SyncReport report = engine(sink).fullSync(source(data().generate("doc", 60, 1)), Filtering.NONE, new SyncProgress()).block(TIMEOUT);

        assertThat(report.completed()).isFalse();
        assertThat(report.error()).contains("the target went away");
        assertThat(sink.paths).isNotEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(spool()).isEmpty());
        assertThat(sink.paths).noneMatch(Files::exists);
    }

    @Test
    void fullSync_canceledWhileTheSinkHoldsOriginals_noFileSurvives() throws IOException {
        // a slow sink: upserts (with their files) pile up in front of it and inside it when the sync is canceled
        OriginalsSink sink = new OriginalsSink(true, operations -> operations.delayElements(Duration.ofMillis(50)));
        SyncProgress progress = new SyncProgress();
        Disposable sync = engine(sink).fullSync(source(data().generate("doc", 500, 1)), Filtering.NONE, progress).subscribe();
        await().atMost(TIMEOUT).until(() -> sink.paths.size() >= 5);
        assertThat(spool()).isNotEmpty();

        sync.dispose();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(spool()).isEmpty());
        assertThat(sink.paths).noneMatch(Files::exists);
    }
}
