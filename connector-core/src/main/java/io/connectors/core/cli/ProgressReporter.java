package io.connectors.core.cli;

import io.connectors.core.sync.SyncProgress;
import java.io.PrintWriter;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Shows a running sync on stderr: on a terminal one line rewritten in place every half second; otherwise (a log, a
 * pipe) a plain line every few seconds. Disposing it stops the updates and clears the terminal line.
 */
final class ProgressReporter implements Disposable {

    static final Duration TERMINAL_EVERY = Duration.ofMillis(500);
    static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintWriter err;
    private final boolean terminal;
    private final Disposable ticks;
    private int lastLength;
    private boolean stopped;

    private ProgressReporter(PrintWriter err, boolean terminal, String label, SyncProgress progress, boolean dryRun, long expected) {
        this.err = err;
        this.terminal = terminal;
        long start = System.nanoTime();
        this.ticks = Flux.interval(terminal ? TERMINAL_EVERY : PLAIN_EVERY, Schedulers.single())
                .subscribe(tick -> show(label, progress, dryRun, expected, Duration.ofNanos(System.nanoTime() - start), tick));
    }

    /** A {@link ForegroundSync.Watcher} printing to {@code err}. */
    static ForegroundSync.Watcher on(PrintWriter err, boolean terminal) {
        return (label, progress, dryRun, expected) -> new ProgressReporter(err, terminal, label, progress, dryRun, expected);
    }

    private synchronized void show(String label, SyncProgress progress, boolean dryRun, long expected, Duration elapsed, long tick) {
        if (stopped) {
            return; // a tick that raced with dispose()
        }
        ProgressLine.Counts counts = ProgressLine.Counts.of(progress);
        if (terminal) {
            String line = ProgressLine.terminal(label, counts, dryRun, expected, elapsed, tick);
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(ProgressLine.plain(label, counts, dryRun, expected, elapsed));
        }
        err.flush();
    }

    @Override
    public synchronized void dispose() {
        stopped = true;
        ticks.dispose();
        if (terminal && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    @Override
    public boolean isDisposed() {
        return ticks.isDisposed();
    }
}
