package io.connectors.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A line every few seconds while a long phase runs: how far it got and its rate so far, e.g.
 * {@code [bench] 2 full sync: 45,000 / 100,000 docs, 9,812 docs/s, 4.6 s}.
 */
final class Progress implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final String label;
    private final LongSupplier done;
    private final long total;
    private final long start = System.nanoTime();
    private final Thread thread;

    private Progress(String label, LongSupplier done, long total) {
        this.label = label;
        this.done = done;
        this.total = total;
        this.thread = Thread.ofPlatform().daemon().name("bench-progress").start(this::run);
    }

    /** Reports {@code done} (of {@code total}, or 0 when unknown) until closed. */
    static Progress of(String label, LongSupplier done, long total) {
        return new Progress(label, done, total);
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long count = done.getAsLong();
            Bench.say(String.format(Locale.ROOT, "%s: %,d%s docs, %,.0f docs/s, %.1f s", label, count,
                    total > 0 ? String.format(Locale.ROOT, " / %,d", total) : "", count / seconds, seconds));
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
