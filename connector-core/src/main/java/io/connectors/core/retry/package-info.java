/**
 * The one retry policy of the runtime ({@link io.connectors.core.retry.RetryPolicy}): how many retries, the wait
 * schedule ({@link io.connectors.core.retry.Backoff}), {@code Retry-After} honoured up to a cap
 * ({@link io.connectors.core.retry.RetryAfter}), which failures are retriable, whether timeouts are, and what is logged
 * and counted before each retry. Its factories build it from config.yml's {@code elasticsearch} and
 * {@code elasticsearch.bulk} keys and from a source's {@link io.connectors.api.http.HttpClientSettings}; the HTTP
 * client, the Elasticsearch sink and the daemon apply it, it knows none of them.
 */
@NullMarked
package io.connectors.core.retry;

import org.jspecify.annotations.NullMarked;
