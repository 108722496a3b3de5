package io.connectors.ftest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an ftest run found: facts (sizes, versions, the daemon's memory), one row per sync phase with its duration,
 * docs/s and the mock's request statistics, and every check with its outcome. Rendered as Markdown for
 * {@code ftest/target/ftest-report.md} and the console. Thread-safe enough for one runner thread.
 */
public final class FtestReport {

    /** One verification: passed or not, with what was expected and found. */
    public record Check(String phase, String name, boolean passed, String detail) {}

    /**
     * One sync job as the daemon ran it. {@code seconds} is the job's {@code started_at} to {@code completed_at};
     * {@code wallSeconds} from the job's creation to the runner seeing it completed. {@code rate} is documents per
     * second of {@code rateBasis} (what was written, or what was compared for a sync that wrote nothing).
     */
    public record Phase(String name, String jobType, String jobId, double seconds, double wallSeconds, long indexed,
                        long deleted, long total, long volumeMiB, double rate, String rateBasis, long requests,
                        long maxConcurrency, long injected429, long injected500, long daemonPeakRssKiB,
                        String engineSummary) {}

    private final String title;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<Phase> phases = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public FtestReport(String title) {
        this.title = title;
    }

    public void fact(String name, Object value) {
        facts.put(name, String.valueOf(value));
    }

    public void note(String text) {
        notes.add(text);
    }

    public void phase(Phase phase) {
        phases.add(phase);
    }

    /** Records a check; returns whether it passed. */
    public boolean check(String phase, String name, boolean passed, String detail) {
        checks.add(new Check(phase, name, passed, detail));
        return passed;
    }

    /** A check comparing two values: passes when they are equal. */
    public boolean expectEqual(String phase, String name, Object expected, Object actual) {
        boolean equal = String.valueOf(expected).equals(String.valueOf(actual));
        return check(phase, name, equal, equal ? "= " + actual : "expected " + expected + ", found " + actual);
    }

    public String title() {
        return title;
    }

    public Map<String, String> facts() {
        return Map.copyOf(facts);
    }

    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public List<Check> failures() {
        return checks.stream().filter(check -> !check.passed()).toList();
    }

    public boolean passed() {
        return !checks.isEmpty() && failures().isEmpty();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        out.append("**Result: ").append(passed() ? "PASSED" : "FAILED").append("** (").append(checks.size() - failures().size())
                .append(" of ").append(checks.size()).append(" checks passed)\n\n");
        if (!failures().isEmpty()) {
            out.append("## Failures\n");
            failures().forEach(check -> out.append("- ").append(check.phase()).append(": ").append(check.name()).append(": ")
                    .append(check.detail()).append('\n'));
            out.append('\n');
        }
        out.append("## Run\n| | |\n| --- | --- |\n");
        facts.forEach((name, value) -> out.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n"));
        out.append("\n## Phases\n");
        out.append("| phase | job | duration (s) | wall (s) | indexed | deleted | docs in index | MiB sent | docs/s | mock requests "
                + "| max concurrent | 429 served | 500 served | daemon peak RSS (MiB) |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Phase phase : phases) {
            out.append("| ").append(phase.name()).append(" | ").append(phase.jobType()).append(' ').append(phase.jobId())
                    .append(" | ").append(fixed(phase.seconds(), 1)).append(" | ").append(fixed(phase.wallSeconds(), 1))
                    .append(" | ").append(phase.indexed()).append(" | ").append(phase.deleted()).append(" | ").append(phase.total())
                    .append(" | ").append(phase.volumeMiB())
                    .append(" | ").append(fixed(phase.rate(), 0)).append(" (").append(phase.rateBasis()).append(")")
                    .append(" | ").append(phase.requests()).append(" | ").append(phase.maxConcurrency())
                    .append(" | ").append(phase.injected429()).append(" | ").append(phase.injected500())
                    .append(" | ").append(fixed(phase.daemonPeakRssKiB() / 1024.0, 0)).append(" |\n");
        }
        if (phases.stream().anyMatch(phase -> !phase.engineSummary().isEmpty())) {
            out.append("\nThe daemon's own summary of each job:\n");
            phases.forEach(phase -> out.append("- ").append(phase.name()).append(": `").append(phase.engineSummary()).append("`\n"));
        }
        if (!notes.isEmpty()) {
            out.append("\n## Notes\n");
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        out.append("\n## Checks\n");
        checks.forEach(check -> out.append("- [").append(check.passed() ? 'x' : ' ').append("] ").append(check.phase()).append(": ")
                .append(check.name()).append(": ").append(check.detail()).append('\n'));
        return out.toString();
    }

    public static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
