package io.connectors.bench;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The few blocking Elasticsearch calls the bench makes around its timed work: create, count, compare, delete. */
final class Es implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final String url;
    private final ElasticsearchAsyncClient client;

    Es(String url) {
        this.url = url;
        this.client = ElasticsearchClients.create(ElasticsearchConnection.of(url), Json.mapper());
    }

    String url() {
        return url;
    }

    ElasticsearchAsyncClient client() {
        return client;
    }

    /**
     * Creates {@code index} with the mappings the engine's index template gives a content index ({@code id} and
     * {@code _timestamp} keywords, {@code title} and {@code body} text, the rest dynamic), with bulk-load settings
     * (no refresh, no replica) when asked.
     */
    void createContentIndex(String index, boolean bulkLoad) {
        call(client.indices().create(c -> {
            c.index(index).mappings(m -> m
                    .properties("id", p -> p.keyword(k -> k))
                    .properties("_timestamp", p -> p.keyword(k -> k))
                    .properties("title", p -> p.text(t -> t))
                    .properties("body", p -> p.text(t -> t)));
            if (bulkLoad) {
                c.settings(s -> s.refreshInterval(t -> t.time("-1")).numberOfReplicas("0"));
            }
            return c;
        }));
    }

    void delete(String index) {
        try {
            call(client.indices().delete(d -> d.index(index).ignoreUnavailable(true)));
        } catch (RuntimeException e) {
            if (!ElasticsearchErrors.isNotFound(e)) {
                throw e;
            }
        }
    }

    boolean exists(String index) {
        return call(client.indices().exists(e -> e.index(index))).value();
    }

    /** Documents in {@code index}, after a refresh. */
    long count(String index) {
        call(client.indices().refresh(r -> r.index(index)));
        return call(client.count(c -> c.index(index))).count();
    }

    /** Documents of {@code index} whose {@code field} is {@code value}, after a refresh. */
    long countTerm(String index, String field, long value) {
        call(client.indices().refresh(r -> r.index(index)));
        return call(client.count(c -> c.index(index).query(q -> q.term(t -> t.field(field).value(FieldValue.of(value)))))).count();
    }

    /** The {@code _source} of each id (missing ids are left out). */
    Map<String, JsonNode> sources(String index, List<String> ids) {
        MgetResponse<ObjectNode> response = call(client.mget(m -> m.index(index).ids(ids), ObjectNode.class));
        Map<String, JsonNode> sources = new LinkedHashMap<>();
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                sources.put(item.result().id(), item.result().source());
            }
        }
        return sources;
    }

    /** {@code index.refresh_interval} and {@code index.number_of_replicas} as set on the index (null: default). */
    Map<String, String> refreshAndReplicas(String index) {
        var response = call(client.indices().getSettings(g -> g.index(index)));
        Map<String, String> out = new LinkedHashMap<>();
        response.settings().values().forEach(state -> {
            var settings = state.settings();
            out.put("refresh_interval", settings == null || settings.index() == null || settings.index().refreshInterval() == null
                    ? null : settings.index().refreshInterval().time());
            out.put("number_of_replicas", settings == null || settings.index() == null || settings.index().numberOfReplicas() == null
                    ? null : settings.index().numberOfReplicas());
        });
        return out;
    }

    /**
     * The index's own counters ({@code _stats}, primaries): refreshes, merges, indexing, gets and searches, with the
     * milliseconds Elasticsearch spent in each; an empty node when unreadable.
     */
    JsonNode indexStats(String index) {
        try {
            Rest5Client rest = ((Rest5ClientTransport) client._transport()).restClient();
            Request request = new Request("GET", "/" + index + "/_stats/refresh,merge,indexing,get,search");
            request.addParameter("filter_path", "_all.primaries");
            return Json.mapper().readTree(rest.performRequest(request).getEntity().getContent()).path("_all").path("primaries");
        } catch (java.io.IOException | RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /** The version of the node(s), e.g. 9.5.2 (read raw: the typed client rejects this minimal build's node info). */
    String version() {
        try {
            Rest5Client rest = ((Rest5ClientTransport) client._transport()).restClient();
            Request request = new Request("GET", "/_nodes");
            request.addParameter("filter_path", "nodes.*.version");
            JsonNode nodes = Json.mapper().readTree(rest.performRequest(request).getEntity().getContent()).path("nodes");
            java.util.Set<String> versions = new java.util.TreeSet<>();
            nodes.forEach(node -> versions.add(node.path("version").asText("unknown")));
            return versions.isEmpty() ? "unknown" : String.join(", ", versions);
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static <T> T call(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Elasticsearch did not answer within " + TIMEOUT, e);
        }
    }

    @Override
    public void close() {
        ElasticsearchClients.close(client);
    }
}
