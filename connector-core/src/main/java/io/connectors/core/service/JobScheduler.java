package io.connectors.core.service;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.connectors.api.sink.SyncKind;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.protocol.Versioned;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates scheduled jobs from a connector's {@code scheduling} (Quartz cron, UTC). A tick is due when it falls after
 * both the connector's {@code last_*_scheduled_at} and this daemon's previous wake-up, and not after now; missed
 * ticks collapse into the latest one. The daemon that writes the tick into {@code last_*_scheduled_at} with
 * optimistic concurrency creates the job; the others get a conflict and skip, so one tick makes one job however many
 * daemons run. A tick is skipped (still recorded) while a job of that kind waits for a worker: schedules faster than
 * the syncs never queue jobs without bound.
 */
final class JobScheduler {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final ServiceContext context;
    private Instant previousWakeUp = Instant.now();

    JobScheduler(ServiceContext context) {
        this.context = context;
    }

    /** Schedules the due jobs of one connector; called once per poll with the poll's time. */
    Mono<Void> schedule(Versioned<Connector> connector, Instant now) {
        return Flux.just(SyncKind.FULL, SyncKind.INCREMENTAL, SyncKind.ACCESS_CONTROL)
                .filter(kind -> connector.doc().schedule(kind).isEnabled())
                .concatMap(kind -> scheduleKind(connector.id(), kind, now))
                .then();
    }

    /** Marks the end of a poll: ticks up to {@code now} have been considered. */
    void polled(Instant now) {
        previousWakeUp = now;
    }

    private Mono<Void> scheduleKind(String connectorId, SyncKind kind, Instant now) {
        // re-read: the list the poll started from may be a few hundred milliseconds old
        return context.connectors().get(connectorId).flatMap(connector -> {
            String cron = connector.doc().schedule(kind).interval();
            Optional<Instant> tick = dueTick(cron, parse(connector.doc().lastScheduledAt(kind)), previousWakeUp, now);
            if (tick.isEmpty()) {
                return Mono.empty();
            }
            return context.connectors()
                    .updateIfUnchanged(connector, Map.of(Connector.lastScheduledField(kind), tick.get().toString()))
                    .filter(won -> won)
                    .flatMap(won -> context.jobs().hasWaiting(connectorId, kind))
                    .flatMap(waiting -> waiting
                            ? logSkipped(connectorId, kind, tick.get())
                            : context.jobs().create(connector, kind, TriggerMethod.SCHEDULED, Map.of("scheduled_for", tick.get().toString()))
                                    .doOnNext(id -> log.info("connector {}: scheduled {} sync {} for {}", connectorId, kind.wireName(), id, tick.get()))
                                    .then());
        }).onErrorResume(InvalidCronException.class, e -> {
            log.warn("connector {}: {}", connectorId, e.getMessage());
            return context.connectors().update(connectorId, Map.of("error", e.getMessage()));
        });
    }

    /**
     * A tick whose job would wait behind a job of the same kind that has not started yet: that job will do what this
     * one would, so queueing it only grows a backlog when syncs are slower than the schedule. The tick stays recorded
     * in {@code last_*_scheduled_at}, so it is not made up later.
     */
    private static Mono<Void> logSkipped(String connectorId, SyncKind kind, Instant tick) {
        log.info("connector {}: skipped the {} tick of {}: a {} sync of this connector is still waiting to start",
                connectorId, kind.wireName(), tick, kind.wireName());
        return Mono.empty();
    }

    /** The latest tick in (max(lastScheduled, previousWakeUp), now], if any. */
    static Optional<Instant> dueTick(String cron, @Nullable Instant lastScheduled, Instant previousWakeUp, Instant now) {
        ExecutionTime execution;
        try {
            execution = ExecutionTime.forCron(QUARTZ.parse(cron));
        } catch (IllegalArgumentException e) {
            throw new InvalidCronException("invalid scheduling interval '" + cron + "': " + e.getMessage()
                    + " (a Quartz cron expression, e.g. '0 0 * * * ?' for every hour)");
        }
        Instant after = lastScheduled != null && lastScheduled.isAfter(previousWakeUp) ? lastScheduled : previousWakeUp;
        return execution.lastExecution(ZonedDateTime.ofInstant(now, ZoneOffset.UTC))
                .map(ZonedDateTime::toInstant)
                .filter(tick -> tick.isAfter(after) && !tick.isAfter(now));
    }

    private static @Nullable Instant parse(@Nullable String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(timestamp).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static final class InvalidCronException extends io.connectors.api.ConnectorException {
        InvalidCronException(String message) {
            super(message);
        }
    }
}
