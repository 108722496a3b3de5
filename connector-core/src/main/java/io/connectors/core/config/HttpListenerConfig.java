package io.connectors.core.config;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code service.http}: the daemon's HTTP listener (webhooks, {@code /health}, {@code /metrics}). Off unless
 * {@code port} is set.
 *
 * @param port              port to listen on; null: no listener; 0: any free port (tests)
 * @param host              address to bind; loopback unless an operator opens it
 * @param tlsCertificate    PEM certificate (chain) for HTTPS; set together with {@code tlsKey}
 * @param tlsKey            PEM private key (PKCS#8) for HTTPS
 * @param maxBodySize       largest request body accepted, in bytes; larger ones are answered 413
 * @param webhookQueueSize  subjects (e.g. issues) waiting to be fetched; beyond it the connector gets an
 *                          incremental sync queued instead
 * @param webhookConcurrency subjects fetched and written at once
 * @param webhookCoalesceWindow how long the first event of a subject waits for more of the same subject before the
 *                          fetch (Jira sends several events for one change)
 */
public record HttpListenerConfig(@Nullable Integer port, String host, @Nullable Path tlsCertificate, @Nullable Path tlsKey,
                                 long maxBodySize, int webhookQueueSize, int webhookConcurrency,
                                 java.time.Duration webhookCoalesceWindow) {

    public HttpListenerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(webhookCoalesceWindow, "webhookCoalesceWindow");
    }

    /** No listener: the defaults without a port. */
    public static HttpListenerConfig off() {
        return new HttpListenerConfig(null, "127.0.0.1", null, null, 1L << 20, 1000, 16, java.time.Duration.ofMillis(250));
    }

    public boolean enabled() {
        return port != null;
    }

    public HttpListenerConfig withPort(int value) {
        return new HttpListenerConfig(value, host, tlsCertificate, tlsKey, maxBodySize, webhookQueueSize, webhookConcurrency, webhookCoalesceWindow);
    }

    public HttpListenerConfig withQueue(int size, int concurrency) {
        return new HttpListenerConfig(port, host, tlsCertificate, tlsKey, maxBodySize, size, concurrency, webhookCoalesceWindow);
    }

    public HttpListenerConfig withTls(Path certificate, Path key) {
        return new HttpListenerConfig(port, host, certificate, key, maxBodySize, webhookQueueSize, webhookConcurrency, webhookCoalesceWindow);
    }
}
