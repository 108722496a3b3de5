package io.connectors.core.http;

import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.SourceHttpException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The one retry policy of {@link SourceHttpClient}: retriable failures ({@link SourceHttpException#retriable()}) are
 * retried up to {@code retryCount} times; the wait is the server's {@code Retry-After} when it gave one (capped),
 * else exponential backoff with equal jitter: half of {@code min(max, initial * 2^n)} plus a random share of the other
 * half. Immutable; waits run on Reactor's parallel scheduler, so virtual-time tests can drive them.
 */
final class RetryPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

    private final int retryCount;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    RetryPolicy(int retryCount, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, DoubleSupplier random) {
        this.retryCount = retryCount;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    static RetryPolicy of(HttpClientSettings settings) {
        return new RetryPolicy(settings.retryCount(), settings.initialBackoff(), settings.maxBackoff(),
                settings.maxRetryAfter(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait before retry number {@code retryIndex + 1} after {@code failure}. */
    Duration delay(SourceHttpException failure, long retryIndex) {
        if (failure instanceof HttpStatusException status && status.retryAfter() != null) {
            Duration asked = status.retryAfter();
            return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
        }
        long initial = Math.max(1, initialBackoff.toMillis());
        long exponential = retryIndex >= 30 ? Long.MAX_VALUE : initial << retryIndex;
        long capped = Math.min(maxBackoff.toMillis(), exponential);
        long half = capped / 2;
        return Duration.ofMillis(half + Math.round(random.getAsDouble() * (capped - half)));
    }

    Retry retry() {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long retries = signal.totalRetries();
            if (!(failure instanceof SourceHttpException http)) {
                return Mono.error(failure);
            }
            if (!http.retriable() || retries >= retryCount) {
                return Mono.error(retries == 0 ? http : http.withAttempts((int) retries + 1));
            }
            Duration wait = delay(http, retries);
            io.connectors.core.metrics.Meters.sourceRetry(http instanceof io.connectors.api.http.HttpStatusException status
                    ? status.status() == 429 ? "429" : "5xx" : "io");
            log.warn("{}; retry {} of {} in {} ms", http.getMessage(), retries + 1, retryCount, wait.toMillis());
            return Mono.delay(wait).thenReturn(retries);
        }));
    }

    /**
     * The wait a {@code Retry-After} header asks for: delay-seconds or an HTTP-date; null when absent or unreadable.
     * A date in the past means "now".
     */
    static @Nullable Duration parseRetryAfter(@Nullable String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            // an HTTP-date then
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
