package io.connectors.core.service;

import io.connectors.api.sink.SyncKind;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.protocol.SyncJob;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a job document must be before this daemon claims it. A job that fails a check is never run: it is ended
 * {@code error} with the reason at once, so it neither runs with values nobody meant nor holds a sync slot.
 */
final class JobCheck {

    private static final Pattern INDEX_NAME = Pattern.compile("[^\\\\/*?\"<>|,#:\\s]+");

    private JobCheck() {}

    /**
     * What is wrong with {@code job} of {@code connector}, or null when it may run. The job's connector snapshot is
     * not trusted: its {@code index_name} must be an ordinary index (never a dot-prefixed, system or control index,
     * a pattern or a list), and its {@code service_type} must be the connector's own.
     */
    static @Nullable String problem(SyncJob job, Connector connector, ControlIndices indices) {
        String problem = jobType(job);
        if (problem == null) {
            problem = indexName(job.connector().indexName(), indices);
        }
        if (problem == null) {
            problem = serviceType(job.connector().serviceType(), connector.serviceType());
        }
        return problem;
    }

    /** Why documents must not be written into {@code name}, or null when it is an ordinary index name. */
    static @Nullable String indexName(@Nullable String name, ControlIndices indices) {
        if (name == null || name.isBlank()) {
            return "the job's connector.index_name is missing; the job was not run";
        }
        String refused = "the job's connector.index_name '" + name + "' ";
        if (name.equals(indices.connectors()) || name.equals(indices.jobs())) {
            return refused + "is a control index of this service; the job was not run";
        }
        if (name.startsWith(".")) {
            return refused + "is a dot-prefixed (hidden or system) index; a sync writes only to ordinary indices, the job was not run";
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.startsWith("-") || name.startsWith("_") || name.startsWith("+")
                || name.getBytes(StandardCharsets.UTF_8).length > 255 || !INDEX_NAME.matcher(name).matches()) {
            return refused + "is not a valid index name (lower case, no spaces, no \\ / * ? \" < > | , # :, at most 255 bytes); the job was not run";
        }
        return null;
    }

    private static @Nullable String serviceType(@Nullable String jobType, @Nullable String connectorType) {
        if (jobType == null || !jobType.equals(connectorType)) {
            return "the job's connector.service_type '" + jobType + "' is not the connector's '" + connectorType + "'; the job was not run";
        }
        return null;
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
