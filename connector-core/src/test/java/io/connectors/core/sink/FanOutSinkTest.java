package io.connectors.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.sink.OriginalFile;
import io.connectors.api.sink.Sink;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.sink.WriteResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class FanOutSinkTest {

    /** A sink holding ids with markers, recording what it is asked to write; ids in {@code refuse} fail. */
    private static final class RecordingSink implements Sink {
        final String name;
        final ExistingIds held;
        final Set<String> refuse;
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<String> committed = new CopyOnWriteArrayList<>();
        final List<OriginalFile> originals = new CopyOnWriteArrayList<>();
        boolean wantsOriginals;

        RecordingSink(String name, ExistingIds held, Set<String> refuse) {
            this.name = name;
            this.held = held;
            this.refuse = refuse;
        }

        @Override
        public boolean wantsOriginals() {
            return wantsOriginals;
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public Mono<ExistingIds> existing() {
            return Mono.just(held);
        }

        @Override
        public Flux<WriteResult> write(Flux<SinkOperation> operations) {
            return operations.map(operation -> {
                written.add((operation instanceof SinkOperation.Delete ? "-" : "+") + operation.id());
                if (operation instanceof SinkOperation.Upsert upsert && upsert.original() != null) {
                    originals.add(upsert.original());
                }
                return refuse.contains(operation.id()) ? WriteResult.failed(operation, 1, "refused") : WriteResult.ok(operation, 1);
            });
        }

        @Override
        public Mono<Void> commit(boolean succeeded) {
            committed.add(String.valueOf(succeeded));
            return Mono.empty();
        }
    }

    private static SinkOperation upsert(String id, String marker) {
        return new SinkOperation.Upsert(id, Map.of("id", id, "_timestamp", marker), true);
    }

    @Test
    void write_eachSinkGetsOnlyWhatItsOwnStateLacks_andEachOperationGetsOneResult() {
        RecordingSink es = new RecordingSink("es", ExistingIds.builder(2).add("a", "t1").add("gone", "t1").build(), Set.of());
        RecordingSink qb = new RecordingSink("qb", ExistingIds.builder(1).add("b", "t1").build(), Set.of());
        FanOutSink both = new FanOutSink(List.of(es, qb));

        ExistingIds agreed = both.begin(SyncKind.FULL).then(both.existing()).block(Duration.ofSeconds(5));
        assertThat(agreed.size()).isEqualTo(3);
        List<WriteResult> results = both.write(Flux.just(upsert("a", "t1"), upsert("b", "t1"), upsert("c", "t1"),
                new SinkOperation.Delete("gone"))).collectList().block(Duration.ofSeconds(5));

        assertThat(es.written).containsExactlyInAnyOrder("+b", "+c", "-gone");
        assertThat(qb.written).containsExactlyInAnyOrder("+a", "+c");
        assertThat(results).hasSize(4).allMatch(WriteResult::success);
        assertThat(results).extracting(result -> result.operation().id()).containsExactlyInAnyOrder("a", "b", "c", "gone");
    }

    @Test
    void write_oneSinkRefuses_theOperationFailsNamingThatSink() {
        RecordingSink es = new RecordingSink("es", ExistingIds.empty(), Set.of());
        RecordingSink qb = new RecordingSink("qb", ExistingIds.empty(), Set.of("x"));
        FanOutSink both = new FanOutSink(List.of(es, qb));
        both.existing().block(Duration.ofSeconds(5));

        List<WriteResult> results = both.write(Flux.just(upsert("x", "t1"), upsert("y", "t1"))).collectList().block(Duration.ofSeconds(5));

        assertThat(results).hasSize(2);
        WriteResult x = results.stream().filter(r -> r.operation().id().equals("x")).findFirst().orElseThrow();
        assertThat(x.success()).isFalse();
        assertThat(x.error()).isEqualTo("qb: refused");
        assertThat(x.bytes()).isEqualTo(2);
    }

    @Test
    void write_incrementalSync_sendsEverythingToEverySink_andCommitReachesAll() {
        RecordingSink es = new RecordingSink("es", ExistingIds.builder(1).add("a", "t1").build(), Set.of());
        RecordingSink qb = new RecordingSink("qb", ExistingIds.empty(), Set.of());
        FanOutSink both = new FanOutSink(List.of(es, qb));

        both.begin(SyncKind.INCREMENTAL).block(Duration.ofSeconds(5));
        List<WriteResult> results = both.write(Flux.just(upsert("a", "t1"), new SinkOperation.Delete("z")))
                .collectList().block(Duration.ofSeconds(5));
        both.commit(true).block(Duration.ofSeconds(5));

        assertThat(es.written).containsExactlyInAnyOrder("+a", "-z");
        assertThat(qb.written).containsExactlyInAnyOrder("+a", "-z");
        assertThat(results).hasSize(2);
        assertThat(es.committed).containsExactly("true");
        assertThat(qb.committed).containsExactly("true");
    }

    @Test
    void wantsOriginals_anyMemberWants_true() {
        RecordingSink es = new RecordingSink("es", ExistingIds.empty(), Set.of());
        RecordingSink qb = new RecordingSink("qb", ExistingIds.empty(), Set.of());

        assertThat(new FanOutSink(List.of(es, qb)).wantsOriginals()).isFalse();
        qb.wantsOriginals = true;
        assertThat(new FanOutSink(List.of(es, qb)).wantsOriginals()).isTrue();
    }

    @Test
    void write_originalGoesOnlyToTheSinksThatWantIt_andTheResultStillNamesIt() {
        RecordingSink es = new RecordingSink("es", ExistingIds.empty(), Set.of());
        RecordingSink qb = new RecordingSink("qb", ExistingIds.empty(), Set.of());
        qb.wantsOriginals = true;
        FanOutSink both = new FanOutSink(List.of(es, qb));
        both.existing().block(Duration.ofSeconds(5));
        OriginalFile file = new OriginalFile("a.pdf", "application/pdf", 3, Path.of("/tmp/attachment-a.tmp"));
        SinkOperation.Upsert withFile = new SinkOperation.Upsert("a", Map.of("id", "a", "_timestamp", "t1"), false, file);

        List<WriteResult> results = both.write(Flux.just(withFile)).collectList().block(Duration.ofSeconds(5));

        assertThat(es.written).containsExactly("+a");
        assertThat(es.originals).isEmpty();
        assertThat(qb.originals).containsExactly(file);
        assertThat(results).singleElement().satisfies(result ->
                assertThat(((SinkOperation.Upsert) result.operation()).original()).isEqualTo(file));
    }
}
