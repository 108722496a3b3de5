package io.connectors.ftest;

import java.time.Duration;
import java.util.Locale;

/** {@code DATA_SIZE}: how much the mock source holds, and how long a sync of it may take before the run fails. */
public enum DataSize {
    SMALL(500, 3),
    MEDIUM(10_000, 5),
    LARGE(100_000, 10);

    private final int issues;
    private final int projects;

    DataSize(int issues, int projects) {
        this.issues = issues;
        this.projects = projects;
    }

    public int issues() {
        return issues;
    }

    public int projects() {
        return projects;
    }

    /** The longest one sync job may take: 2 min plus 30 ms an issue, doubled under injected faults. */
    public Duration jobTimeout(boolean faults) {
        Duration base = Duration.ofSeconds(120).plusMillis(30L * issues);
        return faults ? base.multipliedBy(2) : base;
    }

    public static DataSize parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("DATA_SIZE must be small, medium or large, not '" + value + "'");
        }
    }

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
