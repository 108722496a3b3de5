package io.connectors.qbusiness;

import io.connectors.api.ConnectorApi;
import io.connectors.api.sink.SinkContext;
import io.connectors.api.sink.SinkDescriptor;
import io.connectors.core.json.Json;
import io.connectors.core.sink.elasticsearch.ElasticsearchSinkContext;
import io.connectors.api.sink.SinkAdmin;
import java.time.Clock;
import java.util.Optional;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The {@code qbusiness} sink: named in config.yml's {@code sinks:} ({@code qbusiness:
 * io.connectors.qbusiness.QBusinessSink}), configured by the {@code qbusiness:} block of a connector entry. Its state
 * store lives in Elasticsearch, so it needs the runtime's own context (which carries the Elasticsearch client).
 */
public final class QBusinessSinkDescriptor extends SinkDescriptor {

    /** How often a sync asks again while another sync job of the data source runs (up to {@code sync_job_wait}). */
    static final Duration CONFLICT_POLL = Duration.ofSeconds(5);

    public QBusinessSinkDescriptor() {
        super(ConnectorApi.VERSION, "qbusiness", QBusinessSink.class, QBusinessSettings.schema(), QBusinessSinkDescriptor::newSink);
    }

    private static QBusinessSink newSink(SinkContext context) {
        if (!(context instanceof ElasticsearchSinkContext es)) {
            throw new IllegalStateException("the qbusiness sink keeps its state in Elasticsearch and is built by the runtime");
        }
        QBusinessSettings settings = QBusinessSettings.from(context.configuration());
        // polls CONFLICT_POLL apart filling sync_job_wait; a wait under CONFLICT_POLL is one poll after that wait
        Duration poll = settings.syncJobWait().compareTo(CONFLICT_POLL) < 0 ? settings.syncJobWait() : CONFLICT_POLL;
        // rounded up, so the sync waits at least sync_job_wait, as its failure message says
        int polls = poll.isZero() ? 0 : (int) ((settings.syncJobWait().toMillis() + poll.toMillis() - 1) / poll.toMillis());
        return create(settings, new StateStore(es.elasticsearch(), context.connectorId()), context.clock(),
                Duration.ofMillis(500), poll, polls);
    }

    /** doctor, state stats and state clear for the CLI; state commands alone when the block does not resolve. */
    @Override
    public Optional<SinkAdmin> admin(SinkContext context) {
        if (!(context instanceof ElasticsearchSinkContext es)) {
            return Optional.empty();
        }
        StateStore state = new StateStore(es.elasticsearch(), context.connectorId());
        QBusinessSettings settings;
        try {
            settings = QBusinessSettings.from(context.configuration());
        } catch (RuntimeException unusable) {
            return Optional.of(new QBusinessAdmin(state, null, null, null));
        }
        Supplier<AwsCredentialsIdentity> credentials = credentials(settings);
        return Optional.of(new QBusinessAdmin(state, settings,
                new QBusinessClient(settings, credentials, Json.mapper(), context.clock(), Duration.ofMillis(500)), credentials));
    }

    static QBusinessSink create(QBusinessSettings settings, StateStore state, Clock clock, Duration firstBackoff,
                                Duration conflictPoll, int conflictPolls) {
        QBusinessClient client = new QBusinessClient(settings, credentials(settings), Json.mapper(), clock, firstBackoff);
        return new QBusinessSink(settings, client, state, conflictPoll, conflictPolls);
    }

    /** Explicit keys when configured, else the AWS default chain (environment, profile, container, instance role). */
    static Supplier<AwsCredentialsIdentity> credentials(QBusinessSettings settings) {
        if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
            AwsCredentialsIdentity fixed = settings.sessionToken() == null
                    ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                    : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken());
            return () -> fixed;
        }
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        return chain::resolveCredentials;
    }
}
