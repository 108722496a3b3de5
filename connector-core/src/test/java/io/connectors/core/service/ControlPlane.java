package io.connectors.core.service;

import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.testkit.elasticsearch.IndexProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads control documents the way Kibana does: plain JSON into the two indices, no code of the service.
 * Public for the daemon tests of other packages (plugin isolation).
 */
public final class ControlPlane {

    private final IndexProbe probe;
    private final ControlIndices indices;

    /** Control indices no other test class sees: a test's daemons meet only its own jobs. */
    public static ControlIndices freshIndices() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        return new ControlIndices(".test-connectors-" + suffix, ".test-connectors-sync-jobs-" + suffix);
    }

    public ControlPlane(IndexProbe probe, ControlIndices indices) {
        this.probe = probe;
        this.indices = indices;
    }

    /** A connector of the in-memory test source, configured, as Kibana leaves it after the configuration step. */
    String connector(String id, String indexName, String store, Map<String, Object> scheduling) {
        return connector(id, "memory", indexName, Map.of("store", Map.of("label", "Store", "type", "str", "value", store,
                "required", true, "sensitive", false, "display", "text", "order", 1)), scheduling);
    }

    /**
     * A configured connector of {@code serviceType} with {@code configuration} (Kibana's entries: key -> {label,
     * type, value, ...}), no schedule.
     */
    public String connectorOfType(String id, String serviceType, String indexName, Map<String, Object> configuration) {
        return connector(id, serviceType, indexName, configuration, Map.of());
    }

    private String connector(String id, String serviceType, String indexName, Map<String, Object> configuration,
                             Map<String, Object> scheduling) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "connector " + id);
        doc.put("index_name", indexName);
        doc.put("service_type", serviceType);
        doc.put("status", "configured");
        doc.put("is_native", false);
        doc.put("language", null);
        doc.put("configuration", configuration);
        doc.put("scheduling", scheduling.isEmpty() ? Map.of("full", Map.of("enabled", false, "interval", "0 0 0 * * ?")) : scheduling);
        doc.put("filtering", List.of(Map.of("domain", "DEFAULT",
                "active", Map.of("rules", List.of(), "advanced_snippet", Map.of("value", Map.of())))));
        doc.put("sync_cursor", null);
        doc.put("deleted", false);
        return index(indices.connectors(), id, doc);
    }

    /** A pending on-demand job, as Kibana's "Sync" button writes it. */
    public String pendingJob(String connectorId, String jobType) {
        return pendingJob(connectorId, jobType, Map.of());
    }

    /** A pending job whose connector snapshot has {@code snapshotChanges} put over the connector's own values. */
    public String pendingJob(String connectorId, String jobType, Map<String, Object> snapshotChanges) {
        Map<String, Object> connector = source(indices.connectors(), connectorId);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("id", connectorId);
        snapshot.put("configuration", connector.get("configuration"));
        snapshot.put("filtering", connector.get("filtering"));
        snapshot.put("index_name", connector.get("index_name"));
        snapshot.put("language", connector.get("language"));
        snapshot.put("pipeline", null);
        snapshot.put("service_type", connector.get("service_type"));
        snapshot.put("sync_cursor", connector.get("sync_cursor"));
        snapshot.putAll(snapshotChanges);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("connector", snapshot);
        job.put("job_type", jobType);
        job.put("trigger_method", "on_demand");
        job.put("status", "pending");
        job.put("indexed_document_count", 0);
        job.put("indexed_document_volume", 0);
        job.put("deleted_document_count", 0);
        job.put("created_at", Instant.now().toString());
        job.put("last_seen", Instant.now().toString());
        return index(indices.jobs(), null, job);
    }

    /** A partial update, retried on a conflict with the daemons' own writes (heartbeats, sync state) to the document. */
    void update(String index, String id, Map<String, Object> fields) {
        try {
            probe.client().update(u -> u.index(index).id(id).doc(fields).retryOnConflict(5).refresh(Refresh.True), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> job(String id) {
        return source(indices.jobs(), id);
    }

    public Map<String, Object> connectorDoc(String id) {
        return source(indices.connectors(), id);
    }

    List<Map<String, Object>> jobsOf(String connectorId) {
        if (!probe.exists(indices.jobs())) {
            return List.of(); // the daemon has not created the control indices yet
        }
        try {
            probe.client().indices().refresh(r -> r.index(indices.jobs()));
            var response = probe.client().search(s -> s.index(indices.jobs()).size(1000)
                    .query(q -> q.term(t -> t.field("connector.id").value(connectorId))), ObjectNode.class);
            List<Map<String, Object>> jobs = new ArrayList<>();
            for (var hit : response.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> source = io.connectors.core.json.Json.mapper().convertValue(hit.source(), Map.class);
                source.put("_id", hit.id());
                jobs.add(source);
            }
            return jobs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code doc} as it is (a hostile or broken document, say); a null id lets Elasticsearch pick one. */
    String put(String index, String id, Map<String, Object> doc) {
        return index(index, id, doc);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> source(String index, String id) {
        try {
            var response = probe.client().get(g -> g.index(index).id(id), ObjectNode.class);
            return response.found() ? io.connectors.core.json.Json.mapper().convertValue(response.source(), Map.class) : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String index(String index, String id, Map<String, Object> doc) {
        try {
            return probe.client().index(i -> {
                i.index(index).document(doc).refresh(Refresh.True);
                return id == null ? i : i.id(id);
            }).id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
