package io.connectors.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.http.HttpStatusException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RetryPolicyTest {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    private static RetryPolicy policy(int retries, double random) {
        return new RetryPolicy(retries, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(60), () -> random);
    }

    private static HttpStatusException status(int code, Duration retryAfter) {
        return new HttpStatusException("GET", "/x", code, "", retryAfter);
    }

    @Test
    void delay_growsExponentiallyWithEqualJitter_andIsCapped() {
        HttpStatusException unavailable = status(503, null);
        assertThat(policy(9, 0.0).delay(unavailable, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy(9, 1.0).delay(unavailable, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy(9, 1.0).delay(unavailable, 2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy(9, 0.0).delay(unavailable, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy(9, 1.0).delay(unavailable, 10)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy(9, 1.0).delay(unavailable, 63)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void delay_honoursRetryAfter_cappedAtTheMaximum() {
        assertThat(policy(3, 0.5).delay(status(429, Duration.ofSeconds(7)), 0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy(3, 0.5).delay(status(429, Duration.ofHours(1)), 0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void parseRetryAfter_readsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryPolicy.parseRetryAfter("5", clock)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("Sat, 01 Mar 2025 10:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Sat, 01 Mar 2025 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", clock)).isNull();
        assertThat(RetryPolicy.parseRetryAfter("-3", clock)).isNull();
        assertThat(RetryPolicy.parseRetryAfter(null, clock)).isNull();
    }

    @Test
    void retry_waitsTheBackoffBetweenAttempts_inVirtualTime() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> calls.incrementAndGet() <= 2
                        ? Mono.<String>error(status(503, null))
                        : Mono.just("ok"))
                        .retryWhen(policy(3, 1.0).retry()))
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
    void retry_honoursRetryAfterOfA429_inVirtualTime() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> calls.incrementAndGet() == 1
                        ? Mono.<String>error(status(429, Duration.ofSeconds(30)))
                        : Mono.just("ok"))
                        .retryWhen(policy(3, 1.0).retry()))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(29))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext("ok")
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void retry_givesUpAfterRetryCount_sayingHowManyAttempts() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                    calls.incrementAndGet();
                    return Mono.<String>error(status(500, null));
                }).retryWhen(policy(2, 0.0).retry()))
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
    void retry_doesNotRetryPermanentFailures() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.create(Mono.defer(() -> {
                    calls.incrementAndGet();
                    return Mono.<String>error(status(404, null));
                }).retryWhen(policy(3, 0.0).retry()))
                .expectErrorSatisfies(error -> assertThat(((HttpStatusException) error).status()).isEqualTo(404))
                .verify(VERIFY);
        assertThat(calls).hasValue(1);
    }

    @Test
    void retry_zeroRetries_failsOnTheFirstError() {
        StepVerifier.create(Mono.<String>error(status(503, null)).retryWhen(policy(0, 0.0).retry()))
                .expectErrorSatisfies(error -> assertThat(((HttpStatusException) error).attempts()).isEqualTo(1))
                .verify(VERIFY);
    }
}
