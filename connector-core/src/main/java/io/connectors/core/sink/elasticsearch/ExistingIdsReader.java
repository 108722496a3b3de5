package io.connectors.core.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.connectors.core.sink.ExistingIds;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads every {@code _id} and {@code _timestamp} of an index through a point in time and {@code search_after}, a
 * page at a time. When {@code _timestamp} is a keyword (as in the indices this framework creates) or has a keyword
 * sub-field (dynamic mapping), only doc values travel, with no {@code _source}. An index created elsewhere with
 * {@code _timestamp} as a date or text falls back to {@code _source} filtered to that one field: slower, but the
 * value compared is the exact string the source wrote.
 */
final class ExistingIdsReader {

    static final String TIMESTAMP_FIELD = "_timestamp";
    private static final String KEEP_ALIVE = "2m";

    private final ElasticsearchAsyncClient client;
    private final int pageSize;

    ExistingIdsReader(ElasticsearchAsyncClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    Mono<ExistingIds> read(String index) {
        return timestampAccess(index).flatMap(access -> Mono
                .fromFuture(() -> client.openPointInTime(p -> p.index(index).keepAlive(k -> k.time(KEEP_ALIVE))))
                .flatMap(pit -> pages(pit.id(), access)
                        .reduce(ExistingIds.builder(1024), (builder, page) -> addPage(builder, page, access))
                        .map(ExistingIds.Builder::build)
                        .doFinally(signal -> client.closePointInTime(c -> c.id(pit.id())))));
    }

    /** Where {@code _timestamp} can be read: a doc-values field name, or null for {@code _source}. */
    private Mono<TimestampAccess> timestampAccess(String index) {
        return Mono.fromFuture(() -> client.indices().getFieldMapping(f -> f.index(index).fields(TIMESTAMP_FIELD)))
                .map(response -> response.fieldMappings().values().stream()
                        .map(mappings -> mappings.mappings().get(TIMESTAMP_FIELD))
                        .filter(java.util.Objects::nonNull)
                        .map(mapping -> mapping.mapping().get(TIMESTAMP_FIELD))
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .map(ExistingIdsReader::accessFor)
                        .orElse(new TimestampAccess(TIMESTAMP_FIELD)));
    }

    private static TimestampAccess accessFor(Property property) {
        if (property.isKeyword()) {
            return new TimestampAccess(TIMESTAMP_FIELD);
        }
        if (property.isText() && property.text().fields().get("keyword") instanceof Property sub && sub.isKeyword()) {
            return new TimestampAccess(TIMESTAMP_FIELD + ".keyword");
        }
        return new TimestampAccess(null);
    }

    private Flux<Page> pages(String pitId, TimestampAccess access) {
        return page(pitId, null, access)
                .expand(previous -> previous.hasMore() ? page(previous.pitId(), previous.lastSort(), access) : Mono.empty());
    }

    private Mono<Page> page(String pitId, @Nullable List<FieldValue> after, TimestampAccess access) {
        return Mono.fromFuture(() -> client.search(s -> {
                    s.pit(p -> p.id(pitId).keepAlive(k -> k.time(KEEP_ALIVE)))
                            .size(pageSize)
                            .trackTotalHits(t -> t.enabled(false))
                            .sort(so -> so.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));
                    if (access.docValueField() != null) {
                        s.source(src -> src.fetch(false)).docvalueFields(f -> f.field(access.docValueField()));
                    } else {
                        s.source(src -> src.filter(f -> f.includes(TIMESTAMP_FIELD)));
                    }
                    if (after != null) {
                        s.searchAfter(after);
                    }
                    return s;
                }, JsonData.class))
                .map(response -> toPage(response, pitId));
    }

    private Page toPage(SearchResponse<JsonData> response, String pitId) {
        List<Hit<JsonData>> hits = response.hits().hits();
        String nextPit = response.pitId() != null ? response.pitId() : pitId;
        List<FieldValue> lastSort = hits.isEmpty() ? List.of() : hits.getLast().sort();
        return new Page(hits, nextPit, lastSort, hits.size() == pageSize);
    }

    private static ExistingIds.Builder addPage(ExistingIds.Builder builder, Page page, TimestampAccess access) {
        for (Hit<JsonData> hit : page.hits()) {
            if (hit.id() != null) {
                builder.add(hit.id(), access.docValueField() != null ? docValue(hit, access.docValueField()) : fromSource(hit));
            }
        }
        return builder;
    }

    private static String fromSource(Hit<JsonData> hit) {
        if (hit.source() != null && hit.source().toJson() instanceof JsonObject source
                && source.get(TIMESTAMP_FIELD) instanceof JsonValue value) {
            return value instanceof JsonString string ? string.getString() : value.toString();
        }
        return "";
    }

    /** The first value of the doc-values field, or "" for a document without one (it then always counts as changed). */
    private static String docValue(Hit<JsonData> hit, String field) {
        JsonData values = hit.fields().get(field);
        if (values == null) {
            return "";
        }
        JsonValue json = values.toJson();
        if (json instanceof JsonArray array && !array.isEmpty()) {
            JsonValue first = array.get(0);
            return first.getValueType() == JsonValue.ValueType.STRING ? array.getString(0) : first.toString();
        }
        return "";
    }

    private record TimestampAccess(@Nullable String docValueField) {}

    private record Page(List<Hit<JsonData>> hits, String pitId, List<FieldValue> lastSort, boolean hasMore) {}
}
