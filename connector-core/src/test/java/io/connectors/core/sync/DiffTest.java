package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.source.SourceDocument;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class DiffTest {

    private static SourceDocument doc(String id, String timestamp) {
        return SourceDocument.of(id, timestamp, Map.of());
    }

    private static ExistingIds existing() {
        return ExistingIds.builder(3).add("same", "t1").add("moved", "t1").add("gone", "t1").build();
    }

    @Test
    void full_completedStream_createsUpdatesSkipsThenRemovesUnseen() {
        StepVerifier.create(Diff.full(existing(), Flux.just(doc("same", "t1"), doc("moved", "t2"), doc("fresh", "t1"))))
                .expectNextMatches(c -> c instanceof Change.Unchanged u && u.id().equals("same"))
                .expectNextMatches(c -> c instanceof Change.Update u && u.document().id().equals("moved"))
                .expectNextMatches(c -> c instanceof Change.Create u && u.document().id().equals("fresh"))
                .expectNextMatches(c -> c instanceof Change.Remove r && r.id().equals("gone"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void full_failedStream_neverRemoves() {
        Flux<SourceDocument> failing = Flux.just(doc("same", "t1")).concatWith(Flux.error(new IllegalStateException("boom")));

        StepVerifier.create(Diff.full(existing(), failing))
                .expectNextMatches(c -> c instanceof Change.Unchanged)
                .expectErrorMessage("boom")
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void full_canceledStream_neverRemoves() {
        StepVerifier.create(Diff.full(existing(), Flux.just(doc("same", "t1")).concatWith(Flux.never())))
                .expectNextMatches(c -> c instanceof Change.Unchanged)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void full_emptySourceAgainstEmptyTarget_isEmpty() {
        StepVerifier.create(Diff.full(ExistingIds.empty(), Flux.empty())).expectComplete().verify(Duration.ofSeconds(5));
    }
}
