package io.connectors.core.server;

import io.connectors.core.service.ConnectorService;
import io.connectors.core.service.ServiceContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * {@code GET /health}: live as long as it answers; ready when Elasticsearch answers a cluster health request within
 * two seconds and the daemon's last poll of the control indices succeeded (so it knows which connectors it serves).
 */
final class HealthProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** The JSON of {@code /health}. */
    record Report(String status, boolean live, boolean ready, Elasticsearch elasticsearch, Connectors connectors) {}

    record Elasticsearch(boolean reachable, String detail) {}

    /** {@code polled}: whether a poll succeeded and the last one did; {@code served}: connector ids served. */
    record Connectors(boolean polled, int failedPolls, List<String> served, int runningJobs) {}

    private final ServiceContext context;
    private final ConnectorService service;

    HealthProbe(ServiceContext context, ConnectorService service) {
        this.context = context;
        this.service = service;
    }

    Mono<Report> check() {
        Mono<Elasticsearch> elasticsearch = Mono.fromFuture(() -> context.client().cluster().health())
                .map(health -> new Elasticsearch(true, "cluster status " + health.status().jsonValue()))
                .timeout(TIMEOUT)
                .onErrorResume(error -> Mono.just(new Elasticsearch(false, error instanceof java.util.concurrent.TimeoutException
                        ? "no answer within " + TIMEOUT.toSeconds() + " s" : String.valueOf(error.getMessage()))));
        return elasticsearch.map(es -> {
            Set<String> served = service.servedConnectors().orElse(null);
            boolean polled = served != null && service.failedPolls() == 0;
            Connectors connectors = new Connectors(polled, service.failedPolls(),
                    served == null ? List.of() : served.stream().sorted().toList(), service.runningJobs().size());
            boolean ready = es.reachable() && polled;
            return new Report(ready ? "ok" : "not_ready", true, ready, es, connectors);
        });
    }
}
