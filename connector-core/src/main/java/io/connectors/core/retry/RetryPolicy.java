package io.connectors.core.retry;

import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.SourceHttpException;
import io.connectors.core.config.BulkConfig;
import io.connectors.core.config.ElasticsearchConfig;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.metrics.Meters;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The one retry policy of the runtime: up to {@link #maxRetries()} retries of a failure the policy deems retriable
 * (a predicate; a timeout only when timeouts are retried), each after the {@code Retry-After} the failed answer asked
 * for (at most a cap) or else after the {@link Backoff}'s wait, with a hook that logs and counts each retry. When
 * retries run out, or the failure is not retriable, the failure itself ends the sequence (after an optional mapping
 * that can say how many attempts were made).
 *
 * <p>Immutable, like Reactor's {@code RetryBackoffSpec}: the {@code with*} methods return a changed copy. {@link #retry}
 * gives the Reactor {@link Retry} for {@code retryWhen}; its waits run on Reactor's parallel scheduler, so virtual-time
 * tests drive them. The factories build the policy of each use from its keys:
 * <ul>
 *   <li>{@link #elasticsearchRequests}: requests to Elasticsearch other than bulk writes, from {@code elasticsearch.*};</li>
 *   <li>{@link #bulkRequests}: bulk requests (and the items a bulk answer throttled), from {@code elasticsearch.bulk.*};</li>
 *   <li>{@link #sourceRequests}: a source's HTTP requests, from its {@link HttpClientSettings};</li>
 *   <li>{@link #controlIndexPolls}: the daemon's polls of the control indices while Elasticsearch fails them.</li>
 * </ul>
 */
public final class RetryPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

    /** The longest {@code Retry-After} an Elasticsearch answer is honoured for: a proxy asking for more is asked again after this. */
    static final Duration MAX_ELASTICSEARCH_RETRY_AFTER = Duration.ofMinutes(5);
    /** The longest wait between two polls of the control indices that fail. */
    static final Duration MAX_POLL_BACKOFF = Duration.ofSeconds(30);

    /** What a policy calls before each retry, to log and count it. */
    @FunctionalInterface
    public interface Listener {
        void beforeRetry(Attempt attempt);
    }

    /**
     * One retry about to happen.
     *
     * @param what       what is retried, as the caller named it ("bulk to my-index")
     * @param failure    the failure that is retried
     * @param retry      which retry this is, from 1
     * @param maxRetries the most retries the policy makes ({@link Long#MAX_VALUE}: no limit)
     * @param delay      how long before the retry
     */
    public record Attempt(String what, Throwable failure, long retry, long maxRetries, Duration delay) {}

    private final long maxRetries;
    private final Backoff backoff;
    private final Predicate<Throwable> retriable;
    private final boolean retryOnTimeout;
    private final Function<Throwable, @Nullable Duration> retryAfter;
    private final Duration maxRetryAfter;
    private final Listener listener;
    private final BiFunction<Throwable, Long, Throwable> onGiveUp;
    private final DoubleSupplier random;

    private RetryPolicy(long maxRetries, Backoff backoff, Predicate<Throwable> retriable, boolean retryOnTimeout,
                        Function<Throwable, @Nullable Duration> retryAfter, Duration maxRetryAfter, Listener listener,
                        BiFunction<Throwable, Long, Throwable> onGiveUp, DoubleSupplier random) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must not be negative, got " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.retriable = Objects.requireNonNull(retriable, "retriable");
        this.retryOnTimeout = retryOnTimeout;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.onGiveUp = Objects.requireNonNull(onGiveUp, "onGiveUp");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Up to {@code maxRetries} retries of any failure, timeouts included, waiting as {@code backoff} says; no
     * {@code Retry-After} is read; each retry is logged at WARN.
     */
    public static RetryPolicy of(long maxRetries, Backoff backoff) {
        return new RetryPolicy(maxRetries, backoff, failure -> true, true, failure -> null, Duration.ZERO,
                RetryPolicy::logWarning, (failure, attempts) -> failure, () -> ThreadLocalRandom.current().nextDouble());
    }

    // ---- the factories: one per use, each from its keys ----

    /**
     * Requests to Elasticsearch other than bulk writes (here: a job's outcome on the control indices), as Elastic
     * retries them: {@code elasticsearch.max_retries} retries of throttling, 5xx and lost connections, the n-th after
     * {@code retry_interval × n}; a timed-out request only with {@code retry_on_timeout}; an answer's
     * {@code Retry-After} honoured up to 5 minutes.
     */
    public static RetryPolicy elasticsearchRequests(ElasticsearchConfig es) {
        return of(es.maxRetries(), Backoff.linear(es.retryInterval()))
                .retrying(ElasticsearchErrors::retriable)
                .withRetryOnTimeout(es.retryOnTimeout())
                .withRetryAfter(RetryPolicy::elasticsearchRetryAfter, MAX_ELASTICSEARCH_RETRY_AFTER)
                .withListener(RetryPolicy::logElasticsearchRetry);
    }

    /** {@link #bulkRequests(int, Duration)} from {@code elasticsearch.bulk.max_retries} and {@code retry_interval}. */
    public static RetryPolicy bulkRequests(BulkConfig bulk) {
        return bulkRequests(bulk.maxRetries(), bulk.retryInterval());
    }

    /**
     * Bulk requests (and every other request of the Elasticsearch sink to its content index): {@code maxRetries}
     * retries of throttling, 5xx and lost connections (timeouts included: bulk writes by id are idempotent), the n-th
     * after {@code retryInterval × n} as Elastic's bulk retries; an answer's {@code Retry-After} honoured up to
     * 5 minutes. The sink uses {@link #backoff(long)} and {@link #maxRetries()} of the same policy for the items a
     * bulk answer throttled, which it sends again alone.
     */
    public static RetryPolicy bulkRequests(int maxRetries, Duration retryInterval) {
        return of(maxRetries, Backoff.linear(retryInterval))
                .retrying(ElasticsearchErrors::retriable)
                .withRetryAfter(RetryPolicy::elasticsearchRetryAfter, MAX_ELASTICSEARCH_RETRY_AFTER)
                .withListener(RetryPolicy::logElasticsearchRetry);
    }

    /**
     * A source's HTTP requests: {@code retryCount} retries of what {@link SourceHttpException#retriable()} says
     * (429, 408, 500, 502, 503, 504, I/O errors and timeouts), after the answer's {@code Retry-After} (at most
     * {@code maxRetryAfter}) or else {@code initialBackoff × 2^n} capped at {@code maxBackoff}, with equal jitter (half
     * fixed, half random, so that many clients throttled together do not come back together). Each retry is counted
     * in {@code connectors.source.retries}; the error that ends the retries says how many attempts were made.
     */
    public static RetryPolicy sourceRequests(HttpClientSettings settings) {
        // at least 1 ms to start from, so that a zero initial backoff still grows
        Duration initial = settings.initialBackoff().compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : settings.initialBackoff();
        return of(settings.retryCount(), Backoff.exponential(initial, 2, settings.maxBackoff()).withJitter(0.5))
                .retrying(failure -> failure instanceof SourceHttpException http && http.retriable())
                .withRetryAfter(failure -> failure instanceof HttpStatusException status ? status.retryAfter() : null,
                        settings.maxRetryAfter())
                .withListener(RetryPolicy::countSourceRetry)
                .withGiveUp((failure, attempts) -> failure instanceof SourceHttpException http && attempts > 1
                        ? http.withAttempts((int) Math.min(attempts, Integer.MAX_VALUE)) : failure);
    }

    /**
     * The daemon's polls of the control indices while they fail (Elasticsearch down): retried without limit, whatever
     * the failure, the n-th after {@code initial_backoff_duration × backoff_multiplier^(n-1)}, at most 30 s and never
     * less than {@code idling} (a daemon never polls faster than it is told to). The caller logs (its listener).
     */
    public static RetryPolicy controlIndexPolls(ElasticsearchConfig es, Duration idling, Listener listener) {
        return of(Long.MAX_VALUE, Backoff.exponential(es.initialBackoffDuration(), es.backoffMultiplier(), MAX_POLL_BACKOFF)
                .atLeast(idling))
                .withListener(listener);
    }

    // ---- changed copies ----

    /** Only failures {@code retriable} accepts are retried. */
    public RetryPolicy retrying(Predicate<Throwable> retriable) {
        return new RetryPolicy(maxRetries, backoff, retriable, retryOnTimeout, retryAfter, maxRetryAfter, listener, onGiveUp, random);
    }

    /** Whether a failure caused by a timeout is retried (when the predicate accepts it). */
    public RetryPolicy withRetryOnTimeout(boolean retry) {
        return new RetryPolicy(maxRetries, backoff, retriable, retry, retryAfter, maxRetryAfter, listener, onGiveUp, random);
    }

    /** Waits what {@code reader} finds in a failure (its answer's {@code Retry-After}), at most {@code max}, instead of the backoff. */
    public RetryPolicy withRetryAfter(Function<Throwable, @Nullable Duration> reader, Duration max) {
        return new RetryPolicy(maxRetries, backoff, retriable, retryOnTimeout, reader, max, listener, onGiveUp, random);
    }

    public RetryPolicy withListener(Listener hook) {
        return new RetryPolicy(maxRetries, backoff, retriable, retryOnTimeout, retryAfter, maxRetryAfter, hook, onGiveUp, random);
    }

    /** The error that ends the sequence, from the last failure and the attempts made (1 when it was not retried). */
    public RetryPolicy withGiveUp(BiFunction<Throwable, Long, Throwable> mapping) {
        return new RetryPolicy(maxRetries, backoff, retriable, retryOnTimeout, retryAfter, maxRetryAfter, listener, mapping, random);
    }

    /** For tests: the draws of the jitter, in [0, 1]. */
    RetryPolicy withRandom(DoubleSupplier draws) {
        return new RetryPolicy(maxRetries, backoff, retriable, retryOnTimeout, retryAfter, maxRetryAfter, listener, onGiveUp, draws);
    }

    // ---- what the policy decides ----

    public long maxRetries() {
        return maxRetries;
    }

    /** Whether {@code failure} is worth another attempt at all (retries left aside). */
    public boolean retriable(Throwable failure) {
        return retriable.test(failure) && (retryOnTimeout || !isTimeout(failure));
    }

    /** The wait before retry number {@code retryIndex + 1} after {@code failure}: its {@code Retry-After} (capped), else the backoff. */
    public Duration delay(Throwable failure, long retryIndex) {
        Duration asked = retryAfter.apply(failure);
        if (asked != null) {
            return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
        }
        return backoff(retryIndex);
    }

    /** The backoff's wait before retry number {@code retryIndex + 1}, for retries that carry no answer to read. */
    public Duration backoff(long retryIndex) {
        return backoff.delay(retryIndex, random);
    }

    /** The policy as a Reactor {@link Retry}; {@code what} names the retried operation in the listener's log line. */
    public Retry retry(String what) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long retries = signal.totalRetries();
            if (retries >= maxRetries || !retriable(failure)) {
                return Mono.error(onGiveUp.apply(failure, retries + 1));
            }
            Duration wait = delay(failure, retries);
            listener.beforeRetry(new Attempt(what, failure, retries + 1, maxRetries, wait));
            return Mono.delay(wait).thenReturn(retries);
        }));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + (maxRetries == Long.MAX_VALUE ? "unlimited" : maxRetries) + ", backoff=" + backoff
                + ", retryOnTimeout=" + retryOnTimeout + ", maxRetryAfter=" + maxRetryAfter + "]";
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

    /** Delay-seconds or an HTTP-date in the {@code Retry-After} of an Elasticsearch answer (a proxy's, most often). */
    static @Nullable Duration elasticsearchRetryAfter(Throwable failure) {
        return RetryAfter.parse(ElasticsearchErrors.retryAfterHeader(failure), Clock.systemUTC());
    }

    private static void logWarning(Attempt attempt) {
        log.warn("{} failed ({}); retry {} of {} in {}", attempt.what(), attempt.failure(), attempt.retry(),
                attempt.maxRetries(), readable(attempt.delay()));
    }

    private static void logElasticsearchRetry(Attempt attempt) {
        log.warn("{} failed ({}); retry {} of {} in {}", attempt.what(), ElasticsearchErrors.describe(attempt.failure()),
                attempt.retry(), attempt.maxRetries(), readable(attempt.delay()));
    }

    private static void countSourceRetry(Attempt attempt) {
        Throwable failure = attempt.failure();
        Meters.sourceRetry(failure instanceof HttpStatusException status ? status.status() == 429 ? "429" : "5xx" : "io");
        // the message names method, path and status, never a credential
        log.warn("{}; retry {} of {} in {}", failure.getMessage(), attempt.retry(), attempt.maxRetries(), readable(attempt.delay()));
    }

    /** "250 ms", "12.5 s". */
    static String readable(Duration wait) {
        long millis = wait.toMillis();
        return millis < 1_000 ? millis + " ms" : (millis % 1_000 == 0 ? millis / 1_000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1e3));
    }
}
