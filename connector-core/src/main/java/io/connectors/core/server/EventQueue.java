package io.connectors.core.server;

import io.connectors.api.source.SourceEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Events waiting to be applied, coalesced per subject, bounded.
 *
 * <ul>
 *   <li>One slot per (connector, subject): an event for a subject already waiting merges into it
 *       ({@link SourceEvent#merge}); an event for a subject being applied waits in its slot and is applied once more
 *       when the current application ends. So one subject is never applied twice at once, and ten quick updates cost
 *       at most two fetches: the one running, and one for everything that came meanwhile.</li>
 *   <li>At most {@code capacity} subjects wait; one more is refused ({@link Offer#OVERFLOW}), and the caller queues
 *       an incremental sync of the connector instead of dropping the event.</li>
 *   <li>A subject is applied no sooner than {@code window} after its first waiting event arrived: Jira sends
 *       several events for one change (an attachment added: {@code attachment_created} and {@code jira:issue_updated};
 *       a comment: {@code comment_created} and {@code jira:issue_updated}), and a burst of edits comes within
 *       moments; they all become one fetch. The window delays the line in arrival order, not a worker.</li>
 *   <li>{@code concurrency} subjects are applied at once.</li>
 * </ul>
 * The waiting line is a Reactor unicast sink over a bounded queue (not a hand-made one): its offer fails when full.
 */
final class EventQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventQueue.class);

    /** One subject of one connector. */
    record Key(String connectorId, String subject) {}

    /** What to apply: the merged event and when its oldest part arrived ({@link System#nanoTime()}). */
    record Work(Key key, SourceEvent event, long receivedNanos, int merged) {}

    enum Offer { QUEUED, COALESCED, OVERFLOW }

    /** Guarded by {@link ConcurrentHashMap#compute} on its key. */
    private static final class Slot {
        @Nullable SourceEvent pending;
        long receivedNanos;
        int merged;
        boolean queued;
        boolean running;
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final Sinks.Many<Key> ready;
    private final Disposable worker;
    private final Consumer<String> overflow;

    /**
     * @param apply    applies one subject's work; its errors are the caller's to handle (they are logged here)
     * @param overflow called with the connector id when its event could not be queued
     */
    EventQueue(int capacity, int concurrency, Duration window, Function<Work, Mono<Void>> apply, Consumer<String> overflow) {
        this.ready = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
        this.overflow = overflow;
        this.worker = ready.asFlux()
                .delayUntil(key -> {
                    Duration wait = window.minusNanos(System.nanoTime() - receivedNanos(key));
                    return wait.isNegative() || wait.isZero() ? Mono.empty() : Mono.delay(wait);
                })
                .flatMap(key -> {
                    Work work = take(key);
                    if (work == null) {
                        return Mono.empty();
                    }
                    return apply.apply(work)
                            .onErrorResume(error -> {
                                log.warn("applying {} of connector {} failed: {}", key.subject(), key.connectorId(), error.toString());
                                return Mono.empty();
                            })
                            .doFinally(signal -> finish(key));
                }, concurrency)
                .subscribe();
    }

    /** Queues or merges {@code event} (which must not be {@link SourceEvent.Action#IGNORE}). */
    Offer offer(String connectorId, SourceEvent event, long receivedNanos) {
        Key key = new Key(connectorId, event.subject());
        boolean[] enqueue = {false};
        boolean[] coalesced = {false};
        slots.compute(key, (k, slot) -> {
            Slot current = slot == null ? new Slot() : slot;
            if (current.pending == null) {
                current.pending = event;
                current.receivedNanos = receivedNanos;
                current.merged = 1;
            } else {
                current.pending = current.pending.merge(event);
                current.merged++;
                coalesced[0] = true;
            }
            if (!current.running && !current.queued) {
                current.queued = true;
                enqueue[0] = true;
            }
            return current;
        });
        if (enqueue[0] && !emit(key)) {
            refused(key);
            return Offer.OVERFLOW;
        }
        return coalesced[0] ? Offer.COALESCED : Offer.QUEUED;
    }

    private long receivedNanos(Key key) {
        Slot slot = slots.get(key);
        return slot == null ? 0 : slot.receivedNanos;
    }

    /** Subjects waiting or being applied. */
    int depth() {
        return slots.size();
    }

    private @Nullable Work take(Key key) {
        Work[] work = {null};
        slots.computeIfPresent(key, (k, slot) -> {
            slot.queued = false;
            if (slot.pending != null) {
                slot.running = true;
                work[0] = new Work(key, slot.pending, slot.receivedNanos, slot.merged);
                slot.pending = null;
                slot.merged = 0;
            }
            return slot.running ? slot : null;
        });
        return work[0];
    }

    private void finish(Key key) {
        boolean[] again = {false};
        slots.computeIfPresent(key, (k, slot) -> {
            slot.running = false;
            if (slot.pending == null) {
                return null;
            }
            if (!slot.queued) {
                slot.queued = true;
                again[0] = true;
            }
            return slot;
        });
        if (again[0] && !emit(key)) {
            refused(key);
        }
    }

    /** The subject could not be queued: its slot goes (unless it runs: then its pending part waits in it). */
    private void refused(Key key) {
        slots.computeIfPresent(key, (k, slot) -> {
            slot.queued = false;
            if (slot.running) {
                return slot;
            }
            return null;
        });
        overflow.accept(key.connectorId());
    }

    private boolean emit(Key key) {
        while (true) {
            Sinks.EmitResult result = ready.tryEmitNext(key);
            if (result.isSuccess()) {
                return true;
            }
            if (result != Sinks.EmitResult.FAIL_NON_SERIALIZED) {
                return false; // full (FAIL_OVERFLOW), or closed
            }
            Thread.onSpinWait(); // another thread is emitting at this instant
        }
    }

    @Override
    public void close() {
        worker.dispose();
        ready.tryEmitComplete();
    }
}
