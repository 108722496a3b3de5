package io.connectors.bench;

import io.connectors.core.config.BulkConfig;
import io.connectors.core.config.ConnectorsConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one bench run does, from environment variables (all optional):
 *
 * <table>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>BENCH_DOCS</td><td>100000</td><td>documents of the corpus (phase 5 mocks a tenth as many Jira issues)</td></tr>
 *   <tr><td>BENCH_SEED</td><td>42</td><td>seed of the generator</td></tr>
 *   <tr><td>BENCH_ES_HEAP</td><td>1g</td><td>heap of the local Elasticsearch node</td></tr>
 *   <tr><td>BENCH_ELASTICSEARCH_URL</td><td>(none)</td><td>use this cluster instead of starting a node</td></tr>
 *   <tr><td>BENCH_CHUNK_SIZE, BENCH_CHUNK_MAX_MB, BENCH_MAX_CONCURRENCY</td><td>config.yml's
 *       {@code elasticsearch.bulk} defaults</td><td>the engine's bulk bounds (and so the raw phase's)</td></tr>
 *   <tr><td>BENCH_CONCURRENT_DOWNLOADS</td><td>config.yml's</td><td>attachments downloaded at once</td></tr>
 *   <tr><td>BENCH_BULK_LOAD_SETTINGS</td><td>true</td><td>false: a full sync into an empty index keeps its refresh
 *       interval (to measure what {@code elasticsearch.bulk.initial_load_settings} brings)</td></tr>
 *   <tr><td>BENCH_SWEEP_DOCS</td><td>min(docs, 20000)</td><td>documents per sweep point; 0 skips the sweep</td></tr>
 *   <tr><td>BENCH_WARMUP_DOCS</td><td>min(docs, 20000)</td><td>documents sent and synced (then dropped) before phase 1, to
 *       warm the JITs of the engine JVM and of the node</td></tr>
 *   <tr><td>BENCH_REPEATS</td><td>3 up to 200,000 docs, else 1</td><td>full syncs of phase 2, each between two raw runs</td></tr>
 *   <tr><td>BENCH_E2E_ISSUES</td><td>docs / 10</td><td>issues of the mock Jira of phase 5; 0 skips phase 5</td></tr>
 *   <tr><td>BENCH_ENGINE_JAVA_OPTS</td><td>-Xmx256m -XX:+UseParallelGC</td><td>JVM options of the engine JVM (phases 2 to 4 and their memory)</td></tr>
 *   <tr><td>BENCH_DAEMON_ROOT</td><td>(this checkout)</td><td>whose {@code bin/elastic-ingest} phase 5 runs: e.g.
 *       {@code dist/connectors-<version>} of {@code make package}, with its trained AOT cache</td></tr>
 *   <tr><td>BENCH_DAEMON_JAVA_OPTS</td><td>(none: as shipped)</td><td>{@code JAVA_OPTS} of {@code bin/elastic-ingest} in phase 5</td></tr>
 *   <tr><td>BENCH_IDLE_SECONDS</td><td>30</td><td>how long phase 5 lets the daemon idle before reading its RSS again</td></tr>
 *   <tr><td>BENCH_WEBHOOK_SECONDS</td><td>60</td><td>phase 7 (webhook latency, its own daemon and mock Jira of
 *       BENCH_E2E_ISSUES issues, at most 10,000): seconds of events at each rate (1/s, then 50/s); 0 skips phase 7 (so does
 *       BENCH_E2E_ISSUES=0)</td></tr>
 *   <tr><td>BENCH_WEBHOOK_CONCURRENCY</td><td>(none: config.yml's default)</td><td>{@code service.http.webhook_concurrency}
 *       of phase 7's daemon</td></tr>
 *   <tr><td>BENCH_ENGINE_PHASES</td><td>true</td><td>false: phases 5 and 7 alone (for tuning the daemon)</td></tr>
 *   <tr><td>BENCH_OUT</td><td>target/bench</td><td>where report.md and report.json go</td></tr>
 * </table>
 */
record BenchSettings(
        int docs,
        long seed,
        String esHeap,
        @Nullable String esUrl,
        int chunkSize,
        int chunkMaxMb,
        int maxConcurrency,
        int concurrentDownloads,
        boolean bulkLoadSettings,
        int sweepDocs,
        int warmupDocs,
        int repeats,
        int e2eIssues,
        String engineJavaOpts,
        String daemonJavaOpts,
        int idleSeconds,
        int webhookSeconds,
        int webhookConcurrency,
        boolean enginePhases,
        Path outputDir) {

    /** The collector of the engine JVM of phases 2 to 4 (docs/performance.md). */
    static final String DAEMON_GC = "-XX:+UseParallelGC";


    static BenchSettings fromEnvironment(Function<String, @Nullable String> env) {
        BulkConfig bulk = ConnectorsConfig.defaults().elasticsearch().bulk();
        int docs = integer(env, "BENCH_DOCS", 100_000);
        if (docs < 100) {
            throw new IllegalArgumentException("BENCH_DOCS must be at least 100 (the change rounds touch 1 % of it), not " + docs);
        }
        String url = env.apply("BENCH_ELASTICSEARCH_URL");
        return new BenchSettings(docs,
                integer(env, "BENCH_SEED", 42),
                text(env, "BENCH_ES_HEAP", "1g"),
                url == null || url.isBlank() ? null : url.strip(),
                integer(env, "BENCH_CHUNK_SIZE", bulk.chunkSize()),
                integer(env, "BENCH_CHUNK_MAX_MB", bulk.chunkMaxMemSize()),
                integer(env, "BENCH_MAX_CONCURRENCY", bulk.maxConcurrency()),
                integer(env, "BENCH_CONCURRENT_DOWNLOADS", bulk.concurrentDownloads()),
                !"false".equalsIgnoreCase(text(env, "BENCH_BULK_LOAD_SETTINGS", "true")),
                integer(env, "BENCH_SWEEP_DOCS", Math.min(docs, 20_000)),
                integer(env, "BENCH_WARMUP_DOCS", Math.min(docs, 20_000)),
                integer(env, "BENCH_REPEATS", docs <= 200_000 ? 3 : 1),
                integer(env, "BENCH_E2E_ISSUES", docs / 10),
                text(env, "BENCH_ENGINE_JAVA_OPTS", "-Xmx256m " + DAEMON_GC),
                text(env, "BENCH_DAEMON_JAVA_OPTS", ""),
                integer(env, "BENCH_IDLE_SECONDS", 30),
                integer(env, "BENCH_WEBHOOK_SECONDS", 60),
                integer(env, "BENCH_WEBHOOK_CONCURRENCY", 0),
                !"false".equalsIgnoreCase(text(env, "BENCH_ENGINE_PHASES", "true")),
                Path.of(text(env, "BENCH_OUT", "target/bench")));
    }

    long chunkMaxBytes() {
        return chunkMaxMb * 1024L * 1024L;
    }

    /** The settings as printed in the report. */
    Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("documents", docs);
        map.put("seed", seed);
        map.put("elasticsearch_heap", esUrl == null ? esHeap : "(external cluster)");
        map.put("bulk_chunk_size", chunkSize);
        map.put("bulk_chunk_max_mem_size_mib", chunkMaxMb);
        map.put("bulk_max_concurrency", maxConcurrency);
        map.put("concurrent_downloads", concurrentDownloads);
        map.put("bulk_load_settings_during_full_syncs", bulkLoadSettings);
        map.put("sweep_documents_per_point", sweepDocs);
        map.put("warmup_documents", warmupDocs);
        map.put("full_sync_runs", repeats);
        map.put("e2e_jira_issues", e2eIssues);
        map.put("engine_jvm_options", engineJavaOpts);
        map.put("daemon_jvm_options", daemonJavaOpts.isBlank() ? "(as shipped: bin/elastic-ingest without JAVA_OPTS)" : daemonJavaOpts);
        map.put("daemon_idle_seconds", idleSeconds);
        map.put("webhook_seconds_per_rate", webhookSeconds);
        map.put("webhook_concurrency", webhookConcurrency > 0 ? Integer.toString(webhookConcurrency) : "(the daemon's default)");
        return map;
    }

    private static int integer(Function<String, @Nullable String> env, String name, int fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }

    private static String text(Function<String, @Nullable String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
