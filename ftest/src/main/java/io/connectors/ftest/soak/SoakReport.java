package io.connectors.ftest.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The soak's findings: figures, resource samples and checks; written as {@code report.md} and {@code report.json}. */
final class SoakReport {

    record Check(String name, boolean passed, String detail) {}

    /**
     * One resource sample: seconds into the run, VmRSS (MiB), open file descriptors, the soak's jobs pending or running
     * (-1 while Elasticsearch does not answer), and what the run was doing.
     */
    record ResourceSample(double seconds, double rssMiB, long openFds, long openJobs, String phase) {}

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<ResourceSample> samples = new ArrayList<>();
    private final List<Flatness.Sample> heapFloors = new ArrayList<>();

    synchronized void figure(String name, Object value) {
        figures.put(name, value);
    }

    synchronized boolean check(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail));
        return passed;
    }

    synchronized void sample(ResourceSample sample) {
        samples.add(sample);
    }

    synchronized List<ResourceSample> samples() {
        return List.copyOf(samples);
    }

    synchronized void heapFloors(List<Flatness.Sample> floors) {
        heapFloors.clear();
        heapFloors.addAll(floors);
    }

    synchronized boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    synchronized List<Check> checks() {
        return List.copyOf(checks);
    }

    synchronized String markdown() {
        StringBuilder md = new StringBuilder("# Soak: ").append(passed() ? "PASS" : "FAIL").append("\n\n");
        List<Check> failed = checks.stream().filter(check -> !check.passed()).toList();
        if (!failed.isEmpty()) {
            md.append("## Failed checks\n");
            failed.forEach(check -> md.append("- ").append(check.name()).append(": ").append(check.detail()).append('\n'));
            md.append('\n');
        }
        md.append("## Figures\n| figure | value |\n| --- | --- |\n");
        figures.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(cell(String.valueOf(value))).append(" |\n"));
        md.append("\n## Checks\n| check | verdict | detail |\n| --- | --- | --- |\n");
        checks.forEach(check -> md.append("| ").append(check.name()).append(" | ").append(check.passed() ? "PASS" : "FAIL")
                .append(" | ").append(cell(check.detail())).append(" |\n"));
        md.append("\n## Samples (the daemon's VmRSS and open file descriptors, the soak's open jobs)\n")
                .append("| s | VmRSS MiB | open fds | jobs pending or running | phase |\n| ---: | ---: | ---: | ---: | --- |\n");
        samples.forEach(s -> md.append(String.format(java.util.Locale.ROOT, "| %.0f | %.1f | %d | %s | %s |%n", s.seconds(), s.rssMiB(),
                s.openFds(), s.openJobs() < 0 ? "(no answer)" : Long.toString(s.openJobs()), s.phase())));
        md.append("\n## Heap after GC (lowest per sample interval, from the daemon's GC log)\n| s | MiB |\n| ---: | ---: |\n");
        heapFloors.forEach(s -> md.append(String.format(java.util.Locale.ROOT, "| %.0f | %.1f |%n", s.seconds(), s.value())));
        return md.toString();
    }

    synchronized void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed());
        json.put("figures", figures);
        json.put("checks", checks);
        json.put("samples", samples);
        json.put("heap_after_gc_floors", heapFloors);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), json);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
