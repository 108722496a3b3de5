package io.connectors.ftest.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a resource stayed flat over a run: the median of the last third of the samples (after a warm-up) may exceed
 * the median of the first third by at most {@code max(absoluteTolerance, relativeTolerance * first)}. Medians, not
 * single samples, so one busy moment (a full sync, a GC that has not run yet) neither fails nor hides a trend; a leak
 * grows the last third steadily above the first. Pure, so the verdict is testable on made-up series.
 */
final class Flatness {

    /** One sample: seconds since the start of the run, and the value. */
    record Sample(double seconds, double value) {}

    /**
     * The verdict with its figures.
     *
     * @param samples how many samples were judged (after the warm-up)
     * @param first   median of the first third
     * @param last    median of the last third
     * @param peak    largest sample of the whole run, warm-up included
     * @param allowed the growth allowed
     */
    record Verdict(String name, String unit, int samples, double first, double last, double peak, double allowed, boolean flat,
                   String reason) {
        double growth() {
            return last - first;
        }
    }

    private Flatness() {
    }

    /**
     * Judges {@code series}; samples before {@code warmupSeconds} are left out, and fewer than 6 after it cannot show a
     * trend (not flat, saying so: a run too short to tell must not pass).
     */
    static Verdict judge(String name, String unit, List<Sample> series, double warmupSeconds, double relativeTolerance,
                         double absoluteTolerance) {
        double peak = series.stream().mapToDouble(Sample::value).max().orElse(Double.NaN);
        List<Double> judged = new ArrayList<>();
        for (Sample sample : series) {
            if (sample.seconds() >= warmupSeconds) {
                judged.add(sample.value());
            }
        }
        if (judged.size() < 6) {
            return new Verdict(name, unit, judged.size(), Double.NaN, Double.NaN, peak, Double.NaN, false,
                    "only " + judged.size() + " samples after the " + (long) warmupSeconds + " s warm-up: too few to tell a trend");
        }
        int third = judged.size() / 3;
        double first = median(judged.subList(0, third));
        double last = median(judged.subList(judged.size() - third, judged.size()));
        double allowed = Math.max(absoluteTolerance, relativeTolerance * first);
        boolean flat = last - first <= allowed;
        String reason = String.format(java.util.Locale.ROOT, "median of the first third %.1f %s, of the last third %.1f %s: %s%.1f %s (allowed +%.1f)",
                first, unit, last, unit, last >= first ? "+" : "", last - first, unit, allowed);
        return new Verdict(name, unit, judged.size(), first, last, peak, allowed, flat, reason);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
