package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.source.SourceDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
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

    @Test
    void listed_fetchesOnlyNewAndChanged_thenRemovesUnseen() {
        List<List<String>> fetched = new CopyOnWriteArrayList<>();
        Flux<SourceDocument> listing = Flux.just(doc("same", "t1"), doc("moved", "t2"), doc("fresh", "t1"));

        List<Change> changes = Diff.listed(existing(), listing, ids -> {
                    fetched.add(ids);
                    return Flux.fromIterable(ids).map(id -> SourceDocument.of(id, "whole", Map.of("full", true)));
                })
                .collectList().block(Duration.ofSeconds(5));

        assertThat(fetched).hasSize(1);
        assertThat(fetched.getFirst()).containsExactlyInAnyOrder("moved", "fresh");
        assertThat(changes).hasSize(4);
        assertThat(changes.get(0)).isEqualTo(new Change.Unchanged("same"));
        assertThat(changes.subList(1, 3)).anyMatch(c -> c instanceof Change.Update u && u.document().id().equals("moved")
                        && u.document().fields().containsKey("full"))
                .anyMatch(c -> c instanceof Change.Create u && u.document().id().equals("fresh"));
        assertThat(changes.get(3)).isEqualTo(new Change.Remove("gone"));
    }

    @Test
    void listed_batchesFetchesAndDropsVanishedAndUnaskedIds() {
        List<SourceDocument> listing = IntStream.range(0, 120).mapToObj(i -> doc("n" + i, "t")).toList();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();

        List<Change> changes = Diff.listed(ExistingIds.empty(), Flux.fromIterable(listing), ids -> {
                    batchSizes.add(ids.size());
                    List<SourceDocument> answer = new ArrayList<>();
                    ids.stream().filter(id -> !id.equals("n7")).forEach(id -> answer.add(doc(id, "t")));
                    answer.add(doc("not-asked", "t"));
                    return Flux.fromIterable(answer);
                })
                .collectList().block(Duration.ofSeconds(5));

        assertThat(batchSizes).containsExactlyInAnyOrder(Diff.FETCH_BATCH, Diff.FETCH_BATCH, 20);
        assertThat(changes).hasSize(119).allMatch(c -> c instanceof Change.Create)
                .noneMatch(c -> ((Change.Create) c).document().id().equals("not-asked"));
    }

    @Test
    void listed_noChange_fetchesNothing() {
        List<SourceDocument> listing = IntStream.range(0, 2_500).mapToObj(i -> doc("u" + i, "t")).toList();
        ExistingIds.Builder builder = ExistingIds.builder(listing.size());
        listing.forEach(document -> builder.add(document.id(), "t"));

        List<Change> changes = Diff.listed(builder.build(), Flux.fromIterable(listing),
                        ids -> Flux.error(new AssertionError("nothing changed, nothing to fetch")))
                .collectList().block(Duration.ofSeconds(5));

        assertThat(changes).hasSize(2_500).allMatch(c -> c instanceof Change.Unchanged);
    }

    @Test
    void listed_failedListing_neverRemoves_evenAfterFetches() {
        Flux<SourceDocument> failing = Flux.just(doc("fresh", "t1")).concatWith(Flux.error(new IllegalStateException("boom")));

        StepVerifier.create(Diff.listed(existing(), failing, ids -> Flux.fromIterable(ids).map(id -> doc(id, "t1"))))
                .thenConsumeWhile(c -> !(c instanceof Change.Remove))
                .expectErrorMessage("boom")
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void listed_failedFetch_failsAndNeverRemoves() {
        StepVerifier.create(Diff.listed(existing(), Flux.just(doc("same", "t1"), doc("moved", "t2")),
                        ids -> Flux.error(new IllegalStateException("fetch failed"))))
                .thenConsumeWhile(c -> !(c instanceof Change.Remove))
                .expectErrorMessage("fetch failed")
                .verify(Duration.ofSeconds(5));
    }
}
