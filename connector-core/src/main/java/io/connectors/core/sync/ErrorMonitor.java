package io.connectors.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Counts item failures of one sync and says when they are too many (see {@link ErrorMonitorSettings}). Fed from one
 * ordered stream; not thread safe.
 */
final class ErrorMonitor {

    private final ErrorMonitorSettings settings;
    private final boolean[] window;
    private final List<String> firstErrors = new ArrayList<>();
    private int windowPosition;
    private int windowFilled;
    private int windowFailures;
    private long total;
    private int consecutive;

    ErrorMonitor(ErrorMonitorSettings settings) {
        this.settings = settings;
        this.window = new boolean[Math.max(1, settings.windowSize())];
    }

    void success() {
        consecutive = 0;
        slide(false);
    }

    /** Records a failure; returns why the sync must stop, if it must. */
    Optional<String> failure(String description) {
        total++;
        consecutive++;
        slide(true);
        if (firstErrors.size() < settings.queueSize()) {
            firstErrors.add(description);
        }
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (total > settings.maxTotalErrors()) {
            return Optional.of("more than " + settings.maxTotalErrors() + " documents failed (max_total_errors)");
        }
        if (consecutive > settings.maxConsecutiveErrors()) {
            return Optional.of("more than " + settings.maxConsecutiveErrors() + " documents failed in a row (max_consecutive_errors)");
        }
        if (windowFilled == window.length && (double) windowFailures / window.length > settings.maxErrorRate()) {
            return Optional.of(windowFailures + " of the last " + window.length + " documents failed, above max_error_rate "
                    + settings.maxErrorRate());
        }
        return Optional.empty();
    }

    long total() {
        return total;
    }

    List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    private void slide(boolean failed) {
        if (windowFilled == window.length && window[windowPosition]) {
            windowFailures--;
        }
        window[windowPosition] = failed;
        if (failed) {
            windowFailures++;
        }
        windowPosition = (windowPosition + 1) % window.length;
        windowFilled = Math.min(window.length, windowFilled + 1);
    }
}
