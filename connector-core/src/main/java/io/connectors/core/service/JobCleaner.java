package io.connectors.core.service;

import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.Versioned;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fails the jobs nobody runs any more: running jobs whose heartbeat is stale (their daemon died), and running jobs
 * whose connector is gone. The connector's next full sync then makes its index exact again.
 */
final class JobCleaner {

    private static final Logger log = LoggerFactory.getLogger(JobCleaner.class);

    private final ServiceContext context;

    JobCleaner(ServiceContext context) {
        this.context = context;
    }

    /**
     * @param liveConnectorIds ids of the connectors that exist (not deleted)
     * @param runningHere      ids of the jobs this daemon runs right now (never failed by its own cleanup)
     */
    Mono<Long> clean(Set<String> liveConnectorIds, Set<String> runningHere) {
        Instant staleBefore = Instant.now().minus(context.settings().staleJobAfter());
        Flux<Versioned<SyncJob>> stale = context.jobs().staleRunning(staleBefore)
                .filter(job -> !runningHere.contains(job.id()))
                .concatMap(job -> fail(job, "the job's worker stopped sending heartbeats (last_seen " + job.doc().lastSeen()
                        + " is older than " + context.settings().staleJobAfter().toSeconds() + " s); the next full sync makes the index exact"));
        Flux<Versioned<SyncJob>> orphaned = context.jobs().allRunning()
                .filter(job -> !runningHere.contains(job.id()) && !liveConnectorIds.contains(job.doc().connector().id()))
                .concatMap(job -> fail(job, "the job's connector " + job.doc().connector().id() + " no longer exists"));
        return Flux.concat(stale, orphaned).map(Versioned::id).distinct().count();
    }

    private Mono<Versioned<SyncJob>> fail(Versioned<SyncJob> job, String reason) {
        Map<String, Object> connectorFields = new LinkedHashMap<>();
        connectorFields.put("last_sync_status", JobStatus.ERROR.wireName());
        connectorFields.put("last_sync_error", reason);
        return context.jobs().failIfUnchanged(job, reason)
                .filter(failed -> failed)
                .flatMap(failed -> context.connectors().update(job.doc().connector().id(), connectorFields)
                        .onErrorResume(e -> Mono.empty())
                        .thenReturn(job))
                .doOnNext(failed -> log.warn("job {} of connector {} marked error: {}", job.id(), job.doc().connector().id(), reason));
    }
}
