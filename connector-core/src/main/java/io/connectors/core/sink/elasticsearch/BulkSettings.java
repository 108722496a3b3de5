package io.connectors.core.sink.elasticsearch;

import io.connectors.core.retry.RetryPolicy;
import java.time.Duration;

/**
 * How the Elasticsearch sink batches and retries, from {@code elasticsearch.bulk} in config.yml.
 *
 * @param chunkSize      operations per bulk request at most ({@code chunk_size})
 * @param chunkMaxBytes  bytes per bulk request at most ({@code chunk_max_mem_size}, in MiB there)
 * @param maxConcurrency bulk requests in flight at once ({@code max_concurrency})
 * @param maxRetries     retries of a throttled or failed request, and of throttled items ({@code max_retries})
 * @param retryInterval  the wait before the first of those retries; the n-th waits n times it ({@code retry_interval},
 *                       Elastic's linear backoff; see {@link #retryPolicy()})
 * @param bulkLoadSettings whether a full sync into an empty index runs it without periodic refresh (and without
 *                       replica when the sync created it), restored at the end
 *                       ({@code elasticsearch.bulk.initial_load_settings})
 */
public record BulkSettings(int chunkSize, long chunkMaxBytes, int maxConcurrency, int maxRetries, Duration retryInterval,
                           boolean bulkLoadSettings) {

    public BulkSettings {
        if (chunkSize < 1 || chunkMaxBytes < 1 || maxConcurrency < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("bulk settings must be positive: " + chunkSize + ", " + chunkMaxBytes
                    + ", " + maxConcurrency + ", " + maxRetries);
        }
    }

    public BulkSettings(int chunkSize, long chunkMaxBytes, int maxConcurrency, int maxRetries, Duration retryInterval) {
        this(chunkSize, chunkMaxBytes, maxConcurrency, maxRetries, retryInterval, true);
    }

    /** The sink's retry policy, from {@code maxRetries} and {@code retryInterval}: {@link RetryPolicy#bulkRequests(int, Duration)}. */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.bulkRequests(maxRetries, retryInterval);
    }

    /** Elastic's defaults: 500 operations, 3 MiB, 5 in flight, 5 retries from 10 s. */
    public static BulkSettings defaults() {
        return new BulkSettings(500, 3L << 20, 5, 5, Duration.ofSeconds(10));
    }

    public BulkSettings withRetryInterval(Duration interval) {
        return new BulkSettings(chunkSize, chunkMaxBytes, maxConcurrency, maxRetries, interval, bulkLoadSettings);
    }

    public BulkSettings withChunkSize(int size) {
        return new BulkSettings(size, chunkMaxBytes, maxConcurrency, maxRetries, retryInterval, bulkLoadSettings);
    }

    public BulkSettings withBulkLoadSettings(boolean value) {
        return new BulkSettings(chunkSize, chunkMaxBytes, maxConcurrency, maxRetries, retryInterval, value);
    }
}
