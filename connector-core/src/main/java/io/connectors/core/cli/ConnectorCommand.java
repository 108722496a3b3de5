package io.connectors.core.cli;

import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.sink.SyncKind;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.Versioned;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connectors connector ...}: create, list, show, set, schedule. */
@Command(name = "connector", description = "Create, list, show and configure connectors.",
        subcommands = {ConnectorCommand.Create.class, ConnectorCommand.ListConnectors.class, ConnectorCommand.Show.class,
                ConnectorCommand.Set.class, ConnectorCommand.Schedule.class})
final class ConnectorCommand {

    private ConnectorCommand() {}

    @Command(name = "create", description = "Create a connector as Kibana would; prints its id.")
    static final class Create extends CliCommand {
        @Option(names = "--service-type", required = true, paramLabel = "TYPE", description = "a source of 'connectors sources'")
        String serviceType;

        @Option(names = "--index-name", required = true, paramLabel = "INDEX", description = "the index the connector fills")
        String indexName;

        @Option(names = "--name", paramLabel = "NAME", description = "display name (default: the index name)")
        @Nullable String name;

        @Option(names = "--id", paramLabel = "ID", description = "the connector id (default: Elasticsearch picks one)")
        @Nullable String id;

        @Option(names = "--from-file", paramLabel = "FILE", description = "YAML file of configuration values (key: value)")
        @Nullable Path fromFile;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a configuration value; repeatable, wins over --from-file")
        List<String> set = new ArrayList<>();

        @Override
        int execute() {
            Map<String, Object> values = new LinkedHashMap<>();
            if (fromFile != null) {
                values.putAll(KeyValues.fromYaml(fromFile));
            }
            values.putAll(KeyValues.parse(set));
            try (CliSession session = openSession()) {
                ConnectorAdmin.Created created = new ConnectorAdmin(session)
                        .create(new ConnectorAdmin.NewConnector(id, serviceType, name, indexName, values));
                if (json()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", created.id());
                    body.put("name", created.name());
                    body.put("service_type", serviceType);
                    body.put("index_name", indexName);
                    body.put("status", created.status().wireName());
                    body.put("pending", messages(created.pending()));
                    printJson(body);
                } else {
                    out().println("Created connector " + created.id() + " (name '" + created.name() + "', service type " + serviceType
                            + ", index " + indexName + "): " + created.status().wireName());
                    printPending(this, created.id(), created.pending());
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the connectors.")
    static final class ListConnectors extends CliCommand {
        @Override
        int execute() {
            try (CliSession session = openSession()) {
                List<Versioned<Connector>> connectors = new ConnectorAdmin(session).list();
                if (json()) {
                    printJson(connectors.stream().map(ListConnectors::summary).toList());
                } else if (connectors.isEmpty()) {
                    out().println("No connectors in " + session.indices().connectors() + ".");
                } else {
                    TextTable table = new TextTable("ID", "NAME", "SERVICE TYPE", "INDEX", "STATUS", "LAST SYNC", "LAST SYNCED");
                    connectors.forEach(c -> table.row(c.id(), c.doc().name(), c.doc().serviceType(), c.doc().indexName(),
                            c.doc().status() == null ? null : c.doc().status().wireName(), c.doc().lastSyncStatus(), c.doc().lastSynced()));
                    out().print(table.render(""));
                }
            }
            return 0;
        }

        private static Map<String, Object> summary(Versioned<Connector> connector) {
            Connector doc = connector.doc();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("id", connector.id());
            summary.put("name", doc.name());
            summary.put("service_type", doc.serviceType());
            summary.put("index_name", doc.indexName());
            summary.put("status", doc.status() == null ? null : doc.status().wireName());
            summary.put("error", doc.error());
            summary.put("last_sync_status", doc.lastSyncStatus());
            summary.put("last_synced", doc.lastSynced());
            summary.put("last_seen", doc.lastSeen());
            return summary;
        }
    }

    @Command(name = "show", description = "Show a connector; sensitive values are masked.")
    static final class Show extends CliCommand {
        @Parameters(paramLabel = "ID", description = "the connector id")
        String id;

        @Override
        int execute() {
            try (CliSession session = openSession()) {
                Map<String, Object> connector = new ConnectorAdmin(session).show(id);
                if (json()) {
                    printJson(connector);
                } else {
                    out().print(ConnectorText.render(connector));
                }
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Set configuration values, checked against the source's schema (every problem listed).")
    static final class Set extends CliCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "the connector id")
        String id;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "values to set; KEY= unsets one")
        List<String> values = new ArrayList<>();

        @Option(names = "--stdin", paramLabel = "KEY", description = "read KEY's value from standard input, one line per"
                + " --stdin in order: a secret then stays out of the shell history and of ps")
        List<String> fromStdin = new ArrayList<>();

        @Option(names = "--prompt", paramLabel = "KEY", description = "ask for KEY's value on the terminal, not echoed")
        List<String> prompted = new ArrayList<>();

        @Override
        int execute() {
            if (values.isEmpty() && fromStdin.isEmpty() && prompted.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "Missing required parameter: give at least one KEY=VALUE, --stdin KEY or --prompt KEY");
            }
            Map<String, Object> given = new LinkedHashMap<>(KeyValues.parse(values));
            given.putAll(SecretInput.read(fromStdin, prompted));
            try (CliSession session = openSession()) {
                ConnectorAdmin.Updated updated = new ConnectorAdmin(session).set(id, given);
                if (json()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", updated.id());
                    body.put("status", updated.status().wireName());
                    body.put("values", updated.values());
                    body.put("pending", messages(updated.pending()));
                    printJson(body);
                } else {
                    out().println("Updated connector " + updated.id() + ": " + updated.status().wireName());
                    updated.values().forEach((key, value) -> out().println("  " + key + " = " + TextTable.cell(value)));
                    printPending(this, updated.id(), updated.pending());
                }
            }
            return 0;
        }
    }

    @Command(name = "schedule", description = "Schedule a kind of sync with a Quartz cron expression (UTC), or turn it off.")
    static final class Schedule extends CliCommand {
        @Parameters(paramLabel = "ID", description = "the connector id")
        String id;

        @Option(names = "--type", defaultValue = "full", paramLabel = "TYPE",
                description = "full, incremental or access_control (default: ${DEFAULT-VALUE})")
        String type;

        @Option(names = "--cron", paramLabel = "EXPRESSION", description = "e.g. \"0 0 * * * ?\" for every hour")
        @Nullable String cron;

        @Option(names = "--disable", description = "turn the schedule off (its expression is kept)")
        boolean disable;

        @Override
        int execute() {
            if ((cron == null) == !disable) {
                throw new CliException("give either --cron EXPRESSION or --disable");
            }
            SyncKind kind = JobCommand.kind(type);
            try (CliSession session = openSession()) {
                ConnectorAdmin.Scheduled scheduled = new ConnectorAdmin(session).schedule(id, kind, disable ? null : cron);
                if (json()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", scheduled.id());
                    body.put("job_type", kind.wireName());
                    body.put("enabled", scheduled.enabled());
                    body.put("interval", scheduled.interval());
                    body.put("next_run", scheduled.next() == null ? null : scheduled.next().toString());
                    printJson(body);
                } else if (scheduled.enabled()) {
                    out().println("Scheduled " + kind.wireName() + " syncs of connector " + scheduled.id() + " at '" + scheduled.interval()
                            + "' (UTC)" + (scheduled.next() == null ? "; it never fires again" : "; next at " + scheduled.next()));
                } else {
                    out().println("Turned off " + kind.wireName() + " syncs of connector " + scheduled.id()
                            + " (expression '" + scheduled.interval() + "' kept)");
                }
            }
            return 0;
        }
    }

    static List<String> messages(List<ConfigurationProblem> problems) {
        return problems.stream().map(ConfigurationProblem::message).toList();
    }

    private static void printPending(CliCommand command, String id, List<ConfigurationProblem> pending) {
        if (pending.isEmpty()) {
            return;
        }
        command.out().println("It needs configuration before it can sync:");
        pending.forEach(problem -> command.out().println("  - " + problem.message()));
        command.out().println("Set the values with: connectors connector set " + id + " key=value ...");
    }
}
