package io.connectors.core.service;

import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ConnectorStatus;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The daemon: every {@code idling} it reads the control indices, prepares the connectors it serves, creates
 * scheduled jobs, fails stale jobs, and claims pending ones up to {@code max_concurrent_content_syncs}; claimed jobs
 * run concurrently in one long-lived pipeline. Elasticsearch being down makes a poll fail: it is logged and retried
 * with a growing delay, and nothing is deleted. {@link #stop()} stops claiming and suspends running jobs.
 */
public final class ConnectorService {

    private static final Logger log = LoggerFactory.getLogger(ConnectorService.class);
    /** How many of the oldest jobs this daemon leaves to others are explained in the log, per poll. */
    private static final int NOT_SERVED_EXPLAINED = 100;
    /**
     * A job younger than this when the poll read the connectors is judged at a later poll: its connector, written
     * just before it, may not be searchable yet (the index refreshes every second).
     */
    private static final Duration NOT_SERVED_GRACE = Duration.ofSeconds(2);

    private final ServiceContext context;
    private final ConnectorPreparer preparer;
    private final JobScheduler scheduler;
    private final JobRunner runner;
    private final JobCleaner cleaner;
    private final MalformedConnectors malformed;
    private final Sinks.Empty<Void> shutdown = Sinks.empty();
    private final Sinks.Many<Versioned<SyncJob>> claimed = Sinks.many().unicast().onBackpressureBuffer();
    /** job id -> connector id of the jobs this daemon runs */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final Map<String, String> reportedLoadErrors = new ConcurrentHashMap<>();
    /** job id -> the reason logged for leaving it pending, so each job is explained once (again if the reason changes) */
    private final Map<String, String> explainedJobs = new ConcurrentHashMap<>();
    private volatile boolean indicesReady;
    private volatile Instant lastCleanup = Instant.EPOCH;
    private volatile int failedPolls;
    /** {@link RetryPolicy#controlIndexPolls}: a failed poll is retried with backoff, without limit. */
    private final RetryPolicy pollRetry;
    /** Connector ids served at the last successful poll (null before the first), for {@code /health}. */
    private volatile @Nullable Set<String> servedAtLastPoll;
    /** Connector ids whose job just ended, for the webhook queue's sync-overlap rule (docs/webhooks.md). */
    private final Sinks.Many<String> jobsEnded = Sinks.many().multicast().directBestEffort();

    public ConnectorService(ServiceContext context) {
        this.context = context;
        this.preparer = new ConnectorPreparer(context);
        this.scheduler = new JobScheduler(context);
        this.runner = new JobRunner(context);
        this.cleaner = new JobCleaner(context);
        this.malformed = new MalformedConnectors(context);
        this.pollRetry = RetryPolicy.controlIndexPolls(context.syncs().config().elasticsearch(), context.settings().idling(),
                this::pollFailed);
    }

    /** Runs until {@link #stop()}; completes once running jobs are suspended. */
    public Mono<Void> run() {
        // a poll that fails is retried by the policy (elasticsearch.initial_backoff_duration and backoff_multiplier:
        // 1, 2, 4 ... 30 s by default, never below idling); a poll that succeeds is followed by the next after idling
        Mono<Void> polling = Mono.defer(this::pollOnce)
                .doOnSuccess(done -> pollSucceeded())
                .retryWhen(pollRetry.retry("poll of the control indices"))
                .then(Mono.defer(() -> Mono.delay(context.settings().idling())))
                .repeat()
                .takeUntilOther(shutdown.asMono())
                .then(Mono.fromRunnable(claimed::tryEmitComplete));
        Mono<Void> jobs = claimed.asFlux()
                .flatMap(job -> runner.run(job, shutdown.asMono())
                        .onErrorResume(e -> {
                            log.error("job {}: ended without its outcome recorded: {}", job.id(), e.toString());
                            return Mono.empty();
                        })
                        .doFinally(signal -> {
                            String connectorId = running.remove(job.id());
                            if (connectorId != null) {
                                jobsEnded.emitNext(connectorId, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
                            }
                            if (running.isEmpty()) {
                                giveMemoryBack();
                            }
                        }), Integer.MAX_VALUE)
                .then();
        return Mono.when(polling, jobs)
                .doFirst(() -> log.info("connector service started as {} (idling {} s, up to {} concurrent syncs)",
                        context.settings().workerHostname(), context.settings().idling().toSeconds(),
                        context.settings().maxConcurrentSyncs()))
                .doFinally(signal -> log.info("connector service stopped"));
    }

    /**
     * Once no job runs any more, one full collection, off the event loop: the collectors of bin/elastic-ingest's
     * defaults (serial, with -XX:MaxHeapFreeRatio) shrink the heap only after a full collection, so without it an
     * idle daemon would keep the heap its last sync grew to (docs/performance.md). It costs a few tens of
     * milliseconds per job.
     */
    private static void giveMemoryBack() {
        Schedulers.boundedElastic().schedule(System::gc);
    }

    /** Stops claiming; running jobs are marked suspended (another daemon resumes them). */
    public void stop() {
        shutdown.tryEmitEmpty();
    }

    /** Connector ids served at the last successful poll; empty before the first poll completed. */
    public Optional<Set<String>> servedConnectors() {
        return Optional.ofNullable(servedAtLastPoll);
    }

    /** How many polls failed in a row (0 when the last one succeeded). */
    public int failedPolls() {
        return failedPolls;
    }

    /** Whether this daemon runs a job of {@code connectorId} now. */
    public boolean syncing(String connectorId) {
        return running.containsValue(connectorId);
    }

    /** The connector id of each job of this daemon as it ends (however it ends); hot, best effort. */
    public Flux<String> jobsEnded() {
        return jobsEnded.asFlux();
    }

    /** Ids of the jobs this daemon runs now. */
    public Set<String> runningJobs() {
        return Set.copyOf(running.keySet());
    }

    private void pollSucceeded() {
        if (failedPolls > 0) {
            log.info("Elasticsearch answers again after {} failed polls", failedPolls);
        }
        failedPolls = 0;
    }

    /** The poll policy's listener: counts failed polls in a row (for /health) and logs the first as an error. */
    private void pollFailed(RetryPolicy.Attempt attempt) {
        failedPolls++;
        Throwable e = attempt.failure();
        String message = ElasticsearchErrors.status(e) != 0 ? ElasticsearchErrors.describe(e) : String.valueOf(e);
        if (failedPolls == 1) {
            log.error("poll of the control indices failed: {}; retrying with backoff, nothing is deleted meanwhile", message);
        } else {
            log.warn("poll failed again ({} in a row): {}; next poll in {} s", failedPolls, message, attempt.delay().toSeconds());
        }
    }

    /** One round: prepare, schedule, clean up, claim. */
    Mono<Void> pollOnce() {
        Instant now = Instant.now();
        return ensureIndices()
                .then(context.connectors().scan())
                .flatMap(scan -> {
                    List<Versioned<Connector>> all = scan.connectors();
                    List<LoadError> loadErrors = new ArrayList<>();
                    Map<String, String> notServed = new HashMap<>();
                    List<Served> served = served(all, loadErrors, notServed);
                    Set<String> existing = new HashSet<>(all.stream().map(Versioned::id).toList());
                    scan.malformed().forEach(bad -> existing.add(bad.id()));
                    return malformed.report(scan.malformed())
                            .thenMany(Flux.fromIterable(loadErrors))
                            .concatMap(this::reportLoadError)
                            .thenMany(Flux.fromIterable(served))
                            .concatMap(s -> preparer.prepare(s.connector(), s.source()).onErrorResume(e -> logged("prepare", s, e)))
                            .thenMany(Flux.fromIterable(served)
                                    .concatMap(s -> scheduler.schedule(s.connector(), now).onErrorResume(e -> logged("schedule", s, e))))
                            .then(cleanupIfDue(existing))
                            .then(claim(served))
                            .then(explainNotServed(served, notServed, now))
                            .doOnSuccess(done -> {
                                scheduler.polled(now);
                                servedAtLastPoll = served.stream().map(one -> one.connector().id()).collect(Collectors.toUnmodifiableSet());
                            });
                });
    }

    private Mono<Void> ensureIndices() {
        return indicesReady ? Mono.empty()
                : context.settings().indices().ensure(context.client()).doOnSuccess(done -> indicesReady = true);
    }

    /** The connectors this daemon serves; the others go into {@code notServed} (connector id -> why not). */
    private List<Served> served(List<Versioned<Connector>> all, List<LoadError> loadErrors, Map<String, String> notServed) {
        List<Served> served = new ArrayList<>();
        for (Versioned<Connector> connector : all) {
            String type = connector.doc().serviceType();
            String whyNot = context.settings().whyNotServed(connector.id(), type, type != null && context.sources().has(type));
            if (whyNot != null) { // a missing service_type included: past this point type is set
                notServed.put(connector.id(), whyNot);
                continue;
            }
            try {
                served.add(new Served(connector, context.sources().get(type)));
                reportedLoadErrors.remove(connector.id());
            } catch (PluginLoadingException e) {
                notServed.put(connector.id(), e.getMessage());
                if (!Objects.equals(reportedLoadErrors.put(connector.id(), e.getMessage()), e.getMessage())) {
                    loadErrors.add(new LoadError(connector.id(), e.getMessage()));
                }
            }
        }
        return served;
    }

    /** A source that cannot be loaded puts its connector in error, once per message, with the loader's words. */
    private Mono<Void> reportLoadError(LoadError error) {
        log.error("connector {}: {}", error.connectorId(), error.message());
        return context.connectors()
                .update(error.connectorId(), Map.of("status", ConnectorStatus.ERROR.wireName(), "error", error.message()))
                .onErrorResume(e -> {
                    reportedLoadErrors.remove(error.connectorId()); // try again next poll
                    return Mono.empty();
                });
    }

    /**
     * Logs, once per job, why a pending or suspended job is left for another daemon: a newcomer whose job never
     * starts reads the reason here. Only an explanation: a failed query is retried at the next poll.
     *
     * @param polledAt when this poll read the connectors: a job created later, or a moment before (see
     *                 {@link #NOT_SERVED_GRACE}), may belong to a connector that read missed; it is judged later
     */
    private Mono<Void> explainNotServed(List<Served> served, Map<String, String> notServed, Instant polledAt) {
        Set<String> servedIds = served.stream().map(s -> s.connector().id()).collect(Collectors.toSet());
        return context.jobs().claimableExcept(servedIds, NOT_SERVED_EXPLAINED)
                .collectList()
                .doOnNext(jobs -> {
                    Set<String> waiting = new HashSet<>();
                    for (Versioned<SyncJob> job : jobs) {
                        waiting.add(job.id());
                        if (createdAfter(job.doc(), polledAt.minus(NOT_SERVED_GRACE))) {
                            continue;
                        }
                        String connectorId = job.doc().connector().id();
                        String reason = notServed.getOrDefault(connectorId, "connector " + connectorId + " is not in "
                                + context.settings().indices().connectors() + " (or is marked deleted)");
                        if (!reason.equals(explainedJobs.put(job.id(), reason))) {
                            JobStatus status = job.doc().status() == null ? JobStatus.PENDING : job.doc().status();
                            log.info("job {} of connector {} is {} and not served by this daemon: {}",
                                    job.id(), connectorId, status.wireName(), reason);
                        }
                    }
                    explainedJobs.keySet().retainAll(waiting); // claimed, canceled or gone: forget them
                })
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private static boolean createdAfter(SyncJob job, Instant instant) {
        try {
            return job.createdAt() != null && Instant.parse(job.createdAt()).isAfter(instant);
        } catch (DateTimeParseException notAnInstant) {
            return false; // not Elastic's format: explain it now rather than never
        }
    }

    /** {@code live}: ids of the connectors that exist, readable or not (a malformed one's jobs are not orphans). */
    private Mono<Void> cleanupIfDue(Set<String> live) {
        Instant now = Instant.now();
        if (Duration.between(lastCleanup, now).compareTo(context.settings().cleanupInterval()) < 0) {
            return Mono.empty();
        }
        lastCleanup = now;
        return cleaner.clean(live, runningJobs())
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("cleanup failed {} abandoned jobs", count);
                    }
                })
                .then();
    }

    private Mono<Void> claim(List<Served> served) {
        int free = context.settings().maxConcurrentSyncs() - running.size();
        if (free <= 0 || served.isEmpty()) {
            return Mono.empty();
        }
        Map<String, Connector> byId = served.stream()
                .collect(Collectors.toMap(s -> s.connector().id(), s -> s.connector().doc(), (a, b) -> a));
        return context.jobs().claimable(byId.keySet())
                .concatMap(job -> refuseIfInvalid(job, byId.get(job.doc().connector().id())))
                .concatMap(this::tryClaim)
                .take(free)
                .doOnNext(this::hand)
                .then();
    }

    /** Hands a claimed job to the runners; if that fails, its slot is freed (cleanup then fails the job). */
    private void hand(Versioned<SyncJob> job) {
        try {
            claimed.emitNext(job, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        } catch (RuntimeException e) {
            running.remove(job.id());
            throw e;
        }
    }

    /** A job that must not run ({@link JobCheck}) is ended {@code error} with the reason instead of being claimed. */
    private Mono<Versioned<SyncJob>> refuseIfInvalid(Versioned<SyncJob> job, @Nullable Connector connector) {
        String problem = connector == null ? null : JobCheck.problem(job.doc(), connector, context.settings().indices());
        if (problem == null) {
            return Mono.just(job);
        }
        return context.jobs().failIfUnchanged(job, problem)
                .doOnNext(failed -> {
                    if (failed) {
                        log.warn("job {} of connector {} refused: {}", job.id(), job.doc().connector().id(), problem);
                    }
                })
                .onErrorResume(e -> Mono.just(false))
                .then(Mono.empty());
    }

    /**
     * Claims a job unless its connector already runs one. The claim itself is exactly-once (optimistic
     * concurrency); two daemons claiming two jobs of one connector at the same moment then both see two running
     * jobs, and the later claim (by started_at, then id) gives its job back.
     */
    private Mono<Versioned<SyncJob>> tryClaim(Versioned<SyncJob> job) {
        return Mono.defer(() -> {
            String connectorId = job.doc().connector().id();
            if (running.containsValue(connectorId) || running.size() >= context.settings().maxConcurrentSyncs()) {
                return Mono.empty();
            }
            return context.jobs().running(connectorId).hasElements()
                    .flatMap(busy -> busy ? Mono.<Versioned<SyncJob>>empty() : context.jobs()
                            .claim(job, context.settings().workerHostname())
                            .flatMap(won -> won ? keepIfFirst(job) : Mono.empty()));
        });
    }

    private Mono<Versioned<SyncJob>> keepIfFirst(Versioned<SyncJob> job) {
        String connectorId = job.doc().connector().id();
        return context.jobs().running(connectorId).collectList().flatMap(jobs -> {
            Versioned<SyncJob> first = jobs.stream()
                    .min(Comparator.comparing((Versioned<SyncJob> j) -> Objects.toString(j.doc().startedAt(), "~"))
                            .thenComparing(Versioned::id))
                    .orElse(job);
            if (!first.id().equals(job.id())) {
                log.info("job {}: connector {} is already synced by job {}; giving it back", job.id(), connectorId, first.id());
                JobStatus previous = job.doc().status() == null ? JobStatus.PENDING : job.doc().status();
                return context.jobs().release(job, previous).then(Mono.empty());
            }
            log.info("claimed {} job {} of connector {}", job.doc().jobType(), job.id(), connectorId);
            running.put(job.id(), connectorId);
            return Mono.just(job);
        });
    }

    private Mono<Void> logged(String what, Served served, Throwable e) {
        log.warn("connector {}: {} failed: {}", served.connector().id(), what, e.getMessage());
        return Mono.empty();
    }

    private record Served(Versioned<Connector> connector, LoadedSource source) {}

    private record LoadError(String connectorId, String message) {}
}
