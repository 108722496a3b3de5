package io.connectors.ftest.soak;

import io.connectors.ftest.soak.Flatness.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's heap after each collection, read from its own unified GC log ({@code -Xlog:gc:file=...:uptime}): a line
 * such as {@code [12.345s] GC(7) Pause Young (Allocation Failure) 23M->7M(30M) 2.345ms} gives 7 MiB live after the
 * pause at 12.3 s of uptime. No attach, no forced collection: the figure is what the daemon's own collector left.
 */
final class GcLog {

    private static final Pattern PAUSE = Pattern.compile(
            "\\[(\\d+(?:\\.\\d+)?)s].*GC\\(\\d+\\) Pause \\w+.*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {
    }

    /** The heap after the pause of one log line, in MiB at the line's uptime in seconds; empty for other lines. */
    static Optional<Sample> afterGc(String line) {
        Matcher m = PAUSE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Sample(Double.parseDouble(m.group(1)), mib(Long.parseLong(m.group(4)), m.group(5))));
    }

    /** Every pause of the log, its uptime shifted by {@code offsetSeconds} (when the daemon started in the run). */
    static List<Sample> read(Path log, double offsetSeconds) {
        List<Sample> samples = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                afterGc(line).ifPresent(s -> samples.add(new Sample(s.seconds() + offsetSeconds, s.value())));
            }
        } catch (IOException missing) {
            // no log (yet): no samples
        }
        return samples;
    }

    /**
     * The lowest value in each window of {@code windowSeconds}: after a young collection the heap still holds what
     * the old generation has not collected yet, so the floor of a window is the truest live-heap figure the log gives.
     */
    static List<Sample> windowFloors(List<Sample> samples, double windowSeconds) {
        TreeMap<Long, Sample> floors = new TreeMap<>();
        for (Sample sample : samples) {
            long window = (long) Math.floor(sample.seconds() / windowSeconds);
            floors.merge(window, sample, (a, b) -> a.value() <= b.value() ? a : b);
        }
        return List.copyOf(floors.values());
    }

    private static double mib(long amount, String unit) {
        return switch (unit) {
            case "K" -> amount / 1024.0;
            case "G" -> amount * 1024.0;
            default -> amount;
        };
    }
}
