package io.connectors.core.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.JsonData;
import io.connectors.core.es.ElasticsearchErrors;
import jakarta.json.JsonValue;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Creates a content index when it is missing. {@code _timestamp} is a keyword: it is the change marker compared
 * byte for byte with the source's (a date mapping would normalise it and make every document look changed); ISO-8601
 * UTC strings still sort and range-query correctly as keywords. {@code id} is a keyword holding the document's
 * {@code _id}, which the mapping's {@code _meta} declares ({@link #ID_IS_DOCUMENT_ID}). {@code custom_fields} is
 * {@code flattened} ({@link #SOURCE_DEFINED_FIELDS}). Other fields map dynamically.
 */
final class IndexTemplate {

    /**
     * Where a source puts fields whose names and types its users define (Jira's custom fields by display name): one
     * {@code flattened} field, so a value that changes type (5, then "Blue") or a thousand such fields can never
     * fail an item or reach the index's field limit. Leaves are keywords: {@code custom_fields.Team: Blue} matches.
     */
    static final String SOURCE_DEFINED_FIELDS = "custom_fields";
    /** Longer leaves are kept in _source but not indexed (a keyword term is at most 32 KiB). */
    private static final int IGNORE_ABOVE = 8191;

    private final ElasticsearchAsyncClient client;

    IndexTemplate(ElasticsearchAsyncClient client) {
        this.client = client;
    }

    /** The mapping's {@code _meta} entry saying that the {@code id} keyword holds each document's {@code _id}. */
    static final String ID_IS_DOCUMENT_ID = "connectors_id_is_document_id";

    /** Whether a mapping's {@code _meta} says its {@code id} keyword holds each document's {@code _id}. */
    static boolean declaresIdField(@Nullable Map<String, JsonData> meta) {
        if (meta == null || !(meta.get(ID_IS_DOCUMENT_ID) instanceof JsonData value)) {
            return false;
        }
        return value.toJson() == JsonValue.TRUE;
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
                                // the engine writes every document's id into "id": the existing-ids reader then
                                // reads ids from doc values instead of decompressing stored fields for _id
                                .meta(ID_IS_DOCUMENT_ID, JsonData.of(true))
                                .properties(ExistingIdsReader.ID_FIELD, p -> p.keyword(k -> k))
                                .properties(ExistingIdsReader.TIMESTAMP_FIELD, p -> p.keyword(k -> k))
                                .properties("title", p -> p.text(t -> t))
                                .properties("body", p -> p.text(t -> t))
                                .properties(SOURCE_DEFINED_FIELDS, p -> p.flattened(f -> f.ignoreAbove(IGNORE_ABOVE))))))
                .thenReturn(true)
                // another daemon created it first: that is what we wanted
                .onErrorResume(e -> ElasticsearchErrors.status(e) == 400
                        && ElasticsearchErrors.describe(e).contains("resource_already_exists"), e -> Mono.just(false));
    }
}
