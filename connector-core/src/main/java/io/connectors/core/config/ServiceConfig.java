package io.connectors.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * {@code service}: the daemon itself. Elastic's keys that have no effect here (worker_mode, fips_mode, service_types,
 * preflight_*, max_errors, max_errors_span) are accepted by the loader but not carried.
 *
 * @param idling                          wait between polls of Elasticsearch for connectors and jobs
 * @param heartbeat                       wait between connector heartbeats
 * @param maxConcurrentContentSyncs       content syncs run at once
 * @param maxConcurrentAccessControlSyncs access-control syncs run at once
 * @param maxConcurrentSchedulingTasks    scheduling tasks run at once
 * @param maxFileDownloadSize             largest file, in bytes, downloaded for extraction
 * @param maxExtractedTextSize            most bytes of extracted text kept per document
 * @param jobCleanupInterval              wait between cleanups of orphaned and stuck jobs
 * @param logLevel                        log level of the service
 * @param serveAll                        serve every connector whose service_type has a source, not only those listed
 * @param pluginsDir                      directory of third-party jars, as written; see
 *                                        {@link ConnectorsConfig#pluginsDirectory()} for the resolved one
 * @param jobStaleThreshold               a running job whose last_seen is older than this is failed by cleanup
 * @param http                            the HTTP listener ({@code service.http}): webhooks, health, metrics
 */
public record ServiceConfig(
        Duration idling,
        Duration heartbeat,
        int maxConcurrentContentSyncs,
        int maxConcurrentAccessControlSyncs,
        int maxConcurrentSchedulingTasks,
        long maxFileDownloadSize,
        long maxExtractedTextSize,
        Duration jobCleanupInterval,
        Level logLevel,
        boolean serveAll,
        Path pluginsDir,
        Duration jobStaleThreshold,
        HttpListenerConfig http) {

    public ServiceConfig {
        Objects.requireNonNull(idling, "idling");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(jobCleanupInterval, "jobCleanupInterval");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(http, "http");
    }
}
