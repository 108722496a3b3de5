package io.connectors.core.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class SharedRefreshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A refresh whose runs are held until the test ends them, one by one. */
    private static final class HeldRefresh implements Supplier<Mono<Void>> {
        final List<Sinks.Empty<Void>> runs = new ArrayList<>();

        @Override
        public synchronized Mono<Void> get() {
            Sinks.Empty<Void> run = Sinks.empty();
            runs.add(run);
            return run.asMono();
        }

        synchronized int started() {
            return runs.size();
        }

        synchronized void end(int run) {
            runs.get(run).tryEmitEmpty();
        }

        synchronized void fail(int run, RuntimeException error) {
            runs.get(run).tryEmitError(error);
        }
    }

    private final Object client = new Object();

    @Test
    void refresh_noneRunning_runsOneAndAnswersWhenItEnds() {
        HeldRefresh held = new HeldRefresh();

        StepVerifier.create(SharedRefresh.refresh(client, "a", held))
                .then(() -> assertThat(held.started()).isEqualTo(1))
                .expectNoEvent(Duration.ofMillis(20))
                .then(() -> held.end(0))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(SharedRefresh.active(client, "a")).isFalse();
    }

    @Test
    void refresh_callersArrivingWhileOneRuns_shareOneNextRefreshThatStartsAfterIt() {
        HeldRefresh held = new HeldRefresh();
        Mono<Void> first = SharedRefresh.refresh(client, "b", held).cache();
        first.subscribe();
        Mono<Void> second = SharedRefresh.refresh(client, "b", held).cache();
        Mono<Void> third = SharedRefresh.refresh(client, "b", held).cache();
        second.subscribe();
        third.subscribe();
        assertThat(held.started()).isEqualTo(1);

        held.end(0);

        StepVerifier.create(first).expectComplete().verify(TIMEOUT);
        // the running refresh may have started before their writes: they wait for the next one, one for both
        assertThat(held.started()).isEqualTo(2);
        StepVerifier.create(second).expectSubscription().expectNoEvent(Duration.ofMillis(20)).thenCancel().verify(TIMEOUT);
        held.end(1);
        StepVerifier.create(second).expectComplete().verify(TIMEOUT);
        StepVerifier.create(third).expectComplete().verify(TIMEOUT);
        assertThat(held.started()).isEqualTo(2);
        assertThat(SharedRefresh.active(client, "b")).isFalse();
    }

    @Test
    void refresh_otherIndex_doesNotWait() {
        HeldRefresh held = new HeldRefresh();
        SharedRefresh.refresh(client, "c1", held).subscribe();

        StepVerifier.create(SharedRefresh.refresh(client, "c2", held))
                .then(() -> held.end(1))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(held.started()).isEqualTo(2);
        held.end(0);
        assertThat(SharedRefresh.active(client, "c1")).isFalse();
        assertThat(SharedRefresh.active(client, "c2")).isFalse();
    }

    @Test
    void refresh_failed_failsItsCallersOnly_andTheNextOneRunsAnew() {
        HeldRefresh held = new HeldRefresh();
        Mono<Void> first = SharedRefresh.refresh(client, "d", held).cache();
        first.subscribe(ignored -> { }, error -> { });
        Mono<Void> second = SharedRefresh.refresh(client, "d", held).cache();
        second.subscribe(ignored -> { }, error -> { });

        held.fail(0, new IllegalStateException("refresh d failed"));

        StepVerifier.create(first).expectErrorMessage("refresh d failed").verify(TIMEOUT);
        held.end(1);
        StepVerifier.create(second).expectComplete().verify(TIMEOUT);
        assertThat(SharedRefresh.active(client, "d")).isFalse();
    }

    @Test
    void refresh_callerCancels_theRefreshRunsOn_andOthersAreStillAnswered() {
        HeldRefresh held = new HeldRefresh();
        var starter = SharedRefresh.refresh(client, "e", held).subscribe();
        Mono<Void> waiting = SharedRefresh.refresh(client, "e", held).cache();
        waiting.subscribe();

        starter.dispose();
        assertThat(held.runs.get(0).currentSubscriberCount()).isEqualTo(1);
        held.end(0);
        assertThat(held.started()).isEqualTo(2);
        held.end(1);

        StepVerifier.create(waiting).expectComplete().verify(TIMEOUT);
        assertThat(SharedRefresh.active(client, "e")).isFalse();
    }
}
