package io.connectors.ftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control plane as Kibana drives it: plain JSON documents in {@code .elastic-connectors} and
 * {@code .elastic-connectors-sync-jobs}, in Elastic's shapes, written and read over REST. Nothing here uses the
 * service's classes, so the daemon is tested through the protocol only.
 */
public final class Kibana {

    public static final String CONNECTORS = ".elastic-connectors";
    public static final String JOBS = ".elastic-connectors-sync-jobs";
    private static final Duration POLL = Duration.ofMillis(250);
    /** A running job whose counters stay still this long has stalled (the daemon writes them every few seconds). */
    private static final Duration STALL = Duration.ofMinutes(3);
    private static final Duration LOG_SCAN = Duration.ofSeconds(5);
    private static final Set<String> FAILED = Set.of("error", "canceled", "canceling", "suspended");

    private final EsRest es;
    private final String connectors;
    private final String jobs;

    /** Control indices of their own (tests that must not meet other daemons' cleanups). */
    public Kibana(EsRest es, String connectors, String jobs) {
        this.es = es;
        this.connectors = connectors;
        this.jobs = jobs;
    }

    public Kibana(EsRest es) {
        this(es, CONNECTORS, JOBS);
    }

    /** Removes what an earlier run left: the connector document, its jobs and its index. */
    public void removeConnector(String connectorId, String indexName) {
        if (es.exists(jobs)) {
            es.refresh(jobs);
            ObjectNode query = EsRest.JSON.createObjectNode();
            query.putObject("term").put("connector.id", connectorId);
            for (JsonNode hit : es.scan(jobs, query, "created_at", List.of("status"))) {
                es.delete(jobs, hit.path("_id").asText());
            }
        }
        if (es.exists(connectors)) {
            es.delete(connectors, connectorId);
        }
        es.deleteIndex(indexName);
    }

    /** Waits until the daemon created both control indices (Kibana finds them there; it never creates them). */
    public void awaitControlIndices(Duration timeout, DaemonProcess daemon) {
        await("the daemon to create " + connectors + " and " + jobs, timeout, daemon,
                () -> es.exists(connectors) && es.exists(jobs) ? Boolean.TRUE : null);
    }

    /**
     * A connector document as Kibana writes it for a connector client: {@code configuration} (entries of
     * {@link #field}), Kibana's default filtering, the default pipeline, no schedule, status {@code configured}.
     */
    public static Map<String, Object> clientConnector(String serviceType, String name, String description, String indexName,
                                                      Map<String, Object> configuration) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("api_key_id", null);
        document.put("configuration", configuration);
        document.put("custom_scheduling", Map.of());
        document.put("description", description);
        document.put("error", null);
        document.put("features", Map.of("incremental_sync", Map.of("enabled", true),
                "sync_rules", Map.of("advanced", Map.of("enabled", true), "basic", Map.of("enabled", true))));
        document.put("filtering", List.of(Map.of("domain", "DEFAULT", "active", filteringRules(), "draft", filteringRules())));
        document.put("index_name", indexName);
        document.put("is_native", false);
        document.put("language", null);
        document.put("last_seen", null);
        document.put("last_sync_error", null);
        document.put("last_sync_status", null);
        document.put("last_synced", null);
        document.put("name", name);
        document.put("pipeline", Map.of("extract_binary_content", true, "name", "search-default-ingestion",
                "reduce_whitespace", true, "run_ml_inference", false));
        Map<String, Object> off = Map.of("enabled", false, "interval", "0 0 0 * * ?");
        document.put("scheduling", Map.of("access_control", off, "full", off, "incremental", off));
        document.put("service_type", serviceType);
        document.put("status", "configured");
        document.put("sync_cursor", null);
        document.put("deleted", false);
        return document;
    }

    /** One entry of a connector's {@code configuration}, required, as Kibana writes it. */
    public static Map<String, Object> field(String label, int order, String type, String display, Object value, boolean sensitive) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("label", label);
        field.put("order", order);
        field.put("type", type);
        field.put("display", display);
        field.put("required", true);
        field.put("sensitive", sensitive);
        field.put("value", value);
        return field;
    }

    /** Kibana's default filtering: the DEFAULT rule (everything) and no advanced snippet. */
    public static Map<String, Object> filteringRules() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", "DEFAULT");
        rule.put("order", 0);
        rule.put("policy", "include");
        rule.put("field", "_");
        rule.put("rule", "regex");
        rule.put("value", ".*");
        rule.put("created_at", "2024-01-01T00:00:00.000Z");
        rule.put("updated_at", "2024-01-01T00:00:00.000Z");
        return Map.of("advanced_snippet", Map.of("value", Map.of(), "created_at", "2024-01-01T00:00:00.000Z",
                        "updated_at", "2024-01-01T00:00:00.000Z"),
                "rules", List.of(rule), "validation", Map.of("errors", List.of(), "state", "valid"));
    }

    public void createConnector(String connectorId, Map<String, Object> document) {
        es.index(connectors, connectorId, document);
    }

    public JsonNode connector(String connectorId) {
        return es.get(connectors, connectorId).orElseThrow(() -> new FtestFailure("connector " + connectorId + " is gone"));
    }

    /** Waits for the connector's {@code status} to become {@code wanted}; {@code error} ends the wait with its message. */
    public JsonNode awaitConnectorStatus(String connectorId, String wanted, Duration timeout, DaemonProcess daemon) {
        return await("connector " + connectorId + " to become " + wanted, timeout, daemon, () -> {
            JsonNode connector = connector(connectorId);
            String status = connector.path("status").asText();
            if (status.equals("error") && !wanted.equals("error")) {
                throw new FtestFailure("connector " + connectorId + " has status error: " + connector.path("error").asText());
            }
            return status.equals(wanted) ? connector : null;
        });
    }

    /** A pending on-demand job of the connector as it is now, in the shape Kibana's "Sync" button writes. */
    public String createJob(String connectorId, String jobType) {
        JsonNode connector = connector(connectorId);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("id", connectorId);
        snapshot.put("configuration", connector.path("configuration"));
        snapshot.put("filtering", jobFiltering(connector.path("filtering")));
        snapshot.put("index_name", connector.path("index_name").asText());
        snapshot.put("language", connector.path("language").isTextual() ? connector.path("language").asText() : null);
        snapshot.put("pipeline", connector.path("pipeline").isMissingNode() ? null : connector.path("pipeline"));
        snapshot.put("service_type", connector.path("service_type").asText());
        snapshot.put("sync_cursor", connector.path("sync_cursor").isMissingNode() ? null : connector.path("sync_cursor"));
        String now = Instant.now().toString();
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("cancelation_requested_at", null);
        job.put("canceled_at", null);
        job.put("completed_at", null);
        job.put("connector", snapshot);
        job.put("created_at", now);
        job.put("deleted_document_count", 0);
        job.put("error", null);
        job.put("indexed_document_count", 0);
        job.put("indexed_document_volume", 0);
        job.put("job_type", jobType);
        job.put("last_seen", null);
        job.put("metadata", Map.of());
        job.put("started_at", null);
        job.put("status", "pending");
        job.put("total_document_count", 0);
        job.put("trigger_method", "on_demand");
        job.put("worker_hostname", null);
        return es.index(jobs, null, job);
    }

    /** A job snapshot holds the active rules of each domain: {@code [{domain, rules, advanced_snippet, warnings}]}. */
    private static ArrayNode jobFiltering(JsonNode connectorFiltering) {
        ArrayNode filtering = EsRest.JSON.createArrayNode();
        for (JsonNode domain : connectorFiltering) {
            ObjectNode entry = filtering.addObject();
            entry.put("domain", domain.path("domain").asText("DEFAULT"));
            entry.set("rules", domain.path("active").path("rules"));
            entry.set("advanced_snippet", domain.path("active").path("advanced_snippet"));
            entry.putArray("warnings");
        }
        return filtering;
    }

    public JsonNode job(String jobId) {
        return es.get(jobs, jobId).orElseThrow(() -> new FtestFailure("job " + jobId + " is gone"));
    }

    /**
     * Waits for the job to complete; {@code error}, {@code canceled} or {@code suspended}, the daemon exiting, or the
     * timeout fail the run, naming the job's last state.
     */
    public JsonNode awaitJob(String jobId, Duration timeout, DaemonProcess daemon) {
        long[] progress = {-1, System.nanoTime(), System.nanoTime()}; // counters, when they last moved, last log scan
        return await("job " + jobId + " to complete", timeout, daemon, () -> {
            JsonNode job = job(jobId);
            String status = job.path("status").asText();
            long counters = job.path("indexed_document_count").asLong() + job.path("deleted_document_count").asLong();
            long now = System.nanoTime();
            if (counters != progress[0]) {
                progress[0] = counters;
                progress[1] = now;
            } else if (status.equals("in_progress") && now - progress[1] > STALL.toNanos()) {
                throw new FtestFailure("job " + jobId + " made no progress for " + STALL.toSeconds() + " s (indexed "
                        + job.path("indexed_document_count").asLong() + "); the end of the daemon's log:\n" + daemon.logTail(20));
            }
            if (now - progress[2] > LOG_SCAN.toNanos()) {
                progress[2] = now;
                List<String> fatal = daemon.logLines("OutOfMemoryError");
                if (!fatal.isEmpty()) {
                    throw new FtestFailure("the daemon ran out of memory during job " + jobId + " (indexed "
                            + job.path("indexed_document_count").asLong() + "): " + fatal.getFirst());
                }
            }
            if (FAILED.contains(status)) {
                throw new FtestFailure("job " + jobId + " ended " + status + (job.path("error").isTextual()
                        ? ": " + job.path("error").asText() : "") + " (indexed " + job.path("indexed_document_count").asLong()
                        + ", deleted " + job.path("deleted_document_count").asLong() + ")");
            }
            return status.equals("completed") ? job : null;
        }, jobId);
    }

    private <T> T await(String what, Duration timeout, DaemonProcess daemon, Check<T> check) {
        return await(what, timeout, daemon, check, null);
    }

    private <T> T await(String what, Duration timeout, DaemonProcess daemon, Check<T> check, String jobId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = check.value();
            if (value != null) {
                return value;
            }
            if (!daemon.alive()) {
                throw new FtestFailure("the daemon exited while waiting for " + what + "; the end of its log:\n" + daemon.logTail(30));
            }
            if (System.nanoTime() > deadline) {
                String state = "";
                if (jobId != null) {
                    JsonNode job = job(jobId);
                    state = " (job status " + job.path("status").asText() + ", indexed " + job.path("indexed_document_count").asLong()
                            + ", last_seen " + job.path("last_seen").asText() + ")";
                }
                throw new FtestFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what + state
                        + "; the end of the daemon's log:\n" + daemon.logTail(20));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FtestFailure("interrupted while waiting for " + what);
            }
        }
    }

    @FunctionalInterface
    private interface Check<T> {
        T value();
    }
}
