package io.connectors.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * {@code elasticsearch}: the cluster the service keeps its state in and, by default, writes documents to.
 * There are no default credentials (Elastic's are elastic/changeme).
 *
 * @param host                   http(s) URL of Elasticsearch
 * @param username               basic-auth user, set together with {@code password}
 * @param password               basic-auth password
 * @param apiKey                 API key, preferred over username and password
 * @param ssl                    whether TLS is used
 * @param verifyCerts            whether the server certificate is verified
 * @param caCerts                CA bundle to trust, as written (relative to the working directory, like Elastic)
 * @param requestTimeout         timeout of one request
 * @param maxWaitDuration        longest wait for Elasticsearch to become available
 * @param retryOnTimeout         whether timed-out requests are retried
 * @param maxRetries             retries of a failed request, bulk requests excepted
 * @param retryInterval          wait between those retries
 * @param initialBackoffDuration first wait while waiting for Elasticsearch
 * @param backoffMultiplier      factor the wait grows by after each attempt
 * @param logLevel               log level of the client ({@code WARNING} maps to WARN, {@code CRITICAL} to ERROR)
 * @param bulk                   bulk indexing settings
 * @param headers                HTTP headers sent with every request ({@code elasticsearch.headers})
 */
public record ElasticsearchConfig(
        String host,
        @Nullable String username,
        @Nullable Secret password,
        @Nullable Secret apiKey,
        boolean ssl,
        boolean verifyCerts,
        @Nullable Path caCerts,
        Duration requestTimeout,
        Duration maxWaitDuration,
        boolean retryOnTimeout,
        int maxRetries,
        Duration retryInterval,
        Duration initialBackoffDuration,
        double backoffMultiplier,
        Level logLevel,
        BulkConfig bulk,
        java.util.Map<String, String> headers) {

    public ElasticsearchConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxWaitDuration, "maxWaitDuration");
        Objects.requireNonNull(retryInterval, "retryInterval");
        Objects.requireNonNull(initialBackoffDuration, "initialBackoffDuration");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(bulk, "bulk");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    /** The same settings against another host (e.g. a local node started for {@code make run}). */
    public ElasticsearchConfig withHost(String newHost) {
        return new ElasticsearchConfig(newHost, username, password, apiKey, ssl, verifyCerts, caCerts, requestTimeout,
                maxWaitDuration, retryOnTimeout, maxRetries, retryInterval, initialBackoffDuration, backoffMultiplier,
                logLevel, bulk, headers);
    }
}
