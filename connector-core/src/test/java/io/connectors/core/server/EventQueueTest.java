package io.connectors.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectors.api.source.SourceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class EventQueueTest {

    private static SourceEvent updated(String issue) {
        return SourceEvent.refresh("jira:issue_updated", issue, "P-" + issue);
    }

    @Test
    void offer_tenQuickUpdatesOfOneIssue_costAtMostTwoApplications() {
        List<EventQueue.Work> applied = new CopyOnWriteArrayList<>();
        Sinks.Empty<Void> release = Sinks.empty();
        try (EventQueue queue = new EventQueue(100, 4, Duration.ZERO, work -> {
            applied.add(work);
            return applied.size() == 1 ? release.asMono() : Mono.empty(); // the first application is slow
        }, overflowed -> { })) {
            for (int i = 0; i < 10; i++) {
                queue.offer("c1", updated("10001"), System.nanoTime());
            }
            release.tryEmitEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth() == 0);
        }
        assertThat(applied).hasSizeBetween(1, 2);
        assertThat(applied.stream().mapToInt(EventQueue.Work::merged).sum()).as("every event accounted for").isEqualTo(10);
    }

    @Test
    void offer_burstWithinTheWindow_isOneApplication() {
        List<EventQueue.Work> applied = new CopyOnWriteArrayList<>();
        try (EventQueue queue = new EventQueue(100, 4, Duration.ofMillis(300), work -> {
            applied.add(work);
            return Mono.empty();
        }, overflowed -> { })) {
            for (int i = 0; i < 10; i++) {
                queue.offer("c1", updated("10001"), System.nanoTime());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth() == 0);
        }
        assertThat(applied).hasSize(1);
        assertThat(applied.getFirst().merged()).isEqualTo(10);
    }

    @Test
    void offer_eventDuringApplication_isAppliedAfterItNeverConcurrently() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger applications = new AtomicInteger();
        try (EventQueue queue = new EventQueue(100, 8, Duration.ZERO, work -> Mono.defer(() -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            applications.incrementAndGet();
            return Mono.delay(Duration.ofMillis(50)).then(Mono.fromRunnable(inFlight::decrementAndGet));
        }).then(), overflowed -> { })) {
            queue.offer("c1", updated("10001"), System.nanoTime());
            await().atMost(Duration.ofSeconds(10)).until(() -> applications.get() == 1);
            queue.offer("c1", updated("10001"), System.nanoTime());
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth() == 0);
        }
        assertThat(applications.get()).as("the later event is applied after the running one").isEqualTo(2);
        assertThat(maxInFlight.get()).as("one subject never applied twice at once").isEqualTo(1);
    }

    @Test
    void offer_distinctIssues_areAppliedConcurrently() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        try (EventQueue queue = new EventQueue(100, 4, Duration.ZERO, work -> Mono.defer(() -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return Mono.delay(Duration.ofMillis(100)).then(Mono.fromRunnable(inFlight::decrementAndGet));
        }).then(), overflowed -> { })) {
            for (int i = 0; i < 8; i++) {
                queue.offer("c1", updated("1000" + i), System.nanoTime());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth() == 0);
        }
        assertThat(maxInFlight.get()).isEqualTo(4);
    }

    @Test
    void offer_removalThenUpdate_staysARemovalWithTheIdsOfBoth() {
        List<EventQueue.Work> applied = new CopyOnWriteArrayList<>();
        Sinks.Empty<Void> release = Sinks.empty();
        try (EventQueue queue = new EventQueue(100, 1, Duration.ZERO, work -> {
            applied.add(work);
            return work.key().subject().equals("blocker") ? release.asMono() : Mono.empty();
        }, overflowed -> { })) {
            queue.offer("c1", updated("blocker"), System.nanoTime()); // holds the only worker
            queue.offer("c1", SourceEvent.remove("jira:issue_deleted", "10001", "P-1", List.of("issue-10001", "attachment-3")), System.nanoTime());
            queue.offer("c1", updated("10001"), System.nanoTime());
            release.tryEmitEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth() == 0);
        }
        assertThat(applied).hasSize(2);
        SourceEvent merged = applied.get(1).event();
        assertThat(merged.action()).isEqualTo(SourceEvent.Action.REMOVE);
        assertThat(merged.removedIds()).containsExactly("issue-10001", "attachment-3");
    }

    @Test
    void offer_queueFull_callsOverflowWithTheConnectorInsteadOfDropping() {
        Sinks.Empty<Void> release = Sinks.empty();
        List<String> overflowed = new CopyOnWriteArrayList<>();
        ConcurrentHashMap<String, Boolean> applied = new ConcurrentHashMap<>();
        try (EventQueue queue = new EventQueue(2, 1, Duration.ZERO, work -> {
            applied.put(work.key().subject(), true);
            return release.asMono();
        }, overflowed::add)) {
            EventQueue.Offer first = queue.offer("c1", updated("1"), System.nanoTime());
            await().atMost(Duration.ofSeconds(10)).until(() -> applied.containsKey("1"));
            List<EventQueue.Offer> offers = new CopyOnWriteArrayList<>();
            for (int i = 2; i <= 6; i++) {
                offers.add(queue.offer("c2", updated(Integer.toString(i)), System.nanoTime()));
            }
            assertThat(first).isEqualTo(EventQueue.Offer.QUEUED);
            assertThat(offers).contains(EventQueue.Offer.OVERFLOW);
            assertThat(offers.getFirst()).isEqualTo(EventQueue.Offer.QUEUED);
            assertThat(overflowed).isNotEmpty().containsOnly("c2");
            release.tryEmitEmpty();
        }
    }
}
