package io.connectors.core.service;

import io.connectors.core.protocol.ConnectorStatus;
import io.connectors.core.protocol.Malformed;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Connector documents this daemon serves but cannot read: each gets {@code status: error} and the reason in
 * {@code error}, written once per reason (a partial update, so it works whatever else is wrong in the document).
 * The store has already logged the WARN; the other connectors are served as usual.
 */
final class MalformedConnectors {

    private final ServiceContext context;
    /** connector id -> the reason last written */
    private final Map<String, String> reported = new ConcurrentHashMap<>();

    MalformedConnectors(ServiceContext context) {
        this.context = context;
    }

    Mono<Void> report(List<Malformed> malformed) {
        reported.keySet().retainAll(malformed.stream().map(Malformed::id).toList());
        return Flux.fromIterable(malformed)
                .filter(this::served)
                .filter(bad -> !Objects.equals(reported.put(bad.id(), bad.reason()), bad.reason()))
                .concatMap(bad -> context.connectors()
                        .update(bad.id(), Map.of("status", ConnectorStatus.ERROR.wireName(),
                                "error", "the connector document cannot be read: " + bad.reason()))
                        .onErrorResume(e -> Mono.empty()))
                .then();
    }

    private boolean served(Malformed bad) {
        String type = bad.serviceType();
        return type != null && context.settings().serves(bad.id(), type, context.sources().has(type));
    }
}
