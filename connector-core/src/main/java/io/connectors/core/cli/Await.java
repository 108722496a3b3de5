package io.connectors.core.cli;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The CLI's one way to wait for Elasticsearch: a command is a blocking program, with a bound on every wait. */
final class Await {

    /** Longer than the client's connect timeout, so an unreachable cluster reports its own error first. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Await() {}

    static <T> @Nullable T value(Mono<T> mono) {
        return mono.block(TIMEOUT);
    }

    static <T> List<T> all(Flux<T> flux) {
        List<T> list = flux.collectList().block(TIMEOUT);
        return list == null ? List.of() : list;
    }

    static void done(Mono<?> mono) {
        mono.block(TIMEOUT);
    }
}
