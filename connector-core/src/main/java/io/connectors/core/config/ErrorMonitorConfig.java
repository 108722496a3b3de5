package io.connectors.core.config;

/**
 * {@code elasticsearch.bulk.error_monitor}: when a sync gives up because too many documents fail.
 *
 * @param enabled              whether the limits below fail a sync at all
 * @param maxTotalErrors       document errors in one sync that fail it
 * @param maxConsecutiveErrors document errors in a row that fail the sync
 * @param maxErrorRate         error ratio, 0 to 1, over the last {@code errorWindowSize} documents that fails the sync
 * @param errorWindowSize      documents the error rate is computed over
 * @param errorQueueSize       most recent errors kept for the failure report
 */
public record ErrorMonitorConfig(
        boolean enabled,
        int maxTotalErrors,
        int maxConsecutiveErrors,
        double maxErrorRate,
        int errorWindowSize,
        int errorQueueSize) {
}
