package io.connectors.core.es;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The one retry policy of non-bulk Elasticsearch requests and of the poll loop, built from config.yml (issue 12, point 7). */
class ElasticsearchRetryTest {

    private static ElasticsearchRetry fromYaml(String elasticsearchLines) {
        ConnectorsConfig config = ConfigLoader.parse("elasticsearch:\n" + elasticsearchLines, "config.yml", Map.of());
        return ElasticsearchRetry.from(config.elasticsearch());
    }

    @Test
    void requests_retriableFailure_retriedMaxRetriesTimesWithLinearWaits() {
        ElasticsearchRetry retry = fromYaml("  max_retries: 3\n  retry_interval: 10\n");
        AtomicInteger attempts = new AtomicInteger();
        List<Long> attemptSeconds = new ArrayList<>();

        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                    attemptSeconds.add(reactor.test.scheduler.VirtualTimeScheduler.get().now(java.util.concurrent.TimeUnit.SECONDS));
                    attempts.incrementAndGet();
                    return Mono.<String>error(new ConnectException("Connection refused"));
                }).retryWhen(retry.requests("recording")))
                .thenAwait(Duration.ofSeconds(59))
                .then(() -> assertThat(attempts).as("10 + 20 + 30 s: the 4th attempt is at 60 s").hasValue(3))
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ConnectException.class))
                .verify(Duration.ofSeconds(5));

        assertThat(attemptSeconds).containsExactly(0L, 10L, 30L, 60L);
    }

    @Test
    void requests_timeoutWithRetryOnTimeoutFalse_isNotRetried() {
        ElasticsearchRetry retry = fromYaml("  retry_on_timeout: false\n");
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.create(Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return Mono.<String>error(new SocketTimeoutException("Read timed out"));
                }).retryWhen(retry.requests("recording")))
                .expectError(SocketTimeoutException.class)
                .verify(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(1);
        assertThat(fromYaml("  retry_on_timeout: true\n").shouldRetry(new SocketTimeoutException("Read timed out"))).isTrue();
    }

    @Test
    void requests_nonRetriableFailure_failsAtOnce() {
        ElasticsearchRetry retry = fromYaml("  max_retries: 5\n");

        assertThat(retry.shouldRetry(new IllegalStateException("a bug"))).isFalse();
        assertThat(retry.shouldRetry(new IOException("connection reset"))).isTrue();
        assertThat(retry.shouldRetry(answer(400, "mapper_parsing_exception"))).isFalse();
        assertThat(retry.shouldRetry(answer(503, "unavailable_shards_exception"))).isTrue();
        assertThat(retry.shouldRetry(answer(429, "es_rejected_execution_exception"))).isTrue();
    }

    private static ElasticsearchException answer(int status, String type) {
        return new ElasticsearchException("es/update", ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason("test"))));
    }

    @Test
    void pollDelay_followsInitialBackoffAndMultiplier_cappedAndNeverBelowIdling() {
        Duration cap = Duration.ofSeconds(30);
        ElasticsearchRetry defaults = fromYaml("  host: http://localhost:9200\n");
        ElasticsearchRetry custom = fromYaml("  initial_backoff_duration: 2\n  backoff_multiplier: 3\n");

        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7)).map(n -> defaults.pollDelay(n, Duration.ofMillis(300), cap).toSeconds())
                .containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(List.of(1, 2, 3, 4)).map(n -> custom.pollDelay(n, Duration.ofMillis(300), cap).toSeconds())
                .containsExactly(2L, 6L, 18L, 30L);
        assertThat(defaults.pollDelay(1, Duration.ofSeconds(5), cap)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void requests_answerWithRetryAfter_waitsWhatTheServerAsks() {
        // a load balancer in front of the cluster: 502 with Retry-After, as a real HTTP answer through the real client
        reactor.netty.DisposableServer lb = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.status(502).header("Retry-After", "7")
                        .header("Content-Type", "text/plain").sendString(Mono.just("bad gateway")).then())
                .bindNow();
        var client = ElasticsearchClients.create(ElasticsearchConnection.of("http://127.0.0.1:" + lb.port()), io.connectors.core.json.Json.mapper());
        try {
            Throwable failure = Mono.fromFuture(() -> client.count(c -> c.index("anything")))
                    .map(answer -> (Throwable) new AssertionError("a 502 expected"))
                    .onErrorResume(Mono::just).block(Duration.ofSeconds(30));
            assertThat(ElasticsearchRetry.retryAfter(failure)).isEqualTo(Duration.ofSeconds(7));

            ElasticsearchRetry retry = fromYaml("  max_retries: 1\n  retry_interval: 60\n");
            AtomicInteger attempts = new AtomicInteger();
            StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                        attempts.incrementAndGet();
                        return Mono.<String>error(failure);
                    }).retryWhen(retry.requests("count")))
                    .thenAwait(Duration.ofSeconds(7))
                    .then(() -> assertThat(attempts).as("retried after 7 s, not retry_interval's 60 s").hasValue(2))
                    .expectError()
                    .verify(Duration.ofSeconds(5));
        } finally {
            ElasticsearchClients.close(client);
            lb.disposeNow();
        }
    }

    @Test
    void connection_sslFalse_leavesVerifyCertsAndCaCertsAside_asElasticDoes() {
        ConnectorsConfig off = ConfigLoader.parse("elasticsearch:\n  ssl: false\n  verify_certs: false\n  ca_certs: /nowhere/ca.pem\n",
                "config.yml", Map.of());
        ConnectorsConfig on = ConfigLoader.parse("elasticsearch:\n  ssl: true\n  verify_certs: false\n  ca_certs: /nowhere/ca.pem\n",
                "config.yml", Map.of());

        assertThat(ElasticsearchConnection.from(off.elasticsearch())).satisfies(c -> {
            assertThat(c.verifyCerts()).isTrue();
            assertThat(c.caCerts()).isNull();
        });
        assertThat(ElasticsearchConnection.from(on.elasticsearch())).satisfies(c -> {
            assertThat(c.verifyCerts()).isFalse();
            assertThat(c.caCerts()).hasToString("/nowhere/ca.pem");
        });
    }
}
