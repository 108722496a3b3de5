package io.connectors.core.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import co.elastic.clients.elasticsearch.indices.IndexState;
import co.elastic.clients.json.JsonData;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The index settings of a full sync into an empty index (the first load), Elasticsearch's advice for bulk loads:
 * no periodic refresh ({@code refresh_interval: -1}, so segments are cut when buffers fill instead of every second)
 * and, for an index the sync itself created, no replica (indexing every document once instead of twice; the replica
 * then copies the finished segments). Replicas of an index that already existed are left alone: dropping them would
 * re-copy the whole index. An index that holds documents is not changed at all ({@link #repair} aside): paused
 * refreshes would hide a resync's updates from searches until it ends.
 *
 * <p>{@link #apply} reads the values it changes and {@link #restore} puts them back ({@code null}: the setting was
 * not set, and becomes unset again, which keeps Elasticsearch's search-idle refresh behaviour). A
 * {@code refresh_interval} of {@code -1} found at the start is taken as left over by a sync that was killed before
 * it could restore it, and is restored to unset.
 */
final class BulkLoadSettings {

    static final String REFRESH_INTERVAL = "index.refresh_interval";
    static final String REPLICAS = "index.number_of_replicas";
    static final String NO_REFRESH = "-1";

    /** What {@link #apply} changed, to be put back: setting name -> previous value (null: was unset). */
    record Saved(Map<String, @Nullable String> previous) {}

    private final ElasticsearchAsyncClient client;

    BulkLoadSettings(ElasticsearchAsyncClient client) {
        this.client = client;
    }

    /** Sets the bulk-load settings on {@code index}; {@code created}: the sync created it just now. */
    Mono<Saved> apply(String index, boolean created) {
        return Mono.fromFuture(() -> client.indices().getSettings(g -> g.index(index).flatSettings(true)))
                .map(response -> {
                    IndexState state = response.get(index);
                    Map<String, @Nullable String> previous = new LinkedHashMap<>();
                    String refresh = flat(state, REFRESH_INTERVAL);
                    previous.put(REFRESH_INTERVAL, NO_REFRESH.equals(refresh) ? null : refresh);
                    if (created) {
                        previous.put(REPLICAS, flat(state, REPLICAS));
                    }
                    return new Saved(previous);
                })
                .flatMap(saved -> put(index, saved.previous().containsKey(REPLICAS)
                        ? Map.of(REFRESH_INTERVAL, NO_REFRESH, REPLICAS, "0")
                        : Map.of(REFRESH_INTERVAL, NO_REFRESH)).thenReturn(saved));
    }

    /**
     * For an index a full sync leaves as it is (one that holds documents): only a {@code refresh_interval} of
     * {@code -1} left over by a killed sync is unset, so that the index is searchable again.
     */
    Mono<Void> repair(String index) {
        return Mono.fromFuture(() -> client.indices().getSettings(g -> g.index(index).flatSettings(true)))
                .flatMap(response -> NO_REFRESH.equals(flat(response.get(index), REFRESH_INTERVAL))
                        ? put(index, Collections.singletonMap(REFRESH_INTERVAL, null)) : Mono.empty());
    }

    /** Puts back what {@link #apply} changed. */
    Mono<Void> restore(String index, Saved saved) {
        return put(index, saved.previous());
    }

    private Mono<Void> put(String index, Map<String, @Nullable String> values) {
        Map<String, JsonData> settings = new LinkedHashMap<>();
        // a null value resets the setting to its default, as PUT _settings {"index.refresh_interval": null} does
        values.forEach((key, value) -> settings.put(key, value == null ? JsonData.of(JsonValue.NULL) : JsonData.of(value)));
        return Mono.fromFuture(() -> client.indices().putSettings(p -> p.index(index)
                        .settings(IndexSettings.of(s -> s.otherSettings(settings)))))
                .then();
    }

    /** A setting of a {@code flat_settings} answer, or null when unset. */
    private static @Nullable String flat(@Nullable IndexState state, String key) {
        if (state == null || state.settings() == null) {
            return null;
        }
        JsonData value = state.settings().otherSettings().get(key);
        if (value != null) {
            return value.toJson() instanceof jakarta.json.JsonString text ? text.getString() : value.toJson().toString();
        }
        IndexSettings settings = state.settings();
        return switch (key) {
            case REFRESH_INTERVAL -> settings.refreshInterval() != null ? settings.refreshInterval().time()
                    : settings.index() != null && settings.index().refreshInterval() != null ? settings.index().refreshInterval().time() : null;
            case REPLICAS -> settings.numberOfReplicas() != null ? settings.numberOfReplicas()
                    : settings.index() != null ? settings.index().numberOfReplicas() : null;
            default -> null;
        };
    }
}
