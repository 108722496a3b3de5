package io.connectors.core.protocol;

import io.connectors.api.sink.SyncKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new connector document as Kibana writes one, so Kibana, Elastic's service and this one all read a connector the
 * CLI (or make run) created: every field present, the never-run ones null.
 */
public final class KibanaConnector {

    /** Kibana's default schedule: enabled by nobody, daily at midnight once enabled. */
    public static final String DEFAULT_INTERVAL = "0 0 0 * * ?";
    public static final String DEFAULT_PIPELINE = "search-default-ingestion";

    private KibanaConnector() {}

    public static Map<String, Object> document(String name, String indexName, String serviceType,
                                        Map<String, Object> configuration, ConnectorStatus status) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("description", null);
        doc.put("index_name", indexName);
        doc.put("service_type", serviceType);
        doc.put("status", status.wireName());
        doc.put("is_native", false);
        doc.put("language", null);
        doc.put("api_key_id", null);
        doc.put("api_key_secret_id", null);
        doc.put("configuration", configuration);
        doc.put("custom_scheduling", Map.of());
        doc.put("features", Map.of());
        doc.put("filtering", List.of(Map.of("domain", "DEFAULT", "active", emptyRules(), "draft", emptyRules())));
        doc.put("pipeline", pipeline());
        doc.put("scheduling", scheduling());
        doc.put("sync_cursor", null);
        doc.put("sync_now", false);
        doc.put("deleted", false);
        doc.put("error", null);
        for (String field : List.of("last_seen", "last_synced", "last_sync_status", "last_sync_error",
                "last_indexed_document_count", "last_deleted_document_count", "last_sync_scheduled_at",
                "last_incremental_sync_scheduled_at", "last_access_control_sync_scheduled_at",
                "last_access_control_sync_status", "last_access_control_sync_error")) {
            doc.put(field, null);
        }
        return doc;
    }

    private static Map<String, Object> emptyRules() {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("rules", List.of());
        rules.put("advanced_snippet", Map.of("value", Map.of()));
        rules.put("validation", Map.of("state", "valid", "errors", List.of()));
        return rules;
    }

    private static Map<String, Object> pipeline() {
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("name", DEFAULT_PIPELINE);
        pipeline.put("extract_binary_content", true);
        pipeline.put("reduce_whitespace", true);
        pipeline.put("run_ml_inference", false);
        return pipeline;
    }

    private static Map<String, Object> scheduling() {
        Map<String, Object> scheduling = new LinkedHashMap<>();
        for (SyncKind kind : SyncKind.values()) {
            scheduling.put(kind.wireName(), Map.of("enabled", false, "interval", DEFAULT_INTERVAL));
        }
        return scheduling;
    }
}
