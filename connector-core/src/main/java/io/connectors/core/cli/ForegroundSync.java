package io.connectors.core.cli;

import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.source.DataSource;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.service.DaemonSettings;
import io.connectors.core.service.ForegroundJob;
import io.connectors.core.service.ServiceContext;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncPlan;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code connectors sync}: one sync of one connector in this process, no daemon needed. By default it writes the
 * index only (no job document, the connector untouched); {@code record} makes it a real on-demand job, claimed by
 * this process and recorded as a daemon would; {@code dryRun} writes nothing at all and reports what a sync would
 * create, update, skip and delete.
 */
final class ForegroundSync {

    /** How long Ctrl-C waits for a recorded job to be marked canceled before the process ends anyway. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(15);

    private final CliSession session;
    private final ConnectorAdmin connectors;

    ForegroundSync(CliSession session) {
        this.session = session;
        this.connectors = new ConnectorAdmin(session);
    }

    /** Shows a sync while it runs; the returned handle stops showing it. */
    @FunctionalInterface
    interface Watcher {
        Watcher NONE = (label, progress, dryRun, expectedTotal) -> () -> { };

        /** @param expectedTotal the documents a full sync expects to see (the index's count), 0 when unknown */
        Disposable watch(String label, SyncProgress progress, boolean dryRun, long expectedTotal);
    }

    record Request(String connectorId, SyncKind kind, boolean dryRun, boolean record) {}

    /** How it went; {@code indexName} is the connector's index. */
    sealed interface Outcome {
        String connectorId();

        String indexName();

        /** A sync without a job document. */
        record Synced(String connectorId, String indexName, SyncReport report) implements Outcome {}

        /** A sync recorded as job {@code jobId}; {@code result.report()} is null when it was canceled or failed early. */
        record Recorded(String connectorId, String indexName, String jobId, ForegroundJob.Result result) implements Outcome {}

        /** A dry run. */
        record Planned(String connectorId, String indexName, SyncPlan plan) implements Outcome {}
    }

    Outcome run(Request request, Watcher watcher) {
        if (request.dryRun() && request.record()) {
            throw new CliException("--dry-run writes nothing, so it cannot --record a job: pick one");
        }
        if (request.kind() == SyncKind.ACCESS_CONTROL) {
            throw new CliException("access control syncs cannot run in the foreground yet: start one for a daemon with "
                    + "'connectors job start " + request.connectorId() + " --type access_control'");
        }
        Versioned<Connector> connector = connectors.require(request.connectorId());
        String indexName = connector.doc().indexName();
        String serviceType = connector.doc().serviceType();
        if (indexName == null || serviceType == null) {
            throw new CliException("connector " + connector.id() + " has no index_name or service_type: nothing to sync");
        }
        LoadedSource source = connectors.loadSource(serviceType);
        Map<String, Object> values = source.schema().fromConnectorDocument(connector.doc().configurationOrEmpty());
        List<ConfigurationProblem> problems = source.schema().validate(values);
        if (!problems.isEmpty()) {
            throw new CliException("connector " + connector.id() + " is not fully configured; fix it with 'connectors connector set "
                    + connector.id() + " key=value'", problems.stream().map(ConfigurationProblem::message).toList());
        }
        refuseIfRunning(connector.id());
        long expected = request.kind() == SyncKind.FULL ? count(indexName) : 0;
        SyncProgress progress = new SyncProgress();
        String label = request.dryRun() ? "dry run of a " + request.kind().wireName() + " sync" : request.kind().wireName() + " sync";
        if (request.record()) {
            return record(connector, request.kind(), indexName, progress, watcher.watch(label, progress, false, expected));
        }
        DataSource dataSource = create(source, values, connector.id());
        Disposable watch = watcher.watch(label, progress, request.dryRun(), expected);
        try (dataSource) {
            SyncEngine engine = session.syncs().engine(connector.id(), indexName, concurrentDownloads(values),
                    io.connectors.core.runtime.SyncFactory.useTextExtractionService(values));
            Map<String, Object> cursor = cursor(connector.doc());
            if (request.dryRun()) {
                SyncPlan plan = (request.kind() == SyncKind.FULL
                        ? engine.planFull(dataSource, connector.doc().activeFiltering(), progress)
                        : engine.planIncremental(dataSource, cursor, connector.doc().activeFiltering(), progress)).block();
                return new Outcome.Planned(connector.id(), indexName, plan);
            }
            SyncReport report = (request.kind() == SyncKind.FULL
                    ? engine.fullSync(dataSource, connector.doc().activeFiltering(), progress)
                    : engine.incrementalSync(dataSource, cursor, connector.doc().activeFiltering(), progress)).block();
            return new Outcome.Synced(connector.id(), indexName, report);
        } finally {
            watch.dispose();
        }
    }

    private Outcome record(Versioned<Connector> connector, SyncKind kind, String indexName, SyncProgress progress, Disposable watch) {
        try {
            Await.done(session.indices().ensure(session.client()));
            String jobId = Await.value(session.jobs().create(connector, kind, TriggerMethod.ON_DEMAND, Map.of("started_by", "cli")));
            Versioned<SyncJob> pending = Await.value(session.jobs().get(jobId));
            String worker = "cli@" + hostname();
            Boolean claimed = pending == null ? Boolean.FALSE : Await.value(session.jobs().claim(pending, worker));
            Versioned<SyncJob> job = Boolean.TRUE.equals(claimed) ? Await.value(session.jobs().get(jobId)) : null;
            if (job == null) {
                throw new CliException("a daemon claimed job " + jobId + " before this process could; follow it with "
                        + "'connectors job show " + jobId + "'");
            }
            ServiceContext context = new ServiceContext(session.client(), session.connectors(), session.jobs(), session.sources(),
                    session.syncs(), DaemonSettings.from(session.config()).withWorkerHostname(worker));
            CountDownLatch ended = new CountDownLatch(1);
            Thread cancelOnExit = new Thread(() -> cancelAndWait(job, ended), "connectors-sync-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnExit);
            try {
                ForegroundJob.Result result = ForegroundJob.run(context, job, progress).block();
                return new Outcome.Recorded(connector.id(), indexName, jobId, result);
            } finally {
                ended.countDown();
                removeHook(cancelOnExit);
            }
        } finally {
            watch.dispose();
        }
    }

    /** Ctrl-C on a recorded sync: ask the job to cancel (the runner sees it within a second) and let it be recorded. */
    private void cancelAndWait(Versioned<SyncJob> job, CountDownLatch ended) {
        try {
            session.jobs().get(job.id()).flatMap(session.jobs()::requestCancel).block(CANCEL_GRACE);
            ended.await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // the process is ending: cleanup by a daemon fails the job once its heartbeat is stale
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for this sync's end, which just came
        }
    }

    private void refuseIfRunning(String connectorId) {
        List<Versioned<SyncJob>> running = Await.all(session.jobs().running(connectorId)
                .onErrorResume(ElasticsearchErrors::isNotFound, e -> Flux.empty()));
        if (!running.isEmpty()) {
            Versioned<SyncJob> job = running.getFirst();
            throw new CliException("connector " + connectorId + " is being synced by job " + job.id() + " ("
                    + (job.doc().status() == null ? "running" : job.doc().status().wireName())
                    + (job.doc().workerHostname() == null ? "" : " on " + job.doc().workerHostname())
                    + "); wait for it, or cancel it with 'connectors job cancel " + job.id() + "'");
        }
    }

    private long count(String indexName) {
        Long count = Await.value(Mono.fromFuture(() -> session.client().count(c -> c.index(indexName)))
                .map(response -> response.count())
                .onErrorResume(ElasticsearchErrors::isNotFound, e -> Mono.just(0L)));
        return count == null ? 0 : count;
    }

    private static DataSource create(LoadedSource source, Map<String, Object> values, String connectorId) {
        try {
            return source.create(values, RuntimeSourceContext.of(connectorId));
        } catch (PluginLoadingException e) {
            throw new CliException(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cursor(Connector connector) {
        return connector.syncCursor() instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The connector's own {@code concurrent_downloads}, when its source declares one (0 otherwise), as the daemon reads it. */
    private static int concurrentDownloads(Map<String, Object> values) {
        Object value = values.get("concurrent_downloads");
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return value == null ? 0 : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
