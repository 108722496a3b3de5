package io.connectors.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.connectors.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's report: a summary table (figure, ratio, target, verdict), sections of details, and the same data as
 * JSON. Printed to stdout and written as {@code report.md} and {@code report.json}.
 */
final class Report {

    /** One line of the summary table. */
    record Row(String phase, String figure, String ratio, String target, String verdict) {}

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Row> summary = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final String title;

    Report(String title) {
        this.title = title;
    }

    Map<String, Object> json() {
        return json;
    }

    void put(String key, Object value) {
        json.put(key, value);
    }

    void row(String phase, String figure, String ratio, String target, String verdict) {
        summary.add(new Row(phase, figure, ratio, target, verdict));
    }

    void section(String markdown) {
        sections.add(markdown.strip());
    }

    String summaryTable() {
        StringBuilder md = new StringBuilder("| phase | figure | ratio | target | verdict |\n|---|---|---|---|---|\n");
        for (Row row : summary) {
            md.append("| ").append(row.phase()).append(" | ").append(row.figure()).append(" | ").append(row.ratio())
                    .append(" | ").append(row.target()).append(" | ").append(row.verdict()).append(" |\n");
        }
        return md.toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append(summaryTable()).append('\n');
        for (String section : sections) {
            md.append(section).append("\n\n");
        }
        return md.toString();
    }

    void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("report.md"), markdown());
            List<Map<String, String>> rows = summary.stream().map(row -> {
                Map<String, String> map = new LinkedHashMap<>();
                map.put("phase", row.phase());
                map.put("figure", row.figure());
                map.put("ratio", row.ratio());
                map.put("target", row.target());
                map.put("verdict", row.verdict());
                return map;
            }).toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("title", title);
            out.put("summary", rows);
            out.putAll(json);
            Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("report.json").toFile(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + directory, e);
        }
    }

    // ---------------------------------------------------------------- formatting

    static String rate(double docsPerSecond) {
        return String.format(Locale.ROOT, "%,.0f docs/s", docsPerSecond);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : bytes < 10L << 20 ? String.format(Locale.ROOT, "%.2f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String cores(double cpuSeconds, double wallSeconds) {
        return cpuSeconds < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", cpuSeconds / Math.max(wallSeconds, 1e-3));
    }
}
