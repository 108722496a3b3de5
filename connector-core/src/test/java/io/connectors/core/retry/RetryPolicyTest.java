package io.connectors.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import io.connectors.api.http.HttpAuth;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.HttpTransportException;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The one retry policy (issue 12, point 7), use by use: Elasticsearch requests from {@code elasticsearch.*}, bulk
 * requests from {@code elasticsearch.bulk.*}, a source's HTTP requests from its settings, and the poll loop's backoff.
 * Waits are checked in virtual time.
 */
class RetryPolicyTest {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    private static ConnectorsConfig config(String elasticsearchLines) {
        return ConfigLoader.parse("elasticsearch:\n" + elasticsearchLines, "config.yml", Map.of());
    }

    private static RetryPolicy elasticsearch(String elasticsearchLines) {
        return RetryPolicy.elasticsearchRequests(config(elasticsearchLines).elasticsearch());
    }

    private static ElasticsearchException answer(int status, String type) {
        return new ElasticsearchException("es/update", ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason("test"))));
    }

    /** The virtual second at which each subscription to {@code failure} happened. */
    private static Mono<String> failing(Throwable failure, List<Long> attemptSeconds) {
        return Mono.defer(() -> {
            attemptSeconds.add(VirtualTimeScheduler.get().now(TimeUnit.SECONDS));
            return Mono.error(failure);
        });
    }

    // ---- elasticsearch.max_retries, retry_interval, retry_on_timeout ----

    @Test
    void elasticsearchRequests_retriableFailure_retriedMaxRetriesTimesWithLinearWaits() {
        RetryPolicy policy = elasticsearch("  max_retries: 3\n  retry_interval: 10\n");
        List<Long> attempts = new ArrayList<>();

        StepVerifier.withVirtualTime(() -> failing(new ConnectException("Connection refused"), attempts).retryWhen(policy.retry("recording")))
                .thenAwait(Duration.ofSeconds(59))
                .then(() -> assertThat(attempts).as("10 + 20 + 30 s: the 4th attempt is at 60 s").hasSize(3))
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ConnectException.class))
                .verify(VERIFY);

        assertThat(attempts).containsExactly(0L, 10L, 30L, 60L);
    }

    @Test
    void elasticsearchRequests_timeoutWithRetryOnTimeoutFalse_isNotRetried() {
        RetryPolicy policy = elasticsearch("  retry_on_timeout: false\n");
        List<Long> attempts = new ArrayList<>();

        StepVerifier.withVirtualTime(() -> failing(new SocketTimeoutException("Read timed out"), attempts).retryWhen(policy.retry("recording")))
                .expectError(SocketTimeoutException.class)
                .verify(VERIFY);

        assertThat(attempts).hasSize(1);
        assertThat(policy.retriable(new ConnectException("Connection refused"))).as("other I/O failures still are").isTrue();
        assertThat(elasticsearch("  retry_on_timeout: true\n").retriable(new SocketTimeoutException("Read timed out"))).isTrue();
    }

    @Test
    void elasticsearchRequests_onlyThrottlingServerErrorsAndLostConnections_areRetriable() {
        RetryPolicy policy = elasticsearch("  max_retries: 5\n");

        assertThat(policy.retriable(new IllegalStateException("a bug"))).isFalse();
        assertThat(policy.retriable(new IOException("connection reset"))).isTrue();
        assertThat(policy.retriable(answer(400, "mapper_parsing_exception"))).isFalse();
        assertThat(policy.retriable(answer(403, "security_exception"))).isFalse();
        assertThat(policy.retriable(answer(503, "unavailable_shards_exception"))).isTrue();
        assertThat(policy.retriable(answer(429, "es_rejected_execution_exception"))).isTrue();
    }

    @Test
    void elasticsearchRequests_nonRetriableFailure_failsAtOnce() {
        RetryPolicy policy = elasticsearch("  max_retries: 5\n");
        List<Long> attempts = new ArrayList<>();

        StepVerifier.withVirtualTime(() -> failing(answer(400, "mapper_parsing_exception"), attempts).retryWhen(policy.retry("recording")))
                .expectError(ElasticsearchException.class)
                .verify(VERIFY);

        assertThat(attempts).containsExactly(0L);
    }

    @Test
    void elasticsearchRequests_maxRetriesZero_triesOnce() {
        RetryPolicy policy = elasticsearch("  max_retries: 0\n");
        List<Long> attempts = new ArrayList<>();

        StepVerifier.withVirtualTime(() -> failing(new ConnectException("Connection refused"), attempts).retryWhen(policy.retry("recording")))
                .expectError(ConnectException.class)
                .verify(VERIFY);

        assertThat(attempts).hasSize(1);
    }

    @Test
    void elasticsearchRequests_answerWithRetryAfter_waitsWhatTheServerAsks_atMostFiveMinutes() {
        // a load balancer in front of the cluster: 502 with Retry-After, as a real HTTP answer through the real client
        DisposableServer lb = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.status(502)
                        .header("Retry-After", request.uri().contains("patient") ? "3600" : "7")
                        .header("Content-Type", "text/plain").sendString(Mono.just("bad gateway")).then())
                .bindNow();
        var client = ElasticsearchClients.create(ElasticsearchConnection.of("http://127.0.0.1:" + lb.port()), Json.mapper());
        try {
            Throwable sevenSeconds = Mono.fromFuture(() -> client.count(c -> c.index("anything")))
                    .map(answer -> (Throwable) new AssertionError("a 502 expected"))
                    .onErrorResume(Mono::just).block(Duration.ofSeconds(30));
            Throwable anHour = Mono.fromFuture(() -> client.count(c -> c.index("patient")))
                    .map(answer -> (Throwable) new AssertionError("a 502 expected"))
                    .onErrorResume(Mono::just).block(Duration.ofSeconds(30));
            RetryPolicy policy = elasticsearch("  max_retries: 1\n  retry_interval: 60\n");

            assertThat(policy.delay(sevenSeconds, 0)).isEqualTo(Duration.ofSeconds(7));
            assertThat(policy.delay(anHour, 0)).isEqualTo(Duration.ofMinutes(5));

            List<Long> attempts = new ArrayList<>();
            StepVerifier.withVirtualTime(() -> failing(sevenSeconds, attempts).retryWhen(policy.retry("count")))
                    .thenAwait(Duration.ofSeconds(7))
                    .expectError()
                    .verify(VERIFY);
            assertThat(attempts).as("retried after 7 s, not retry_interval's 60 s").containsExactly(0L, 7L);
        } finally {
            ElasticsearchClients.close(client);
            lb.disposeNow();
        }
    }

    // ---- elasticsearch.bulk.max_retries, retry_interval ----

    @Test
    void bulkRequests_fromTheBulkKeys_waitLinearlyAsElastic() {
        ConnectorsConfig config = config("  bulk:\n    max_retries: 4\n    retry_interval: 3\n");
        RetryPolicy policy = RetryPolicy.bulkRequests(config.elasticsearch().bulk());

        assertThat(policy.maxRetries()).isEqualTo(4);
        assertThat(List.of(0L, 1L, 2L, 3L)).map(n -> policy.backoff(n).toSeconds()).containsExactly(3L, 6L, 9L, 12L);
        assertThat(RetryPolicy.bulkRequests(config("  host: http://localhost:9200\n").elasticsearch().bulk()))
                .as("Elastic's defaults: 5 retries, 10 s apart growing linearly")
                .satisfies(defaults -> {
                    assertThat(defaults.maxRetries()).isEqualTo(5);
                    assertThat(defaults.backoff(4)).isEqualTo(Duration.ofSeconds(50));
                });
    }

    @Test
    void bulkRequests_throttledThenAccepted_retriedAfterTheLinearWaits_timeoutsIncluded() {
        RetryPolicy policy = RetryPolicy.bulkRequests(5, Duration.ofSeconds(10));
        AtomicInteger calls = new AtomicInteger();
        List<Long> attempts = new ArrayList<>();

        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                            attempts.add(VirtualTimeScheduler.get().now(TimeUnit.SECONDS));
                            return switch (calls.incrementAndGet()) {
                                case 1 -> Mono.<String>error(answer(429, "es_rejected_execution_exception"));
                                case 2 -> Mono.<String>error(new SocketTimeoutException("Read timed out"));
                                case 3 -> Mono.<String>error(answer(503, "unavailable_shards_exception"));
                                default -> Mono.just("indexed");
                            };
                        })
                        .retryWhen(policy.retry("bulk to some-index")))
                .thenAwait(Duration.ofSeconds(60))
                .expectNext("indexed")
                .expectComplete()
                .verify(VERIFY);

        assertThat(attempts).as("10, 20, 30 s apart").containsExactly(0L, 10L, 30L, 60L);
    }

    // ---- a source's HttpClientSettings ----

    private static RetryPolicy source(int retries, double random) {
        HttpClientSettings settings = HttpClientSettings.of("http://127.0.0.1:1", HttpAuth.none())
                .withRetryCount(retries)
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .withMaxRetryAfter(Duration.ofSeconds(60));
        return RetryPolicy.sourceRequests(settings).withRandom(() -> random);
    }

    private static HttpStatusException status(int code, Duration retryAfter) {
        return new HttpStatusException("GET", "/x", code, "", retryAfter);
    }

    @Test
    void sourceRequests_delay_growsExponentiallyWithEqualJitter_andIsCapped() {
        HttpStatusException unavailable = status(503, null);
        assertThat(source(9, 0.0).delay(unavailable, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(source(9, 1.0).delay(unavailable, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(source(9, 1.0).delay(unavailable, 2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(source(9, 0.0).delay(unavailable, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(source(9, 1.0).delay(unavailable, 10)).isEqualTo(Duration.ofSeconds(8));
        assertThat(source(9, 1.0).delay(unavailable, 63)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void sourceRequests_delay_honoursRetryAfter_cappedAtMaxRetryAfter() {
        assertThat(source(3, 0.5).delay(status(429, Duration.ofSeconds(7)), 0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(source(3, 0.5).delay(status(429, Duration.ofHours(1)), 0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void sourceRequests_retry_waitsTheBackoffBetweenAttempts() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> calls.incrementAndGet() <= 2
                                ? Mono.<String>error(status(503, null))
                                : Mono.just("ok"))
                        .retryWhen(source(3, 1.0).retry("source request")))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNoEvent(Duration.ofMillis(1999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("ok")
                .expectComplete()
                .verify(VERIFY);
        assertThat(calls).hasValue(3);
    }

    @Test
    void sourceRequests_retry_honoursRetryAfterOfA429() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> calls.incrementAndGet() == 1
                                ? Mono.<String>error(status(429, Duration.ofSeconds(30)))
                                : Mono.just("ok"))
                        .retryWhen(source(3, 1.0).retry("source request")))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(29))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext("ok")
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void sourceRequests_retry_givesUpAfterRetryCount_sayingHowManyAttempts() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                    calls.incrementAndGet();
                    return Mono.<String>error(status(500, null));
                }).retryWhen(source(2, 0.0).retry("source request")))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(1))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(HttpStatusException.class);
                    assertThat(((HttpStatusException) error).attempts()).isEqualTo(3);
                    assertThat(error.getMessage()).contains("GET /x answered 500").contains("gave up after 3 attempts");
                })
                .verify(VERIFY);
        assertThat(calls).hasValue(3);
    }

    @Test
    void sourceRequests_retry_doesNotRetryPermanentFailuresNorForeignErrors() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.create(Mono.defer(() -> {
                    calls.incrementAndGet();
                    return Mono.<String>error(status(404, null));
                }).retryWhen(source(3, 0.0).retry("source request")))
                .expectErrorSatisfies(error -> assertThat(((HttpStatusException) error).status()).isEqualTo(404))
                .verify(VERIFY);
        assertThat(calls).hasValue(1);
        assertThat(source(3, 0.0).retriable(new IllegalStateException("not an HTTP failure"))).isFalse();
        assertThat(source(3, 0.0).retriable(new HttpTransportException("GET", "/x", new SocketTimeoutException("read"), true)))
                .as("a source's timeouts are retried").isTrue();
    }

    @Test
    void sourceRequests_retry_zeroRetries_failsOnTheFirstError() {
        StepVerifier.create(Mono.<String>error(status(503, null)).retryWhen(source(0, 0.0).retry("source request")))
                .expectErrorSatisfies(error -> assertThat(((HttpStatusException) error).attempts()).isEqualTo(1))
                .verify(VERIFY);
    }

    // ---- the poll loop: elasticsearch.initial_backoff_duration, backoff_multiplier ----

    @Test
    void controlIndexPolls_followInitialBackoffAndMultiplier_cappedAndNeverBelowIdling() {
        RetryPolicy.Listener quiet = attempt -> { };
        RetryPolicy defaults = RetryPolicy.controlIndexPolls(config("  host: http://localhost:9200\n").elasticsearch(),
                Duration.ofMillis(300), quiet);
        RetryPolicy custom = RetryPolicy.controlIndexPolls(config("  initial_backoff_duration: 2\n  backoff_multiplier: 3\n").elasticsearch(),
                Duration.ofMillis(300), quiet);
        RetryPolicy slowIdling = RetryPolicy.controlIndexPolls(config("  host: http://localhost:9200\n").elasticsearch(),
                Duration.ofSeconds(5), quiet);
        Throwable down = new ConnectException("Connection refused");

        assertThat(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L)).map(n -> defaults.delay(down, n).toSeconds())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(List.of(0L, 1L, 2L, 3L)).map(n -> custom.delay(down, n).toSeconds()).containsExactly(2L, 6L, 18L, 30L);
        assertThat(slowIdling.delay(down, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.maxRetries()).as("a daemon keeps polling").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void controlIndexPolls_zeroInitialBackoff_pollsAgainEveryIdling() {
        RetryPolicy policy = RetryPolicy.controlIndexPolls(config("  initial_backoff_duration: 0\n").elasticsearch(),
                Duration.ofSeconds(2), attempt -> { });

        assertThat(List.of(0L, 5L, 20L, 60L)).map(n -> policy.delay(new ConnectException("refused"), n))
                .containsOnly(Duration.ofSeconds(2));
    }

    @Test
    void backoff_exponentialWithJitter_staysBetweenTheFixedShareAndTheWhole() {
        Backoff.Exponential equal = Backoff.exponential(Duration.ofSeconds(1), 3, Duration.ofSeconds(60)).withJitter(0.5);

        assertThat(equal.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(4_500));
        assertThat(equal.delay(2, () -> 1.0)).isEqualTo(Duration.ofSeconds(9));
        assertThat(equal.delay(9, () -> 1.0)).as("capped").isEqualTo(Duration.ofSeconds(60));
        assertThat(Backoff.linear(Duration.ofMillis(250)).delay(3, () -> 0.7)).as("linear: no jitter").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void controlIndexPolls_anyFailure_retriedUntilAPollSucceeds_tellingTheListenerEachTime() {
        List<RetryPolicy.Attempt> told = new ArrayList<>();
        RetryPolicy policy = RetryPolicy.controlIndexPolls(config("  host: http://localhost:9200\n").elasticsearch(),
                Duration.ofMillis(300), told::add);
        AtomicInteger polls = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> Mono.defer(() -> polls.incrementAndGet() <= 4
                                ? Mono.<String>error(new IllegalStateException("index .elastic-connectors unreadable"))
                                : Mono.just("polled"))
                        .retryWhen(policy.retry("poll")))
                .thenAwait(Duration.ofSeconds(1 + 2 + 4 + 8))
                .expectNext("polled")
                .expectComplete()
                .verify(VERIFY);

        assertThat(told).extracting(RetryPolicy.Attempt::retry).containsExactly(1L, 2L, 3L, 4L);
        assertThat(told).extracting(attempt -> attempt.delay().toSeconds()).containsExactly(1L, 2L, 4L, 8L);
        assertThat(told).allSatisfy(attempt -> assertThat(attempt.what()).isEqualTo("poll"));
    }

    // ---- Retry-After ----

    @Test
    void retryAfter_readsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("5", clock)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse(" 0 ", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 10:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse("-3", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }

    @Test
    void of_isImmutable_withCopiesLeaveTheOriginalAsItWas() {
        RetryPolicy base = RetryPolicy.of(2, Backoff.linear(Duration.ofSeconds(1)));
        RetryPolicy strict = base.retrying(failure -> false).withRetryOnTimeout(false);

        assertThat(base.retriable(new SocketTimeoutException("slow"))).isTrue();
        assertThat(strict.retriable(new SocketTimeoutException("slow"))).isFalse();
        assertThat(base.delay(new IOException("x"), 1)).as("no Retry-After reader: the backoff").isEqualTo(Duration.ofSeconds(2));
    }
}
