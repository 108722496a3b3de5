package io.connectors.core.cli;

import io.connectors.api.sink.SinkAdmin;
import io.connectors.core.runtime.SyncFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code connectors state ...}: the state sinks keep of their own (the qbusiness sink's id -> checksum store), reached
 * through the sink SPI's {@link SinkAdmin}, so this command knows no sink module.
 */
@Command(name = "state", description = "Show or clear the state a connector's sinks keep of their own (e.g. qbusiness).",
        subcommands = {StateCommand.Stats.class, StateCommand.Clear.class})
final class StateCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private StateCommand() {}

    @Command(name = "stats", description = "Documents, bytes and last sync of each sink's state.")
    static final class Stats extends CliCommand {
        @Parameters(paramLabel = "ID", description = "the connector id")
        String connectorId;

        @Override
        int execute() {
            try (CliSession session = openSession()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SyncFactory.NamedAdmin named : session.syncs().admins(connectorId)) {
                    try (SinkAdmin admin = named.admin()) {
                        SinkAdmin.StateStats stats = admin.stateStats().block(TIMEOUT);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("sink", named.sink());
                        row.put("documents", stats == null ? 0 : stats.documents());
                        row.put("bytes", stats == null ? 0 : stats.bytes());
                        row.put("last_write_at", stats == null ? null : stats.lastWriteAt());
                        row.put("last_sync_id", stats == null ? null : stats.lastSyncId());
                        rows.add(row);
                    }
                }
                if (json()) {
                    printJson(Map.of("connector_id", connectorId, "sinks", rows));
                } else if (rows.isEmpty()) {
                    out().println("Connector " + connectorId + ": none of its sinks keeps a state of its own.");
                } else {
                    TextTable table = new TextTable("SINK", "DOCUMENTS", "BYTES", "LAST WRITE", "LAST SYNC JOB");
                    rows.forEach(row -> table.row(row.get("sink"), row.get("documents"), row.get("bytes"),
                            row.get("last_write_at"), row.get("last_sync_id")));
                    out().print(table.render(""));
                }
                return 0;
            }
        }
    }

    @Command(name = "clear", description = "Forget each sink's state: the next sync sends every document to it again.")
    static final class Clear extends CliCommand {
        @Parameters(paramLabel = "ID", description = "the connector id")
        String connectorId;

        @Override
        int execute() {
            try (CliSession session = openSession()) {
                List<String> cleared = clear(session, connectorId);
                if (json()) {
                    printJson(Map.of("connector_id", connectorId, "cleared", cleared));
                } else {
                    out().println(cleared.isEmpty() ? "Connector " + connectorId + ": none of its sinks keeps a state of its own."
                            : "Cleared the state of " + String.join(", ", cleared) + " for connector " + connectorId
                                    + ": the next sync sends every document again.");
                }
                return 0;
            }
        }
    }

    /** Clears the state of every sink of the connector that keeps one; the names of those sinks. */
    static List<String> clear(CliSession session, String connectorId) {
        List<String> cleared = new ArrayList<>();
        for (SyncFactory.NamedAdmin named : session.syncs().admins(connectorId)) {
            try (SinkAdmin admin = named.admin()) {
                admin.clearState().block(TIMEOUT);
                cleared.add(named.sink());
            }
        }
        return cleared;
    }
}
