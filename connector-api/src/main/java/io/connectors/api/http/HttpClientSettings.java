package io.connectors.api.http;


import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link SourceHttpClient} is built from. Immutable; start from {@link #of(String, HttpAuth)} and change
 * what differs with the {@code with*} methods.
 *
 * @param baseUrl         scheme, host, port and optional context path, e.g. {@code https://jira.acme.com/jira};
 *                        request paths are appended to it
 * @param auth            credentials sent to the base URL's origin (never to another host a redirect points to)
 * @param sslCa           PEM text of one or more CA certificates trusted in addition to the JDK's (Elastic's
 *                        {@code ssl_ca}), or null for the JDK's trust store alone
 * @param retryCount      how many times a failed request is sent again (so at most {@code retryCount + 1} attempts):
 *                        429, 408, 500, 502, 503, 504 and I/O errors
 * @param connectTimeout  to open a TCP connection (and finish the TLS handshake)
 * @param responseTimeout the longest silence allowed between two reads of a response
 * @param maxConnections  pooled connections to one host
 * @param initialBackoff  the wait before the first retry; doubled for each further one, with jitter
 * @param maxBackoff      the longest wait between two attempts computed by backoff
 * @param maxRetryAfter   the longest wait honoured from a {@code Retry-After} header
 * @param maxResponseBytes the largest answer {@link SourceHttpClient#get}/{@code post} read, counted after
 *                        decompression (a gzip bomb or a runaway page fails that request; downloads are capped by
 *                        the extractor's {@code max_file_download_size} instead)
 * @param requestTimeout  the longest one attempt of a request may take in all, however steadily bytes arrive
 * @param downloadTimeout the longest one download may take in all
 */
public record HttpClientSettings(
        String baseUrl,
        HttpAuth auth,
        @Nullable String sslCa,
        int retryCount,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxConnections,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        long maxResponseBytes,
        Duration requestTimeout,
        Duration downloadTimeout) {

    /** 64 MiB: far above a page of 100 Jira issues with every field. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;

    public HttpClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(downloadTimeout, "downloadTimeout");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, got " + maxResponseBytes);
        }
        baseUrl = baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("'" + baseUrl + "' is not a valid URL", bad);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + baseUrl + "' is not an http(s) URL with a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + baseUrl + "' must not have a query or fragment");
        }
        if (sslCa != null && sslCa.isBlank()) {
            sslCa = null;
        }
        if (retryCount < 0) {
            throw new IllegalArgumentException("retry_count must not be negative, got " + retryCount);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
    }

    /**
     * Settings with defaults: 3 retries, 10 s to connect, 60 s of read silence, 100 connections, 0.5 s..30 s backoff,
     * Retry-After capped at 120 s, answers up to 64 MiB, 5 minutes per request attempt, 30 minutes per download.
     */
    public static HttpClientSettings of(String baseUrl, HttpAuth auth) {
        return new HttpClientSettings(baseUrl, auth, null, 3, Duration.ofSeconds(10), Duration.ofSeconds(60), 100,
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120), DEFAULT_MAX_RESPONSE_BYTES,
                Duration.ofMinutes(5), Duration.ofMinutes(30));
    }

    public HttpClientSettings withMaxResponseBytes(long bytes) {
        return new HttpClientSettings(baseUrl, auth, sslCa, retryCount, connectTimeout, responseTimeout, maxConnections,
                initialBackoff, maxBackoff, maxRetryAfter, bytes, requestTimeout, downloadTimeout);
    }

    /** Overall deadlines, besides the idle {@code responseTimeout}: one request attempt, one download. */
    public HttpClientSettings withDeadlines(Duration request, Duration download) {
        return new HttpClientSettings(baseUrl, auth, sslCa, retryCount, connectTimeout, responseTimeout, maxConnections,
                initialBackoff, maxBackoff, maxRetryAfter, maxResponseBytes, request, download);
    }

    public HttpClientSettings withSslCa(@Nullable String pem) {
        return new HttpClientSettings(baseUrl, auth, pem, retryCount, connectTimeout, responseTimeout, maxConnections,
                initialBackoff, maxBackoff, maxRetryAfter, maxResponseBytes, requestTimeout, downloadTimeout);
    }

    public HttpClientSettings withRetryCount(int retries) {
        return new HttpClientSettings(baseUrl, auth, sslCa, retries, connectTimeout, responseTimeout, maxConnections,
                initialBackoff, maxBackoff, maxRetryAfter, maxResponseBytes, requestTimeout, downloadTimeout);
    }

    public HttpClientSettings withTimeouts(Duration connect, Duration response) {
        return new HttpClientSettings(baseUrl, auth, sslCa, retryCount, connect, response, maxConnections,
                initialBackoff, maxBackoff, maxRetryAfter, maxResponseBytes, requestTimeout, downloadTimeout);
    }

    public HttpClientSettings withMaxConnections(int connections) {
        return new HttpClientSettings(baseUrl, auth, sslCa, retryCount, connectTimeout, responseTimeout, connections,
                initialBackoff, maxBackoff, maxRetryAfter, maxResponseBytes, requestTimeout, downloadTimeout);
    }

    public HttpClientSettings withBackoff(Duration initial, Duration max) {
        return new HttpClientSettings(baseUrl, auth, sslCa, retryCount, connectTimeout, responseTimeout, maxConnections,
                initial, max, maxRetryAfter, maxResponseBytes, requestTimeout, downloadTimeout);
    }

    public HttpClientSettings withMaxRetryAfter(Duration max) {
        return new HttpClientSettings(baseUrl, auth, sslCa, retryCount, connectTimeout, responseTimeout, maxConnections,
                initialBackoff, maxBackoff, max, maxResponseBytes, requestTimeout, downloadTimeout);
    }

    /** Whether the base URL uses TLS. */
    public boolean secure() {
        return baseUrl.regionMatches(true, 0, "https:", 0, 6);
    }

    @Override
    public String toString() {
        return "HttpClientSettings[baseUrl=" + RedactedUrl.of(baseUrl) + ", auth=" + auth + ", sslCa=" + (sslCa == null ? "none" : "custom")
                + ", retryCount=" + retryCount + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
                + ", maxConnections=" + maxConnections + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", maxRetryAfter=" + maxRetryAfter + ", maxResponseBytes=" + maxResponseBytes
                + ", requestTimeout=" + requestTimeout + ", downloadTimeout=" + downloadTimeout + "]";
    }
}
