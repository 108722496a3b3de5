package io.connectors.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The daemon's meters, in one place so that their names and tags stay consistent. They record into Micrometer's
 * global registry: a no-op until the daemon's listener adds its Prometheus registry ({@code GET /metrics}), so the
 * engine, the sink and the HTTP client count at no cost when nobody scrapes them. Names follow Micrometer's dotted
 * convention; the Prometheus registry renders them as {@code connectors_..._total}, {@code ..._seconds}.
 */
public final class Meters {

    private Meters() {
    }

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** A sync job ended with {@code status} (completed, error, canceled, suspended). */
    public static void jobEnded(String jobType, String status) {
        Counter.builder("connectors.jobs").description("Sync jobs this daemon ended, by type and final status")
                .tag("type", jobType).tag("status", status).register(registry()).increment();
    }

    /** Documents written or deleted, by a sync job ({@code origin=sync}) or a webhook event ({@code origin=webhook}). */
    public static void documents(String origin, long indexed, long deleted) {
        if (indexed > 0) {
            Counter.builder("connectors.documents.indexed").description("Documents indexed (created or updated)")
                    .tag("origin", origin).register(registry()).increment(indexed);
        }
        if (deleted > 0) {
            Counter.builder("connectors.documents.deleted").description("Documents deleted")
                    .tag("origin", origin).register(registry()).increment(deleted);
        }
    }

    /** One bulk request's round trip, retries of throttled items excluded. */
    public static void bulk(Duration latency, boolean succeeded) {
        Timer.builder("connectors.bulk.latency").description("Round trip of one bulk request")
                .tag("outcome", succeeded ? "ok" : "error").publishPercentileHistogram(false)
                .register(registry()).record(latency);
    }

    /** One request to a source, by its HTTP status (or {@code io} when none came back). */
    public static void sourceRequest(String status) {
        Counter.builder("connectors.source.requests").description("Requests to sources, by status")
                .tag("status", status).register(registry()).increment();
    }

    /** A request to a source retried; {@code reason} is {@code 429}, {@code 5xx} or {@code io}. */
    public static void sourceRetry(String reason) {
        Counter.builder("connectors.source.retries").description("Requests to sources retried, by reason")
                .tag("reason", reason).register(registry()).increment();
    }

    /** One webhook event by the source's event type and what became of it. */
    public static void webhookEvent(String type, String outcome) {
        Counter.builder("connectors.webhook.events").description("Webhook events, by type and outcome")
                .tag("type", type).tag("outcome", outcome).register(registry()).increment();
    }

    /** Time from a webhook's arrival to its documents written and refreshed. */
    public static void webhookLatency(Duration latency) {
        Timer.builder("connectors.webhook.latency").description("Webhook arrival to documents searchable")
                .register(registry()).record(latency);
    }
}
