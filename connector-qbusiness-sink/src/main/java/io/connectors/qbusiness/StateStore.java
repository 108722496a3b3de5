package io.connectors.qbusiness;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.connectors.api.sink.ExistingIds;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What this connector's Q Business index holds, as far as this sink knows: one Elasticsearch document per Q Business
 * document (id -> checksum of the mapped document, the source's change marker, the sync that wrote it). Q Business
 * cannot be listed with checksums, so this is what the engine diffs against. Entries are written only after Q
 * Business accepted them, so a crash mid-batch re-sends rather than skips.
 */
final class StateStore {

    private static final int PAGE = 5_000;

    private final ElasticsearchAsyncClient client;
    private final String index;

    StateStore(ElasticsearchAsyncClient client, String connectorId) {
        this.client = client;
        this.index = indexName(connectorId);
    }

    /** {@code connectors-qbusiness-state-<connector id>}, lowercased, with characters Elasticsearch refuses replaced. */
    static String indexName(String connectorId) {
        return "connectors-qbusiness-state-" + connectorId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }

    String index() {
        return index;
    }

    /**
     * One document's state. {@code marker} is the source's {@code _timestamp}, empty when the document had none;
     * {@code originals} is the sink's {@code send_original_files} when the entry was written.
     */
    record Entry(String id, String marker, String checksum, @Nullable String syncId, long bytes, boolean originals) {}

    /**
     * Prefixed to the marker of an entry written under the other {@code send_original_files} setting (entries from
     * before the setting existed count as false): the engine then sees the document as changed and hands it to the
     * sink again, and the sink re-sends it only when its checksum moved (an attachment that now goes as its original
     * file, or as text again); other documents are only read again.
     */
    static final String OTHER_MODE = "\u0000other-send_original_files\u0000";

    /** The state at the start of a sync: ids with markers for the engine, checksums for the sink. */
    record Snapshot(ExistingIds existing, Map<String, String> checksums) {}

    /** Statistics for {@code state stats}. */
    record Stats(long documents, long bytes, @Nullable String lastSyncAt, @Nullable String lastSyncId) {}

    private volatile boolean ensured;

    /** Creates the state index when missing; only writes call it, so a dry run creates nothing. */
    Mono<Void> ensure() {
        if (ensured) {
            return Mono.empty();
        }
        return Mono.fromFuture(() -> client.indices().exists(e -> e.index(index))).flatMap(exists -> exists.value()
                ? Mono.empty()
                : Mono.fromFuture(() -> client.indices().create(c -> c.index(index)
                                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                                .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.False)
                                        .properties("id", p -> p.keyword(k -> k))
                                        .properties("marker", p -> p.keyword(k -> k.index(false)))
                                        .properties("checksum", p -> p.keyword(k -> k.index(false)))
                                        .properties("sync_id", p -> p.keyword(k -> k))
                                        .properties("bytes", p -> p.long_(l -> l))
                                        .properties("send_original_files", p -> p.boolean_(b -> b))
                                        .properties("updated_at", p -> p.date(d -> d)))))
                        .onErrorResume(e -> e.getMessage() != null && e.getMessage().contains("resource_already_exists"), e -> Mono.empty())
                        .then())
                .doOnSuccess(v -> ensured = true);
    }

    /** Every entry, paged by id with {@code search_after}; {@code originals}: the sink's current {@code send_original_files}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    Mono<Snapshot> load(boolean originals) {
        return Mono.fromFuture(() -> client.indices().exists(e -> e.index(index))).flatMap(exists -> !exists.value()
                ? Mono.just(new Snapshot(ExistingIds.empty(), Map.of()))
                : Mono.defer(() -> {
            ExistingIds.Builder builder = ExistingIds.builder(1024);
            Map<String, String> checksums = new HashMap<>();
            return page(null, builder, checksums, originals)
                    .expand(last -> last == null ? Mono.empty() : page(last, builder, checksums, originals))
                    .then(Mono.fromCallable(() -> new Snapshot(builder.build(), checksums)));
        }));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Mono<String> page(@Nullable String after, ExistingIds.Builder builder, Map<String, String> checksums, boolean originals) {
        return entriesAfter(after, "id", "marker", "checksum", "send_original_files")
                .flatMap(hits -> {
                    String last = null;
                    for (Hit<Map> hit : hits) {
                        Map<String, Object> source = hit.source();
                        if (source == null) {
                            continue;
                        }
                        String id = (String) source.get("id");
                        String marker = String.valueOf(source.getOrDefault("marker", ""));
                        boolean sameMode = Boolean.TRUE.equals(source.get("send_original_files")) == originals;
                        builder.add(id, sameMode ? marker : OTHER_MODE + marker);
                        checksums.put(id, String.valueOf(source.get("checksum")));
                        last = id;
                    }
                    return hits.size() < PAGE || last == null ? Mono.empty() : Mono.just(last);
                });
    }

    /** Records what Q Business accepted. Fails when Elasticsearch refused an entry: the sync must not go on blind. */
    Mono<Void> record(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        String now = Instant.now().toString();
        List<BulkOperation> operations = entries.stream().map(entry -> {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("id", entry.id());
            source.put("marker", entry.marker());
            source.put("checksum", entry.checksum());
            if (entry.syncId() != null) {
                source.put("sync_id", entry.syncId());
            }
            source.put("bytes", entry.bytes());
            source.put("send_original_files", entry.originals());
            source.put("updated_at", now);
            return BulkOperation.of(b -> b.index(i -> i.index(index).id(stateId(entry.id())).document(source)));
        }).toList();
        return ensure().then(bulk(operations));
    }

    Mono<Void> remove(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return ensure().then(bulk(ids.stream().map(id -> BulkOperation.of(b -> b.delete(d -> d.index(index).id(stateId(id))))).toList()));
    }

    private Mono<Void> bulk(List<BulkOperation> operations) {
        return Mono.fromFuture(() -> client.bulk(b -> b.operations(operations))).flatMap((BulkResponse response) -> {
            if (!response.errors()) {
                return Mono.empty();
            }
            String first = response.items().stream().filter(item -> item.error() != null && item.status() != 404)
                    .map(item -> item.id() + ": " + item.error().reason()).findFirst().orElse(null);
            return first == null ? Mono.empty()
                    : Mono.error(new IllegalStateException("the Q Business state index " + index + " refused an entry: " + first));
        });
    }

    Mono<Void> refresh() {
        return Mono.fromFuture(() -> client.indices().refresh(r -> r.index(index).ignoreUnavailable(true).allowNoIndices(true))).then();
    }

    Mono<Stats> stats() {
        return Mono.fromFuture(() -> client.indices().exists(e -> e.index(index))).flatMap(exists -> !exists.value()
                ? Mono.just(new Stats(0, 0, null, null))
                : refresh().then(Mono.fromFuture(() -> client.search(s -> s.index(index).size(1)
                        .sort(so -> so.field(f -> f.field("updated_at").order(SortOrder.Desc)))
                        .aggregations("bytes", a -> a.sum(sum -> sum.field("bytes"))), Map.class)))
                        .map(response -> {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> latest = response.hits().hits().isEmpty() ? null : response.hits().hits().get(0).source();
                            long documents = response.hits().total() == null ? 0 : response.hits().total().value();
                            Double sum = response.aggregations().get("bytes").sum().value();
                            long bytes = sum == null ? 0 : sum.longValue();
                            return new Stats(documents, bytes, latest == null ? null : (String) latest.get("updated_at"),
                                    latest == null ? null : (String) latest.get("sync_id"));
                        }));
    }

    /**
     * Forgets what was sent (every marker and checksum) but keeps which ids Q Business holds: the next sync sends every
     * document again, and a full sync still deletes the ids the source no longer has. Deleting the state outright would
     * leave those documents in Q Business for good, with nothing left that knows them.
     */
    Mono<Void> clear() {
        // page by id and blank each entry with bulk updates: _update_by_query lives in the reindex module, which not
        // every cluster (or test node) has
        return Mono.fromFuture(() -> client.indices().exists(e -> e.index(index))).flatMap(exists -> !exists.value() ? Mono.empty()
                : refresh().then(blankPage(null)).expand(last -> last.isEmpty() ? Mono.empty() : blankPage(last)).then(refresh()));
    }

    /** Blanks the marker and checksum of one page of entries after {@code after}; the page's last id, empty at the end. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private Mono<String> blankPage(@Nullable String after) {
        return entriesAfter(after, "id")
                .flatMap(hits -> {
                    if (hits.isEmpty()) {
                        return Mono.just("");
                    }
                    Map<String, Object> blank = Map.of("marker", "", "checksum", "");
                    List<BulkOperation> operations = hits.stream().map(hit -> BulkOperation.of(b -> b.update(u -> u.index(index)
                            .id(hit.id()).action(a -> a.doc(blank))))).toList();
                    String last = (String) hits.getLast().source().get("id");
                    return bulk(operations).thenReturn(hits.size() < PAGE ? "" : last);
                });
    }

    /** One page of state entries in id order after {@code after} (from the start when null), with {@code fields} only. */
    @SuppressWarnings("rawtypes")
    private Mono<List<Hit<Map>>> entriesAfter(@Nullable String after, String... fields) {
        return Mono.fromFuture(() -> client.search(s -> {
                    s.index(index).size(PAGE).trackTotalHits(t -> t.enabled(false))
                            .sort(so -> so.field(f -> f.field("id").order(SortOrder.Asc)))
                            .source(src -> src.filter(f -> f.includes(List.of(fields))));
                    if (after != null) {
                        s.searchAfter(FieldValue.of(after));
                    }
                    return s;
                }, Map.class))
                .map(response -> response.hits().hits());
    }

    /** Elasticsearch ids are at most 512 bytes: a longer one is stored under its SHA-256, the id itself in {@code id}. */
    private static String stateId(String id) {
        return id.length() <= 256 ? id : "sha256-" + DocumentMapper.sha256(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
