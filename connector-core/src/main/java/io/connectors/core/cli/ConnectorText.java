package io.connectors.core.cli;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The text form of {@code connector show} and {@code job show}, from the printable (already masked) documents:
 * the fields a person looks for first, then the configuration as a table.
 */
final class ConnectorText {

    private ConnectorText() {}

    static String render(Map<String, Object> connector) {
        StringBuilder out = new StringBuilder("Connector ").append(connector.get("id")).append('\n');
        TextTable fields = new TextTable("FIELD", "VALUE");
        for (String field : List.of("name", "service_type", "index_name", "status", "error", "last_seen", "last_sync_status",
                "last_synced", "last_sync_error", "last_indexed_document_count", "last_deleted_document_count")) {
            fields.row(field, connector.get(field));
        }
        fields.row("scheduling", scheduling(connector.get("scheduling")));
        out.append(withoutHeader(fields.render("  ")));
        out.append("Configuration\n").append(configuration(connector.get("configuration")));
        return out.toString();
    }

    static String renderJob(Map<String, Object> job) {
        StringBuilder out = new StringBuilder("Sync job ").append(job.get("id")).append('\n');
        Map<?, ?> snapshot = job.get("connector") instanceof Map<?, ?> map ? map : Map.of();
        TextTable fields = new TextTable("FIELD", "VALUE");
        fields.row("connector", snapshot.get("id") + " (" + TextTable.cell(snapshot.get("service_type")) + ", index "
                + TextTable.cell(snapshot.get("index_name")) + ")");
        for (String field : List.of("job_type", "trigger_method", "status", "error", "worker_hostname", "created_at", "started_at",
                "last_seen", "completed_at", "cancelation_requested_at", "canceled_at", "indexed_document_count",
                "indexed_document_volume", "deleted_document_count", "total_document_count")) {
            fields.row(field, job.get(field));
        }
        out.append(withoutHeader(fields.render("  ")));
        out.append("Configuration of the connector when the job was created\n").append(configuration(snapshot.get("configuration")));
        return out.toString();
    }

    private static String scheduling(@Nullable Object scheduling) {
        if (!(scheduling instanceof Map<?, ?> kinds) || kinds.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        kinds.forEach((kind, schedule) -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            Map<?, ?> entry = schedule instanceof Map<?, ?> map ? map : Map.of();
            text.append(kind).append(' ').append(Boolean.TRUE.equals(entry.get("enabled")) ? "'" + entry.get("interval") + "'" : "off");
        });
        return text.toString();
    }

    private static String configuration(@Nullable Object configuration) {
        if (!(configuration instanceof Map<?, ?> entries) || entries.isEmpty()) {
            return "  (none)\n";
        }
        TextTable table = new TextTable("KEY", "VALUE", "LABEL");
        entries.forEach((key, entry) -> {
            if (entry instanceof Map<?, ?> map && map.containsKey("value")) {
                table.row(key, map.get("value"), map.get("label"));
            } else {
                table.row(key, entry, null);
            }
        });
        return table.render("  ");
    }

    private static String withoutHeader(String table) {
        return table.substring(table.indexOf('\n') + 1);
    }
}
