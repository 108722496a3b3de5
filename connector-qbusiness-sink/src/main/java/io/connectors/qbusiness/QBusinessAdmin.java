package io.connectors.qbusiness;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.api.sink.SinkAdmin;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The Q Business sink's operator commands: {@code doctor} checks credentials, application, index and data source,
 * each with a verdict and a fix hint; {@code state stats} and {@code state clear} read and reset its state store.
 */
public final class QBusinessAdmin implements SinkAdmin {

    private final StateStore state;
    private final @Nullable QBusinessSettings settings;
    private final @Nullable QBusinessClient client;
    private final @Nullable Supplier<AwsCredentialsIdentity> credentials;

    QBusinessAdmin(StateStore state, @Nullable QBusinessSettings settings, @Nullable QBusinessClient client,
                   @Nullable Supplier<AwsCredentialsIdentity> credentials) {
        this.state = state;
        this.settings = settings;
        this.client = client;
        this.credentials = credentials;
    }

    /** State commands alone (no Q Business calls), e.g. for a connector whose qbusiness block is gone. */
    public static QBusinessAdmin forConnector(ElasticsearchAsyncClient elasticsearch, String connectorId) {
        return new QBusinessAdmin(new StateStore(elasticsearch, connectorId), null, null, null);
    }

    @Override
    public Flux<Check> doctor() {
        if (settings == null || client == null || credentials == null) {
            return Flux.just(new Check("qbusiness", Verdict.FAIL, "the connector has no usable qbusiness block",
                    "add region, application_id and index_id under qbusiness: in its connectors entry (docs/qbusiness.md)"));
        }
        Mono<Check> credentialsCheck = Mono.fromCallable(credentials::get).subscribeOn(Schedulers.boundedElastic())
                .map(identity -> new Check("qbusiness credentials", Verdict.OK, "access key " + mask(identity.accessKeyId())
                        + (settings.accessKeyId() == null ? " from the AWS default chain" : " from qbusiness.access_key_id"), null))
                .onErrorResume(e -> Mono.just(new Check("qbusiness credentials", Verdict.FAIL, "no AWS credentials: " + e.getMessage(),
                        "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a container/instance role; or "
                                + "qbusiness.access_key_id and qbusiness.secret_access_key through ${ENV}")));
        return credentialsCheck.flatMapMany(first -> first.verdict() == Verdict.FAIL ? Flux.just(first) : Flux.concat(
                Mono.just(first),
                resource("qbusiness application", client.getApplication(), "application " + settings.applicationId()
                        + " in " + settings.region(), "status", "ACTIVE", "qbusiness.application_id and qbusiness.region"),
                resource("qbusiness index", client.getIndex(), "index " + settings.indexId(), "status", "ACTIVE",
                        "qbusiness.index_id (aws qbusiness list-indices --application-id ...)"),
                settings.dataSourceId() == null
                        ? Mono.just(new Check("qbusiness data source", Verdict.WARN, "no data_source_id: syncs are not "
                                + "recorded as data source sync jobs", "create a CUSTOM data source and set qbusiness.data_source_id"))
                        : resource("qbusiness data source", client.getDataSource(), "data source " + settings.dataSourceId(),
                                "type", "CUSTOM", "qbusiness.data_source_id: it must name a CUSTOM data source of the index"),
                settings.dataSourceId() == null ? Mono.<Check>empty() : lastSyncJob(client),
                stateStats().map(stats -> new Check("qbusiness state", Verdict.OK, stats.documents() + " documents in "
                        + state.index() + (stats.lastSyncId() == null ? "" : ", last sync job " + stats.lastSyncId()), null))
                        .onErrorResume(e -> Mono.just(new Check("qbusiness state", Verdict.FAIL, e.getMessage(),
                                "the state index lives in the connectors' Elasticsearch: check its privileges")))));
    }

    /** ListDataSourceSyncJobs: the data source's latest sync job, and whether it went well. */
    private static Mono<Check> lastSyncJob(QBusinessClient client) {
        String name = "qbusiness last sync job";
        return client.listSyncJobs(1).map(jobs -> {
            if (jobs.isEmpty()) {
                return new Check(name, Verdict.OK, "no sync job yet", null);
            }
            QBusinessClient.SyncJob job = jobs.getFirst();
            return switch (job.status()) {
                case "SUCCEEDED" -> new Check(name, Verdict.OK, job.describe(), null);
                case "SYNCING", "SYNCING_INDEXING", "STOPPING" -> new Check(name, Verdict.WARN, job.describe(),
                        "a sync started now waits for it (qbusiness.sync_job_wait); if it is stuck: aws qbusiness "
                                + "stop-data-source-sync-job");
                default -> new Check(name, Verdict.WARN, job.describe(),
                        "see the job's error; aws qbusiness list-data-source-sync-jobs shows its metrics");
            };
        }).onErrorResume(e -> Mono.just(new Check(name, Verdict.FAIL, "ListDataSourceSyncJobs: " + e.getMessage(),
                e instanceof QBusinessException q && q.errorType().equals("AccessDeniedException")
                        ? "grant qbusiness:ListDataSourceSyncJobs to these credentials (docs/qbusiness.md, IAM)"
                        : "check qbusiness.data_source_id")));
    }

    private static Mono<Check> resource(String name, Mono<com.fasterxml.jackson.databind.JsonNode> get, String what,
                                        String field, String expected, String fix) {
        return get.map(answer -> {
                    String value = answer.path(field).asText("");
                    return value.equals(expected)
                            ? new Check(name, Verdict.OK, what + " is " + value, null)
                            : new Check(name, Verdict.WARN, what + " has " + field + " " + value + " (expected " + expected + ")",
                                    "wait until it is " + expected + " or check " + fix);
                })
                .onErrorResume(e -> Mono.just(new Check(name, Verdict.FAIL, what + ": " + e.getMessage(),
                        e instanceof QBusinessException q && q.errorType().equals("AccessDeniedException")
                                ? "grant the qbusiness permissions listed in docs/qbusiness.md to these credentials"
                                : "check " + fix)));
    }

    private static String mask(String accessKeyId) {
        return accessKeyId.length() <= 4 ? "****" : accessKeyId.substring(0, 4) + "****";
    }

    @Override
    public Mono<StateStats> stateStats() {
        return state.stats().map(stats -> new StateStats(stats.documents(), stats.bytes(), stats.lastSyncAt(), stats.lastSyncId()));
    }

    @Override
    public Mono<Void> clearState() {
        return state.clear();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
