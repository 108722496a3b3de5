package io.connectors.core.protocol;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import io.connectors.core.es.ElasticsearchErrors;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The two control indices and their mappings. Fields queried by the service are keywords and dates; the free-form
 * objects (configuration, filtering, cursor, pipeline, metadata) are stored but not indexed, so connectors of
 * different types never conflict on a field's type.
 */
public record ControlIndices(String connectors, String jobs) {

    public static final ControlIndices DEFAULT = new ControlIndices(".elastic-connectors", ".elastic-connectors-sync-jobs");

    /** Creates whichever index is missing; a concurrent creation by another daemon is fine. */
    public Mono<Void> ensure(ElasticsearchAsyncClient client) {
        return Flux.just(Map.entry(connectors, connectorsMapping()), Map.entry(jobs, jobsMapping()))
                .concatMap(entry -> Mono.fromFuture(() -> client.indices().exists(e -> e.index(entry.getKey())))
                        .flatMap(exists -> exists.value() ? Mono.<Void>empty() : Mono
                                .fromFuture(() -> client.indices().create(c -> c.index(entry.getKey()).mappings(entry.getValue())))
                                .then()
                                .onErrorResume(e -> ElasticsearchErrors.describe(e).contains("resource_already_exists"), e -> Mono.empty())))
                .then();
    }

    private static Property keyword() {
        return Property.of(p -> p.keyword(k -> k));
    }

    private static Property date() {
        return Property.of(p -> p.date(d -> d));
    }

    private static Property opaque() {
        return Property.of(p -> p.object(o -> o.enabled(false)));
    }

    private static TypeMapping connectorsMapping() {
        return TypeMapping.of(m -> m
                .properties("name", keyword()).properties("index_name", keyword()).properties("service_type", keyword())
                .properties("status", keyword()).properties("last_sync_status", keyword()).properties("language", keyword())
                .properties("deleted", Property.of(p -> p.boolean_(b -> b))).properties("is_native", Property.of(p -> p.boolean_(b -> b)))
                .properties("last_seen", date()).properties("last_synced", date())
                .properties("last_sync_scheduled_at", date()).properties("last_incremental_sync_scheduled_at", date())
                .properties("last_access_control_sync_scheduled_at", date())
                .properties("configuration", opaque()).properties("filtering", opaque()).properties("sync_cursor", opaque())
                .properties("pipeline", opaque()).properties("features", opaque()).properties("scheduling", opaque())
                .properties("custom_scheduling", opaque()));
    }

    private static TypeMapping jobsMapping() {
        return TypeMapping.of(m -> m
                .properties("connector", Property.of(p -> p.object(o -> o
                        .properties("id", keyword()).properties("index_name", keyword()).properties("service_type", keyword())
                        .properties("language", keyword())
                        .properties("configuration", opaque()).properties("filtering", opaque())
                        .properties("pipeline", opaque()).properties("sync_cursor", opaque()))))
                .properties("status", keyword()).properties("job_type", keyword()).properties("trigger_method", keyword())
                .properties("worker_hostname", keyword())
                .properties("created_at", date()).properties("started_at", date()).properties("last_seen", date())
                .properties("completed_at", date()).properties("canceled_at", date()).properties("cancelation_requested_at", date())
                .properties("metadata", opaque()));
    }
}
