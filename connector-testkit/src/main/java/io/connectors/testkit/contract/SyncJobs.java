package io.connectors.testkit.contract;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceDescriptor;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.json.Json;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.plugin.Plugins;
import io.connectors.core.plugin.SourceRegistry;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ConnectorStatus;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.protocol.KibanaConnector;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.runtime.SyncFactory;
import io.connectors.core.service.DaemonSettings;
import io.connectors.core.service.ForegroundJob;
import io.connectors.core.service.ServiceContext;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs a source's syncs the way the daemon does: each sync is a job document created for a connector document,
 * claimed and run by the daemon's own job runner ({@link ForegroundJob}), which builds the source from the job's
 * snapshot of the connector's configuration, syncs through {@link SyncFactory}'s engine and Elasticsearch sink, and
 * records the outcome on the job and the connector. Control indices are this run's own, so runs never meet.
 */
final class SyncJobs implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String WORKER = "contract-kit";

    /** A connector document this run created, and the index it syncs into. */
    record TestConnector(String id, String index) {}

    /** How a sync job ended; {@code report} is null when the job failed before the engine reported. */
    record Outcome(String jobId, JobStatus status, @Nullable SyncReport report, @Nullable String error) {

        boolean completed() {
            return status == JobStatus.COMPLETED && report != null && report.completed();
        }

        /** The engine's one-line summary, or the job's status and error when the engine did not report. */
        String describe() {
            return report != null ? report.summary() : "job " + status.wireName() + (error == null ? "" : ": " + error);
        }
    }

    private final TestElasticsearch elasticsearch;
    private final ElasticsearchAsyncClient asyncClient;
    private final ElasticsearchClient client;
    private final Plugins plugins;
    private final SourceRegistry sources;
    private final TikaExtractor extractor;
    private final ControlIndices indices;
    private final ServiceContext context;
    private final DataSourceDescriptor descriptor;
    private final List<TestConnector> created = new ArrayList<>();

    private SyncJobs(TestElasticsearch elasticsearch, Class<? extends DataSource> sourceClass) {
        this.elasticsearch = elasticsearch;
        this.asyncClient = ElasticsearchClients.create(ElasticsearchConnection.of(elasticsearch.url()), Json.mapper());
        this.client = new ElasticsearchClient(asyncClient._transport());
        // no plugins directory: the source under test is on the test class path
        this.plugins = Plugins.classPathOnly();
        this.descriptor = find(plugins, sourceClass);
        this.sources = SourceRegistry.of(Map.of(descriptor.serviceType(), sourceClass.getName()), plugins);
        this.extractor = TikaExtractor.create(ExtractionSettings.defaults());
        this.indices = new ControlIndices(elasticsearch.uniqueIndex("contract-connectors"),
                elasticsearch.uniqueIndex("contract-sync-jobs"));
        ConnectorsConfig config = ConnectorsConfig.defaults();
        this.context = new ServiceContext(asyncClient, sources, new SyncFactory(config, asyncClient, extractor),
                DaemonSettings.from(config).withIndices(indices).withWorkerHostname(WORKER));
    }

    static SyncJobs start(TestElasticsearch elasticsearch, Class<? extends DataSource> sourceClass) {
        SyncJobs jobs = new SyncJobs(elasticsearch, sourceClass);
        try {
            jobs.indices.ensure(jobs.asyncClient).block(TIMEOUT);
            return jobs;
        } catch (RuntimeException e) {
            jobs.close();
            throw e;
        }
    }

    private static DataSourceDescriptor find(Plugins plugins, Class<? extends DataSource> sourceClass) {
        try {
            return plugins.find(DataSourceDescriptor.class, DataSourceDescriptor::sourceClass,
                    DataSourceDescriptor::apiVersion, sourceClass.getName(), "source " + sourceClass.getName(),
                    DataSource.class).descriptor();
        } catch (PluginLoadingException e) {
            // the runtime's own message says what is missing and where it looked
            throw new AssertionError("The runtime cannot find " + sourceClass.getName() + ": " + e.getMessage(), e);
        }
    }

    DataSourceDescriptor descriptor() {
        return descriptor;
    }

    ElasticsearchClient client() {
        return client;
    }

    ControlIndices indices() {
        return indices;
    }

    List<TestConnector> connectors() {
        return List.copyOf(created);
    }

    /** A configured connector of the source with {@code configuration}, syncing into a new index. */
    TestConnector connector(String purpose, Map<String, Object> configuration) {
        return connector(purpose, configuration, elasticsearch.uniqueIndex("contract-" + purpose));
    }

    /** A configured connector of the source with {@code configuration}, syncing into {@code index}. */
    TestConnector connector(String purpose, Map<String, Object> configuration, String index) {
        String id = elasticsearch.uniqueIndex(purpose);
        Map<String, Object> document = KibanaConnector.document("contract " + purpose, index, descriptor.serviceType(),
                descriptor.configSchema().toConnectorDocument(configuration), ConnectorStatus.CONFIGURED);
        context.connectors().create(id, document).block(TIMEOUT);
        TestConnector connector = new TestConnector(id, index);
        created.add(connector);
        return connector;
    }

    Outcome full(TestConnector connector) {
        return run(connector, SyncKind.FULL);
    }

    Outcome incremental(TestConnector connector) {
        return run(connector, SyncKind.INCREMENTAL);
    }

    private Outcome run(TestConnector connector, SyncKind kind) {
        // read afresh: the job snapshots the connector, sync cursor of the previous job included
        Versioned<Connector> current = Objects.requireNonNull(context.connectors().get(connector.id()).block(TIMEOUT));
        String jobId = Objects.requireNonNull(context.jobs().create(current, kind, TriggerMethod.ON_DEMAND, Map.of())
                .block(TIMEOUT));
        Versioned<SyncJob> pending = Objects.requireNonNull(context.jobs().get(jobId).block(TIMEOUT));
        if (!Boolean.TRUE.equals(context.jobs().claim(pending, WORKER).block(TIMEOUT))) {
            throw new IllegalStateException("Job " + jobId + " was claimed by someone else: the control indices "
                    + indices + " are this contract's own");
        }
        Versioned<SyncJob> claimed = Objects.requireNonNull(context.jobs().get(jobId).block(TIMEOUT));
        ForegroundJob.Result result = ForegroundJob.run(context, claimed, new SyncProgress()).block(TIMEOUT);
        if (result == null) {
            throw new AssertionError(kind.wireName() + " sync job " + jobId + " did not end within " + TIMEOUT.toMinutes()
                    + " minutes");
        }
        return new Outcome(jobId, result.status(), result.report(), result.error());
    }

    /** A source built as a job would build it, outside any job: for pings and for asking what it supports. */
    DataSource source(Map<String, Object> configuration) {
        Map<String, Object> values = descriptor.configSchema().fromConnectorDocument(
                descriptor.configSchema().toConnectorDocument(configuration));
        return sources.create(descriptor.serviceType(), values, RuntimeSourceContext.of("contract-kit"));
    }

    IndexContents contents(TestConnector connector) {
        return IndexContents.read(client, connector.index());
    }

    /** Every document of a control index ({@link #indices()}), as read from Elasticsearch. */
    List<Hit<ObjectNode>> controlDocuments(String index) {
        try {
            client.indices().refresh(r -> r.index(index));
            return client.search(s -> s.index(index).size(IndexContents.MAX_DOCUMENTS), ObjectNode.class).hits().hits();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read control index " + index, e);
        }
    }

    @Override
    public void close() {
        extractor.close();
        sources.close();
        plugins.close();
        ElasticsearchClients.close(asyncClient);
    }
}
