package io.connectors.ftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.ftest.jira.JiraScenario.Admin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync job of a scenario, as a phase of the report: the mock's counters reset, the job created as Kibana does and
 * awaited, then its counters, its docs/s and what the mock served meanwhile written to the report.
 */
public final class SyncPhase {

    private static final Logger log = LoggerFactory.getLogger(SyncPhase.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncPhase() {}

    /** A completed job with its counters, and the attachment downloads the mock served meanwhile. */
    public record Run(String name, JsonNode job, long indexed, long deleted, long total, long downloads) {}

    /**
     * Runs a {@code jobType} job of the scenario's connector, named {@code name} in the report; {@code downloads} reads
     * the attachment downloads from the mock's {@code GET /_admin/stats}.
     */
    public static Run run(FtestEnvironment env, Admin mock, ToLongFunction<JsonNode> downloads, DaemonProcess daemon, String name,
                          String jobType) throws Exception {
        FtestOptions options = env.options();
        mock.post("/_admin/stats/reset", "{}");
        Instant created = Instant.now();
        String jobId = env.kibana().createJob(options.connectorId(), jobType);
        log.info("{}: {} job {} created", name, jobType, jobId);
        JsonNode job = env.kibana().awaitJob(jobId, options.size().jobTimeout(options.faults()), daemon);
        double wall = Duration.between(created, Instant.now()).toMillis() / 1000.0;
        JsonNode stats = JSON.readTree(mock.get("/_admin/stats"));
        long indexed = job.path("indexed_document_count").asLong();
        long deleted = job.path("deleted_document_count").asLong();
        long total = job.path("total_document_count").asLong();
        double seconds = wall;
        try {
            seconds = Duration.between(Instant.parse(job.path("started_at").asText()), Instant.parse(job.path("completed_at").asText()))
                    .toMillis() / 1000.0;
        } catch (RuntimeException unreadable) {
            env.report().check(name, "job started_at and completed_at are ISO-8601 instants", false,
                    job.path("started_at") + " / " + job.path("completed_at"));
        }
        seconds = Math.max(seconds, 0.001);
        boolean wrote = indexed > 0;
        double rate = (wrote ? indexed : total) / seconds;
        List<String> lines = daemon.logLines("job " + jobId + "]");
        String summary = lines.isEmpty() ? "" : lines.getLast().substring(lines.getLast().indexOf("job " + jobId + "]") + jobId.length() + 6).trim();
        env.report().phase(new FtestReport.Phase(name, jobType, jobId, seconds, wall, indexed, deleted, total,
                job.path("indexed_document_volume").asLong(), rate, wrote ? "written" : "in index", stats.path("requests").asLong(),
                stats.path("max_concurrent").asLong(), stats.path("injected_429").asLong(), stats.path("injected_500").asLong(),
                daemon.peakRssKiB(), summary));
        log.info("{}: {} job {} completed in {} s: {} indexed, {} deleted, {} in index, {} docs/s; mock served {} requests",
                name, jobType, jobId, FtestReport.fixed(seconds, 1), indexed, deleted, total, FtestReport.fixed(rate, 0),
                stats.path("requests").asLong());
        return new Run(name, job, indexed, deleted, total, downloads.applyAsLong(stats));
    }
}
