package io.connectors.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code elasticsearch.bulk}: how documents are batched into bulk requests. Sizes named {@code *MemSize} and
 * {@code maxTextDocumentSize} are MiB, as in Elastic's file; the {@code *Bytes()} methods convert.
 *
 * @param queueMaxSize        documents the bulk queue holds before producers wait
 * @param queueMaxMemSize     MiB the bulk queue holds before producers wait
 * @param chunkSize           most documents in one bulk request
 * @param maxConcurrency      most bulk requests in flight
 * @param chunkMaxMemSize     most MiB in one bulk request; it is sent early when reached
 * @param maxTextDocumentSize most MiB of text in one document
 * @param maxRetries          retries of a failed bulk request
 * @param retryInterval       wait between bulk retries
 * @param concurrentDownloads most downloads in flight in one sync
 * @param errorMonitor        when a sync gives up on failing documents
 * @param initialLoadSettings whether a full sync into an empty index pauses its refresh (and replica) until it ends
 */
public record BulkConfig(
        int queueMaxSize,
        int queueMaxMemSize,
        int chunkSize,
        int maxConcurrency,
        int chunkMaxMemSize,
        int maxTextDocumentSize,
        int maxRetries,
        Duration retryInterval,
        int concurrentDownloads,
        ErrorMonitorConfig errorMonitor,
        boolean initialLoadSettings) {

    private static final long MIB = 1024L * 1024L;

    public BulkConfig {
        Objects.requireNonNull(retryInterval, "retryInterval");
        Objects.requireNonNull(errorMonitor, "errorMonitor");
    }

    public long queueMaxMemBytes() {
        return queueMaxMemSize * MIB;
    }

    public long chunkMaxMemBytes() {
        return chunkMaxMemSize * MIB;
    }

    public long maxTextDocumentBytes() {
        return maxTextDocumentSize * MIB;
    }
}
