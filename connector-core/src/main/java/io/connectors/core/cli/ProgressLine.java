package io.connectors.core.cli;

import io.connectors.core.sync.SyncProgress;
import java.time.Duration;
import java.util.Locale;

/**
 * One line about a running sync, from its live counters: a bar when the size is known (a full sync's target count,
 * an estimate since the source may have changed), else a spinner, for a terminal; plain words for a log.
 */
final class ProgressLine {

    private static final int BAR_WIDTH = 24;
    private static final char[] SPINNER = {'|', '/', '-', '\\'};

    private ProgressLine() {}

    /** Counters read once, so one line is consistent. */
    record Counts(long seen, long created, long updated, long unchanged, long deleted, long failed) {
        static Counts of(SyncProgress progress) {
            return new Counts(progress.seen(), progress.created(), progress.updated(), progress.unchanged(),
                    progress.deleted(), progress.failed());
        }
    }

    /**
     * @param label         e.g. {@code full sync} or {@code dry run}
     * @param dryRun        only documents seen and unchanged are counted while a plan streams
     * @param expectedTotal documents expected, or 0 when unknown
     * @param tick          animation step of the spinner
     */
    static String terminal(String label, Counts counts, boolean dryRun, long expectedTotal, Duration elapsed, long tick) {
        StringBuilder line = new StringBuilder();
        if (expectedTotal > 0) {
            double fraction = Math.min(1.0, (double) counts.seen() / expectedTotal);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100))).append(' ')
                    .append(label).append(": ").append(number(counts.seen())).append('/').append(number(expectedTotal)).append(" seen");
        } else {
            line.append(SPINNER[(int) (tick % SPINNER.length)]).append(' ')
                    .append(label).append(": ").append(number(counts.seen())).append(" seen");
        }
        line.append(" | ").append(details(counts, dryRun)).append(" | ").append(rate(counts, elapsed))
                .append(" | ").append(clock(elapsed));
        return line.toString();
    }

    static String plain(String label, Counts counts, boolean dryRun, long expectedTotal, Duration elapsed) {
        return label + ": " + number(counts.seen()) + (expectedTotal > 0 ? " of about " + number(expectedTotal) : "")
                + " seen, " + details(counts, dryRun) + ", " + rate(counts, elapsed) + ", " + clock(elapsed) + " elapsed";
    }

    private static String details(Counts counts, boolean dryRun) {
        if (dryRun) {
            return number(counts.unchanged()) + " unchanged";
        }
        return number(counts.created()) + " new, " + number(counts.updated()) + " updated, " + number(counts.unchanged())
                + " unchanged, " + number(counts.deleted()) + " deleted, " + number(counts.failed()) + " failed";
    }

    private static String rate(Counts counts, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis() / 1000.0, 0.001);
        return number(Math.round(counts.seen() / seconds)) + " docs/s";
    }

    static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
