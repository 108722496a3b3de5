package io.connectors.core.protocol;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.es.ElasticsearchErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes connector documents. Writes are partial updates; conditional ones use optimistic concurrency. */
public final class ConnectorStore {

    private static final int MAX_CONNECTORS = 10_000;

    private final ElasticsearchAsyncClient client;
    private final String index;
    private final DocumentReader<Connector> reader;

    public ConnectorStore(ElasticsearchAsyncClient client, ControlIndices indices) {
        this.client = client;
        this.index = indices.connectors();
        this.reader = new DocumentReader<>(Connector.class, index, connector -> null);
    }

    /**
     * The connectors not marked deleted, and those that cannot be read ({@link Malformed}): each document is read on
     * its own, so one of the wrong shape never hides the others. A malformed one is logged at WARN once.
     */
    public record Scan(List<Versioned<Connector>> connectors, List<Malformed> malformed) {}

    public Mono<Scan> scan() {
        return Mono.fromFuture(() -> client.search(s -> s.index(index).size(MAX_CONNECTORS).seqNoPrimaryTerm(true)
                                .sort(so -> so.field(f -> f.field("_doc").order(SortOrder.Asc))), ObjectNode.class))
                .map(response -> {
                    List<Versioned<Connector>> connectors = new ArrayList<>();
                    List<Malformed> malformed = new ArrayList<>();
                    for (Hit<ObjectNode> hit : response.hits().hits()) {
                        switch (reader.read(hit)) {
                            case DocumentReader.Result.Ok<Connector> ok -> {
                                if (!ok.document().doc().isDeleted()) {
                                    connectors.add(ok.document());
                                }
                            }
                            case DocumentReader.Result.Bad<Connector> bad -> {
                                if (hit.source() == null || !hit.source().path("deleted").asBoolean(false)) {
                                    malformed.add(bad.malformed());
                                }
                            }
                        }
                    }
                    return new Scan(List.copyOf(connectors), List.copyOf(malformed));
                });
    }

    /** Every readable connector not marked deleted. */
    public Flux<Versioned<Connector>> all() {
        return scan().flatMapIterable(Scan::connectors);
    }

    public Mono<Versioned<Connector>> get(String id) {
        return Mono.fromFuture(() -> client.get(g -> g.index(index).id(id), Connector.class))
                .filter(response -> response.found() && response.source() != null)
                .map(response -> new Versioned<>(response.id(), response.seqNo() == null ? 0 : response.seqNo(),
                        response.primaryTerm() == null ? 0 : response.primaryTerm(), response.source()));
    }

    /** Creates a connector document; with a null id Elasticsearch picks one. Returns the id. */
    public Mono<String> create(@Nullable String id, Map<String, Object> document) {
        return Mono.fromFuture(() -> client.index(i -> {
                    i.index(index).document(document).refresh(Refresh.True);
                    if (id != null) {
                        i.id(id).opType(co.elastic.clients.elasticsearch._types.OpType.Create);
                    }
                    return i;
                }))
                .map(response -> response.id());
    }

    public Mono<Void> update(String id, Map<String, ?> fields) {
        return Mono.fromFuture(() -> client.update(u -> u.index(index).id(id).doc(fields).retryOnConflict(5).refresh(Refresh.True), Map.class))
                .then();
    }

    /**
     * Applies {@code fields} only if the connector has not changed since {@code read}. Emits false when another
     * writer got there first (HTTP 409), which is how one daemon among several wins a schedule tick or a claim.
     */
    public Mono<Boolean> updateIfUnchanged(Versioned<Connector> read, Map<String, ?> fields) {
        return Mono.fromFuture(() -> client.update(u -> u.index(index).id(read.id()).doc(fields)
                        .ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm()).refresh(Refresh.True), Map.class))
                .thenReturn(true)
                .onErrorResume(e -> ElasticsearchErrors.status(e) == 409, e -> Mono.just(false));
    }

    /** Marks the connector deleted, as Elastic does (the document stays for its jobs' history). */
    public Mono<Void> markDeleted(String id) {
        return update(id, Map.of("deleted", true));
    }

}
