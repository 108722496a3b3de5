package io.connectors.core.cli;

import io.connectors.api.sink.SyncKind;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.sync.SyncPlan;
import io.connectors.core.sync.SyncReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connectors sync ID}: one sync in the foreground, with progress on stderr and the outcome on stdout. */
@Command(name = "sync", description = {"Run one sync of a connector in the foreground (no daemon needed).",
        "Without --record no job document is written and the connector is left as it is."})
final class SyncCommand extends CliCommand {

    @Parameters(paramLabel = "ID", description = "the connector id")
    String connectorId;

    @Option(names = "--type", defaultValue = "full", paramLabel = "TYPE", description = "full or incremental (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = "--dry-run", description = "write nothing; report what would be created, updated, skipped and deleted")
    boolean dryRun;

    @Option(names = "--clean", description = "first forget the state sinks keep of their own (e.g. qbusiness), so every document is sent again")
    boolean clean;

    @Option(names = "--record", description = "record the sync as an on-demand job, claimed and updated as a daemon would")
    boolean record;

    @Override
    int execute() {
        SyncKind kind = JobCommand.kind(type);
        ForegroundSync.Outcome outcome;
        if (clean && dryRun) {
            throw new CliException("--dry-run writes nothing, so it cannot --clean: pick one");
        }
        try (CliSession session = openSession()) {
            if (clean) {
                List<String> cleared = StateCommand.clear(session, connectorId);
                if (!json()) {
                    err().println(cleared.isEmpty() ? "--clean: no sink of connector " + connectorId + " keeps a state of its own"
                            : "--clean: cleared the state of " + String.join(", ", cleared));
                }
            }
            ForegroundSync.Watcher watcher = json() ? ForegroundSync.Watcher.NONE : ProgressReporter.on(err(), root().environment().terminal());
            outcome = new ForegroundSync(session).run(new ForegroundSync.Request(connectorId, kind, dryRun, record), watcher);
        }
        return switch (outcome) {
            case ForegroundSync.Outcome.Planned planned -> printPlan(planned);
            case ForegroundSync.Outcome.Synced synced -> printReport(synced, synced.report(), null, null);
            case ForegroundSync.Outcome.Recorded recorded -> printReport(recorded, recorded.result().report(), recorded.jobId(),
                    recorded.result().status());
        };
    }

    private int printPlan(ForegroundSync.Outcome.Planned outcome) {
        SyncPlan plan = outcome.plan();
        if (json()) {
            Map<String, Object> body = head(outcome, plan.kind());
            body.put("dry_run", true);
            body.put("would_create", plan.create());
            body.put("would_update", plan.update());
            body.put("unchanged", plan.unchanged());
            body.put("would_delete", plan.delete());
            Map<String, Object> examples = new LinkedHashMap<>();
            examples.put("create", plan.createSample());
            examples.put("update", plan.updateSample());
            examples.put("delete", plan.deleteSample());
            body.put("examples", examples);
            body.put("duration_ms", plan.duration().toMillis());
            printJson(body);
        } else {
            out().println("Dry run of a " + plan.kind().wireName() + " sync of connector " + outcome.connectorId() + " into index "
                    + outcome.indexName() + " (nothing written):");
            TextTable table = new TextTable("CHANGE", "DOCUMENTS", "EXAMPLES");
            table.row("would create", plan.create(), examples(plan.createSample(), plan.create()));
            table.row("would update", plan.update(), examples(plan.updateSample(), plan.update()));
            table.row("unchanged", plan.kind() == SyncKind.FULL ? plan.unchanged() : "unknown", null);
            table.row("would delete", plan.delete(), examples(plan.deleteSample(), plan.delete()));
            out().print(table.render("  "));
        }
        return 0;
    }

    private int printReport(ForegroundSync.Outcome outcome, @Nullable SyncReport report, @Nullable String jobId,
                            @Nullable JobStatus jobStatus) {
        boolean ok = jobStatus == null ? report != null && report.completed() : jobStatus == JobStatus.COMPLETED;
        String error = report != null ? report.error() : outcome instanceof ForegroundSync.Outcome.Recorded recorded ? recorded.result().error() : null;
        if (json()) {
            Map<String, Object> body = head(outcome, JobCommand.kind(type));
            if (jobId != null && jobStatus != null) {
                body.put("job_id", jobId);
                body.put("job_status", jobStatus.wireName());
            }
            body.put("status", ok ? "completed" : "failed");
            if (report != null) {
                body.put("created", report.created());
                body.put("updated", report.updated());
                body.put("unchanged", report.unchanged());
                body.put("deleted", report.deleted());
                body.put("failed", report.failed());
                body.put("bytes_sent", report.bytesSent());
                body.put("duration_ms", report.duration().toMillis());
                body.put("first_errors", report.firstErrors());
            }
            body.put("error", error);
            printJson(body);
        } else {
            String where = "connector " + outcome.connectorId() + " into index " + outcome.indexName()
                    + (jobId == null || jobStatus == null ? "" : " (job " + jobId + ", " + jobStatus.wireName() + ")");
            if (report != null) {
                out().println(report.summary().replaceFirst(" sync ", " sync of " + where + " "));
                report.firstErrors().forEach(first -> out().println("  - " + first));
            } else {
                out().println(type + " sync of " + where + (error == null ? "" : ": " + error));
            }
        }
        return ok ? 0 : CliException.EXIT_FAILED;
    }

    private Map<String, Object> head(ForegroundSync.Outcome outcome, SyncKind kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector_id", outcome.connectorId());
        body.put("index_name", outcome.indexName());
        body.put("job_type", kind.wireName());
        return body;
    }

    private static String examples(List<String> sample, long total) {
        return sample.isEmpty() ? "" : String.join(", ", sample) + (total > sample.size() ? ", ..." : "");
    }
}
