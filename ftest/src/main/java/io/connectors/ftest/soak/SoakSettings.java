package io.connectors.ftest.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code make soak} runs, from environment variables (each optional):
 * {@code SOAK_MINUTES} (10) of load, {@code SOAK_CONNECTORS} (10) connectors each with its own mock Jira of
 * {@code SOAK_ISSUES} (60) issues, incremental syncs every {@code SOAK_INCREMENTAL_SECONDS} (10) and full syncs every
 * {@code SOAK_FULL_SECONDS} (30) seconds, {@code SOAK_CONCURRENCY} (4) syncs at once, the Elasticsearch outage of
 * {@code SOAK_OUTAGE_SECONDS} (20) in the middle, a sample every {@code SOAK_SAMPLE_SECONDS} (15), a change to one
 * mock's data every {@code SOAK_CHANGE_SECONDS} (5), the daemon's {@code JAVA_OPTS} from {@code SOAK_DAEMON_JAVA_OPTS}
 * (none: as shipped) and the report in {@code SOAK_OUTPUT} ({@code target/soak}).
 */
record SoakSettings(Duration load, int connectors, int issues, int incrementalSeconds, int fullSeconds, int concurrency,
                    Duration outage, Duration sampleEvery, Duration changeEvery, String daemonJavaOpts, Path output) {

    SoakSettings {
        if (connectors < 1 || issues < 1 || concurrency < 1) {
            throw new IllegalArgumentException("SOAK_CONNECTORS, SOAK_ISSUES and SOAK_CONCURRENCY must be at least 1");
        }
        if (incrementalSeconds < 1 || incrementalSeconds > 59 || fullSeconds < 1 || fullSeconds > 59) {
            throw new IllegalArgumentException("SOAK_INCREMENTAL_SECONDS and SOAK_FULL_SECONDS must be 1-59 (a seconds step of a Quartz cron)");
        }
        if (load.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("SOAK_MINUTES must be at least 1, not " + load.toMinutes());
        }
    }

    static SoakSettings from(Map<String, String> env) {
        return new SoakSettings(Duration.ofSeconds(Math.round(Double.parseDouble(env.getOrDefault("SOAK_MINUTES", "10")) * 60)),
                integer(env, "SOAK_CONNECTORS", 10), integer(env, "SOAK_ISSUES", 60),
                integer(env, "SOAK_INCREMENTAL_SECONDS", 10), integer(env, "SOAK_FULL_SECONDS", 30),
                integer(env, "SOAK_CONCURRENCY", 4), Duration.ofSeconds(integer(env, "SOAK_OUTAGE_SECONDS", 20)),
                Duration.ofSeconds(integer(env, "SOAK_SAMPLE_SECONDS", 15)), Duration.ofSeconds(integer(env, "SOAK_CHANGE_SECONDS", 5)),
                env.getOrDefault("SOAK_DAEMON_JAVA_OPTS", ""), Path.of(env.getOrDefault("SOAK_OUTPUT", "target/soak")));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    /** The Quartz cron of connector {@code index}: every {@code step} seconds, offset so the connectors do not tick at once. */
    static String cron(int index, int step) {
        return (index % step) + "/" + step + " * * * * ?";
    }
}
