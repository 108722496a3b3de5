package io.connectors.core.service;

import io.connectors.core.config.ConnectorEntry;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.protocol.ControlIndices;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the daemon paces itself.
 *
 * @param idling             wait between two polls of the control indices ({@code service.idling})
 * @param heartbeat          how often a served connector's {@code last_seen} is refreshed ({@code service.heartbeat})
 * @param jobFlush           how often a running job's counters and {@code last_seen} are written
 * @param cancelCheck        how often a running job's status is read to notice a cancel request
 * @param staleJobAfter      a running job whose {@code last_seen} is older is failed by cleanup
 * @param cleanupInterval    wait between cleanups ({@code service.job_cleanup_interval})
 * @param maxConcurrentSyncs jobs this daemon runs at once ({@code service.max_concurrent_content_syncs})
 * @param serveAll           serve every connector whose service type has a source
 * @param configured         connector id -> service type, from {@code connectors:} in config.yml
 * @param workerHostname     written into claimed jobs' {@code worker_hostname}
 * @param shutdownGrace      how long a stop waits for running jobs to be suspended
 */
public record DaemonSettings(Duration idling, Duration heartbeat, Duration jobFlush, Duration cancelCheck,
                             Duration staleJobAfter, Duration cleanupInterval, int maxConcurrentSyncs, boolean serveAll,
                             Map<String, String> configured, String workerHostname, ControlIndices indices,
                             Duration shutdownGrace) {

    public DaemonSettings {
        configured = Map.copyOf(configured);
    }

    public static DaemonSettings from(ConnectorsConfig config) {
        Map<String, String> configured = new LinkedHashMap<>();
        for (ConnectorEntry entry : config.connectors()) {
            configured.put(entry.connectorId(), entry.serviceType());
        }
        Duration stale = config.service().jobStaleThreshold();
        Duration flush = stale.dividedBy(4).compareTo(Duration.ofSeconds(5)) < 0 ? stale.dividedBy(4) : Duration.ofSeconds(5);
        return new DaemonSettings(config.service().idling(), config.service().heartbeat(), flush, Duration.ofSeconds(1),
                stale, config.service().jobCleanupInterval(), config.service().maxConcurrentContentSyncs(),
                config.service().serveAll(), configured, hostname(), ControlIndices.DEFAULT, Duration.ofSeconds(8));
    }

    public DaemonSettings withIdling(Duration value) {
        return new DaemonSettings(value, heartbeat, jobFlush, cancelCheck, staleJobAfter, cleanupInterval,
                maxConcurrentSyncs, serveAll, configured, workerHostname, indices, shutdownGrace);
    }

    public DaemonSettings withIndices(ControlIndices value) {
        return new DaemonSettings(idling, heartbeat, jobFlush, cancelCheck, staleJobAfter, cleanupInterval,
                maxConcurrentSyncs, serveAll, configured, workerHostname, value, shutdownGrace);
    }

    public DaemonSettings withMaxConcurrentSyncs(int value) {
        return new DaemonSettings(idling, heartbeat, jobFlush, cancelCheck, staleJobAfter, cleanupInterval,
                value, serveAll, configured, workerHostname, indices, shutdownGrace);
    }

    public DaemonSettings withWorkerHostname(String value) {
        return new DaemonSettings(idling, heartbeat, jobFlush, cancelCheck, staleJobAfter, cleanupInterval,
                maxConcurrentSyncs, serveAll, configured, value, indices, shutdownGrace);
    }

    public DaemonSettings withCleanup(Duration interval, Duration staleAfter) {
        return new DaemonSettings(idling, heartbeat, jobFlush, cancelCheck, staleAfter, interval,
                maxConcurrentSyncs, serveAll, configured, workerHostname, indices, shutdownGrace);
    }

    /** Whether this daemon serves a connector of {@code serviceType} with id {@code connectorId}. */
    public boolean serves(String connectorId, @Nullable String serviceType, boolean sourceKnown) {
        return whyNotServed(connectorId, serviceType, sourceKnown) == null;
    }

    /**
     * Why this daemon does not serve the connector {@code connectorId} of {@code serviceType}, in words for a log line
     * or a doctor check; null when it serves it.
     *
     * @param sourceKnown whether config.yml's {@code sources:} names a source for {@code serviceType}
     */
    public @Nullable String whyNotServed(String connectorId, @Nullable String serviceType, boolean sourceKnown) {
        if (serviceType == null) {
            return "connector " + connectorId + " has no service_type";
        }
        String configuredType = configured.get(connectorId);
        if (configuredType != null) {
            return configuredType.equals(serviceType) ? null : "config.yml connectors: lists connector " + connectorId
                    + " with service_type " + configuredType + ", but its document says " + serviceType;
        }
        if (!serveAll) {
            return "connector " + connectorId + " is not in config.yml connectors: and service.serve_all is false";
        }
        return sourceKnown ? null : "service type " + serviceType + " has no source configured (config.yml sources:)";
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
