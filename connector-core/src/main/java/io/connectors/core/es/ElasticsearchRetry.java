package io.connectors.core.es;

import io.connectors.core.config.ElasticsearchConfig;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The retry policy of requests to Elasticsearch other than bulk writes, from config.yml's {@code elasticsearch} keys
 * with Elastic's meaning: up to {@code max_retries} retries of a retriable failure ({@link ElasticsearchErrors#retriable}),
 * the n-th after {@code retry_interval × n} (Elastic's linear backoff), timeouts retried only with
 * {@code retry_on_timeout}, or after the {@code Retry-After} an answer asks for (at most 5 minutes); and the backoff of a daemon that cannot reach Elasticsearch, from
 * {@code initial_backoff_duration} and {@code backoff_multiplier}. Immutable; waits run on Reactor's parallel
 * scheduler, so virtual-time tests drive them.
 */
public record ElasticsearchRetry(int maxRetries, Duration retryInterval, boolean retryOnTimeout,
                                 Duration initialBackoff, double backoffMultiplier) {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchRetry.class);

    public static ElasticsearchRetry from(ElasticsearchConfig config) {
        return new ElasticsearchRetry(config.maxRetries(), config.retryInterval(), config.retryOnTimeout(),
                config.initialBackoffDuration(), config.backoffMultiplier());
    }

    /** A {@link Retry} for {@code what} (named in the warning logged before each retry). */
    public Retry requests(String what) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long retries = signal.totalRetries();
            if (!shouldRetry(failure) || retries >= maxRetries) {
                return Mono.error(failure);
            }
            Duration asked = retryAfter(failure);
            Duration wait = asked != null ? (asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked)
                    : retryInterval.multipliedBy(retries + 1);
            log.warn("{} failed ({}); retry {} of {} in {} s", what, ElasticsearchErrors.describe(failure), retries + 1,
                    maxRetries, wait.toSeconds());
            return Mono.delay(wait).thenReturn(retries);
        }));
    }

    boolean shouldRetry(Throwable failure) {
        return ElasticsearchErrors.retriable(failure) && (retryOnTimeout || !isTimeout(failure));
    }

    /**
     * The wait before the next poll after {@code failedPolls} failures in a row: {@code initial × multiplier^(n-1)},
     * at most {@code cap}, never below {@code idling} (a daemon never polls faster than it is told to).
     */
    public Duration pollDelay(int failedPolls, Duration idling, Duration cap) {
        if (failedPolls == 0) {
            return idling;
        }
        double millis = initialBackoff.toMillis() * Math.pow(backoffMultiplier, Math.min(failedPolls - 1, 60));
        Duration backoff = millis >= cap.toMillis() ? cap : Duration.ofMillis(Math.round(millis));
        return backoff.compareTo(idling) > 0 ? backoff : idling;
    }

    /** The longest {@code Retry-After} honoured: a proxy asking for more is asked again after this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /**
     * The wait a {@code Retry-After} header of the failed answer asks for, in delay-seconds (what Elasticsearch and the
     * proxies in front of it send); null when there is none.
     */
    static @org.jspecify.annotations.Nullable Duration retryAfter(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof co.elastic.clients.transport.rest5_client.low_level.ResponseException response) {
                String header = response.getResponse().getHeader("Retry-After");
                if (header != null && header.strip().matches("[0-9]{1,9}")) {
                    return Duration.ofSeconds(Long.parseLong(header.strip()));
                }
                return null;
            }
        }
        return null;
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SocketTimeoutException || e instanceof TimeoutException
                    || e.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
