package io.connectors.core.sync;

/**
 * When a sync gives up on item failures, as Elastic's {@code elasticsearch.bulk.error_monitor}: more than
 * {@code maxTotalErrors} in all, more than {@code maxConsecutiveErrors} in a row, or a failure rate above
 * {@code maxErrorRate} over the last {@code windowSize} results. The first {@code queueSize} errors are kept for
 * the report.
 */
public record ErrorMonitorSettings(boolean enabled, int maxTotalErrors, int maxConsecutiveErrors, double maxErrorRate,
                                   int windowSize, int queueSize) {

    public static ErrorMonitorSettings defaults() {
        return new ErrorMonitorSettings(true, 1000, 10, 0.15, 100, 10);
    }
}
