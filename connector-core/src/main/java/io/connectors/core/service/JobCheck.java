package io.connectors.core.service;

import io.connectors.api.sink.SyncKind;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.SyncJob;
import org.jspecify.annotations.Nullable;

/**
 * What a job document must be before this daemon claims it. A job that fails a check is never run: it is ended
 * {@code error} with the reason at once, so it neither runs with values nobody meant nor holds a sync slot.
 */
final class JobCheck {

    private JobCheck() {}

    /** What is wrong with {@code job} of {@code connector}, or null when it may run. */
    static @Nullable String problem(SyncJob job, Connector connector) {
        return jobType(job);
    }

    private static @Nullable String jobType(SyncJob job) {
        String type = job.jobType();
        if (type == null) {
            return null; // Elastic's service reads a job without a type as a full sync
        }
        for (SyncKind kind : SyncKind.values()) {
            if (kind.wireName().equals(type)) {
                return null;
            }
        }
        return "job_type '" + type + "' is unknown (expected full, incremental or access_control); the job was not run";
    }
}
