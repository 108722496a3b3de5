package io.connectors.testkit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.util.Timeout;

/**
 * Reads an index the way a test checks a sync: counts, documents, full-text hits. Refreshes before each read.
 *
 * <p>This module knows nothing of the runtime (the runtime's own tests use it), so the client is built here rather
 * than by the runtime's client factory; its Jackson settings are the runtime's (ISO-8601 dates, lenient reads), so
 * stores and sinks built on {@link #asyncClient()} behave as in the daemon.
 */
public final class IndexProbe implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 240;

    private final ElasticsearchAsyncClient async;
    private final ElasticsearchClient client;

    public IndexProbe(String url) {
        Rest5Client rest = Rest5Client.builder(URI.create(url))
                .setRequestConfigCallback(config -> config
                        .setConnectionRequestTimeout(Timeout.of(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .setResponseTimeout(Timeout.of(TIMEOUT_SECONDS, TimeUnit.SECONDS)))
                .build();
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.async = new ElasticsearchAsyncClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper(mapper)));
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
        try {
            async._transport().close();
        } catch (IOException e) {
            // closing a pool: nothing left to do about it
        }
    }
}
