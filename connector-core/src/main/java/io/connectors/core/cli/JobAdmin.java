package io.connectors.core.cli;

import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.source.DataSource;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.runtime.RuntimeSourceContext;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sync job operations of the CLI: start a job for a daemon to claim (as Kibana's "Sync" button does), list,
 * show (secrets of the connector snapshot masked) and cancel.
 */
final class JobAdmin {

    private final CliSession session;
    private final ConnectorAdmin connectors;

    JobAdmin(CliSession session) {
        this.session = session;
        this.connectors = new ConnectorAdmin(session);
    }

    /**
     * Creates a pending on-demand job of {@code kind} for the connector; a daemon serving it claims it. Refused when
     * the connector's configuration is incomplete or its source cannot run that kind of sync.
     */
    String start(String connectorId, SyncKind kind) {
        Versioned<Connector> connector = connectors.require(connectorId);
        checkRunnable(connector, kind);
        Await.done(session.indices().ensure(session.client()));
        return Await.value(session.jobs().create(connector, kind, TriggerMethod.ON_DEMAND, Map.of()));
    }

    /** The latest jobs, newest first, of one connector or of all (none when the jobs index does not exist yet). */
    List<Versioned<SyncJob>> list(@Nullable String connectorId, int size) {
        return Await.all(session.jobs().latest(connectorId, size).onErrorResume(ElasticsearchErrors::isNotFound, e -> Flux.empty()));
    }

    Versioned<SyncJob> require(String jobId) {
        Versioned<SyncJob> job = Await.value(session.jobs().get(jobId).onErrorResume(ElasticsearchErrors::isNotFound, e -> Mono.empty()));
        if (job == null) {
            throw new CliException("sync job '" + jobId + "' not found in " + session.indices().jobs()
                    + " ('connectors job list' shows the latest jobs)");
        }
        return job;
    }

    /** The whole job document, id first, the connector snapshot's configuration masked. */
    Map<String, Object> show(String jobId) {
        Versioned<SyncJob> job = require(jobId);
        Map<String, Object> source = connectors.rawDocument(session.indices().jobs(), jobId)
                .orElseThrow(() -> new CliException("sync job '" + jobId + "' not found"));
        return Redaction.job(job.id(), source, Redaction.schemaOf(session.sources(), job.doc().connector().serviceType()));
    }

    /**
     * Asks the job to stop, as Kibana's cancel does: a pending or suspended job is canceled at once, a running one
     * becomes canceling and its daemon stops it within seconds. Returns the status the job is in now.
     *
     * @throws CliException when the job already ended otherwise (completed, error)
     */
    JobStatus cancel(String jobId) {
        Versioned<SyncJob> job = require(jobId);
        JobStatus before = job.doc().status();
        if (before == JobStatus.CANCELED || before == JobStatus.CANCELING) {
            return before;
        }
        if (before != null && before.terminal()) {
            throw new CliException("sync job " + jobId + " already ended (" + before.wireName() + "): nothing to cancel");
        }
        JobStatus now = Await.value(session.jobs().requestCancel(job));
        return now == null ? JobStatus.CANCELED : now;
    }

    private void checkRunnable(Versioned<Connector> connector, SyncKind kind) {
        String serviceType = connector.doc().serviceType();
        if (serviceType == null) {
            throw new CliException("connector " + connector.id() + " has no service_type: no source can sync it");
        }
        LoadedSource source = connectors.loadSource(serviceType);
        Map<String, Object> values = source.schema().fromConnectorDocument(connector.doc().configurationOrEmpty());
        List<ConfigurationProblem> problems = source.schema().validate(values);
        if (!problems.isEmpty()) {
            throw new CliException("connector " + connector.id() + " is not fully configured; set the missing values with"
                    + " 'connectors connector set " + connector.id() + " key=value'",
                    problems.stream().map(ConfigurationProblem::message).toList());
        }
        if (kind == SyncKind.FULL) {
            return;
        }
        // the constructor does no I/O (SPI contract): cheap enough to ask what the source supports
        DataSource instance;
        try {
            instance = source.create(values, RuntimeSourceContext.of(connector.id()));
        } catch (PluginLoadingException e) {
            throw new CliException(e.getMessage());
        }
        try (instance) {
            boolean supported = kind == SyncKind.INCREMENTAL ? instance.supportsIncremental() : instance.supportsAccessControl();
            if (!supported) {
                throw new CliException("source '" + serviceType + "' does not support " + kind.wireName() + " syncs; start a full one");
            }
        }
    }
}
