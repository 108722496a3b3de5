package io.connectors.core.cli;

import io.connectors.api.sink.SyncKind;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.Versioned;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connectors job ...}: start, list, show, cancel. */
@Command(name = "job", description = "Start, list, show and cancel sync jobs.",
        subcommands = {JobCommand.Start.class, JobCommand.ListJobs.class, JobCommand.Show.class, JobCommand.Cancel.class})
final class JobCommand {

    private JobCommand() {}

    /** A {@code --type} value. */
    static SyncKind kind(String type) {
        try {
            return SyncKind.fromWire(type);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Command(name = "start", description = "Start a sync job; a daemon serving the connector runs it.")
    static final class Start extends CliCommand {
        @Parameters(paramLabel = "ID", description = "the connector id")
        String connectorId;

        @Option(names = "--type", defaultValue = "full", paramLabel = "TYPE",
                description = "full, incremental or access_control (default: ${DEFAULT-VALUE})")
        String type;

        @Override
        int execute() {
            SyncKind kind = kind(type);
            try (CliSession session = openSession()) {
                String jobId = new JobAdmin(session).start(connectorId, kind);
                if (json()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", jobId);
                    body.put("connector_id", connectorId);
                    body.put("job_type", kind.wireName());
                    body.put("status", JobStatus.PENDING.wireName());
                    printJson(body);
                } else {
                    out().println("Started " + kind.wireName() + " sync job " + jobId + " of connector " + connectorId
                            + ": pending until a daemon serving it claims it ('connectors job show " + jobId + "' follows it)");
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the latest sync jobs, of one connector or of all.")
    static final class ListJobs extends CliCommand {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "only the jobs of this connector")
        @Nullable String connectorId;

        @Option(names = "--size", defaultValue = "20", paramLabel = "N", description = "how many, newest first (default: ${DEFAULT-VALUE})")
        int size;

        @Override
        int execute() {
            if (size < 1 || size > 10_000) {
                throw new CliException("--size must be between 1 and 10000, got " + size);
            }
            try (CliSession session = openSession()) {
                List<Versioned<SyncJob>> jobs = new JobAdmin(session).list(connectorId, size);
                if (json()) {
                    printJson(jobs.stream().map(ListJobs::summary).toList());
                } else if (jobs.isEmpty()) {
                    out().println("No sync jobs" + (connectorId == null ? "" : " of connector " + connectorId) + ".");
                } else {
                    TextTable table = new TextTable("ID", "CONNECTOR", "TYPE", "TRIGGER", "STATUS", "CREATED", "INDEXED", "DELETED", "ERROR");
                    jobs.forEach(job -> {
                        SyncJob doc = job.doc();
                        table.row(job.id(), doc.connector().id(), doc.kind().wireName(), doc.triggerMethod(),
                                doc.status() == null ? null : doc.status().wireName(), doc.createdAt(), doc.indexedDocumentCount(),
                                doc.deletedDocumentCount(), doc.error());
                    });
                    out().print(table.render(""));
                }
            }
            return 0;
        }

        private static Map<String, Object> summary(Versioned<SyncJob> job) {
            SyncJob doc = job.doc();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("id", job.id());
            summary.put("connector_id", doc.connector().id());
            summary.put("job_type", doc.kind().wireName());
            summary.put("trigger_method", doc.triggerMethod());
            summary.put("status", doc.status() == null ? null : doc.status().wireName());
            summary.put("created_at", doc.createdAt());
            summary.put("started_at", doc.startedAt());
            summary.put("completed_at", doc.completedAt());
            summary.put("worker_hostname", doc.workerHostname());
            summary.put("indexed_document_count", doc.indexedDocumentCount());
            summary.put("deleted_document_count", doc.deletedDocumentCount());
            summary.put("error", doc.error());
            return summary;
        }
    }

    @Command(name = "show", description = "Show a sync job; sensitive values are masked.")
    static final class Show extends CliCommand {
        @Parameters(paramLabel = "JOB", description = "the job id")
        String jobId;

        @Override
        int execute() {
            try (CliSession session = openSession()) {
                Map<String, Object> job = new JobAdmin(session).show(jobId);
                if (json()) {
                    printJson(job);
                } else {
                    out().print(ConnectorText.renderJob(job));
                }
            }
            return 0;
        }
    }

    @Command(name = "cancel", description = "Cancel a sync job: a pending one at once, a running one within seconds.")
    static final class Cancel extends CliCommand {
        @Parameters(paramLabel = "JOB", description = "the job id")
        String jobId;

        @Override
        int execute() {
            try (CliSession session = openSession()) {
                JobStatus status = new JobAdmin(session).cancel(jobId);
                if (json()) {
                    printJson(Map.of("id", jobId, "status", status.wireName()));
                } else if (status == JobStatus.CANCELING) {
                    out().println("Job " + jobId + ": canceling; the daemon running it stops it within seconds");
                } else {
                    out().println("Job " + jobId + ": " + status.wireName());
                }
            }
            return 0;
        }
    }
}
