package io.connectors.core.service;

import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Runs one job in the calling process exactly as the daemon runs the jobs it claims: heartbeat and counters on the
 * job, a cancel request seen within a second or two, the outcome recorded on the job and on the connector. For
 * {@code connectors sync --record}, which wants a job document without waiting for a daemon.
 */
public final class ForegroundJob {

    private ForegroundJob() {}

    /** How a foreground job ended: its final status, the engine's report when the sync ran to an end, and the error. */
    public record Result(JobStatus status, @Nullable SyncReport report, @Nullable String error) {}

    /** Runs {@code claimed} (a job this process claimed, see {@code JobStore.claim}); {@code progress} counts live. */
    public static Mono<Result> run(ServiceContext context, Versioned<SyncJob> claimed, SyncProgress progress) {
        return new JobRunner(context).run(claimed, Mono.never(), progress).map(outcome -> switch (outcome) {
            case JobRunner.Outcome.Finished finished -> new Result(
                    finished.report().completed() ? JobStatus.COMPLETED : JobStatus.ERROR, finished.report(), finished.report().error());
            case JobRunner.Outcome.Canceled canceled -> new Result(JobStatus.CANCELED, null, null);
            case JobRunner.Outcome.Suspended suspended -> new Result(JobStatus.SUSPENDED, null, null);
            case JobRunner.Outcome.Failed failed -> new Result(JobStatus.ERROR, null, failed.error());
        });
    }
}
