package io.connectors.core.testing;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Reads an index the way a test checks a sync: counts, documents, full-text hits. Refreshes before each read. */
public final class IndexProbe implements AutoCloseable {

    private final ElasticsearchAsyncClient async;
    private final ElasticsearchClient client;

    public IndexProbe(String url) {
        this.async = ElasticsearchClients.create(ElasticsearchConnection.of(url), Json.mapper());
        this.client = new ElasticsearchClient(async._transport());
    }

    /** The shared async client, for building sinks in tests. */
    public ElasticsearchAsyncClient asyncClient() {
        return async;
    }

    public ElasticsearchClient client() {
        return client;
    }

    public long count(String index) {
        return call(() -> {
            client.indices().refresh(r -> r.index(index));
            return client.count(c -> c.index(index)).count();
        });
    }

    public Optional<ObjectNode> document(String index, String id) {
        return call(() -> {
            GetResponse<ObjectNode> response = client.get(g -> g.index(index).id(id), ObjectNode.class);
            return Optional.ofNullable(response.found() ? response.source() : null);
        });
    }

    /** Documents whose {@code field} matches {@code text} (a match query). */
    public long matches(String index, String field, String text) {
        return call(() -> {
            client.indices().refresh(r -> r.index(index));
            SearchResponse<ObjectNode> response = client.search(s -> s.index(index).size(0)
                    .query(q -> q.match(m -> m.field(field).query(text))), ObjectNode.class);
            return response.hits().total() == null ? 0 : response.hits().total().value();
        });
    }

    public boolean exists(String index) {
        return call(() -> client.indices().exists(e -> e.index(index)).value());
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ElasticsearchClients.close(async);
    }
}
