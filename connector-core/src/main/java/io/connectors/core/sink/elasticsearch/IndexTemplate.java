package io.connectors.core.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.connectors.core.es.ElasticsearchErrors;
import reactor.core.publisher.Mono;

/**
 * Creates a content index when it is missing. {@code _timestamp} is a keyword: it is the change marker compared
 * byte for byte with the source's (a date mapping would normalise it and make every document look changed); ISO-8601
 * UTC strings still sort and range-query correctly as keywords. Other fields map dynamically.
 */
final class IndexTemplate {

    private final ElasticsearchAsyncClient client;

    IndexTemplate(ElasticsearchAsyncClient client) {
        this.client = client;
    }

    /** Creates {@code index} unless it exists; emits whether this call created it. */
    Mono<Boolean> ensureIndex(String index) {
        return Mono.fromFuture(() -> client.indices().exists(e -> e.index(index)))
                .flatMap(exists -> exists.value() ? Mono.just(false) : create(index));
    }

    private Mono<Boolean> create(String index) {
        return Mono.fromFuture(() -> client.indices().create(c -> c
                        .index(index)
                        .mappings(m -> m
                                .properties("id", p -> p.keyword(k -> k))
                                .properties(ExistingIdsReader.TIMESTAMP_FIELD, p -> p.keyword(k -> k))
                                .properties("title", p -> p.text(t -> t))
                                .properties("body", p -> p.text(t -> t)))))
                .thenReturn(true)
                // another daemon created it first: that is what we wanted
                .onErrorResume(e -> ElasticsearchErrors.status(e) == 400
                        && ElasticsearchErrors.describe(e).contains("resource_already_exists"), e -> Mono.just(false));
    }
}
