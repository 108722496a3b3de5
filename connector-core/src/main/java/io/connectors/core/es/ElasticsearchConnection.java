package io.connectors.core.es;

import io.connectors.core.config.ElasticsearchConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach Elasticsearch. Secrets are held here only until the client is built; {@link #toString()} hides them.
 */
public record ElasticsearchConnection(
        URI host,
        @Nullable String username,
        @Nullable String password,
        @Nullable String apiKey,
        @Nullable Path caCerts,
        boolean verifyCerts,
        Duration requestTimeout,
        java.util.Map<String, String> headers) {

    public ElasticsearchConnection {
        headers = java.util.Map.copyOf(headers);
    }

    /**
     * From {@code elasticsearch:} in config.yml; an api_key wins over username/password. As in Elastic's service,
     * {@code verify_certs} and {@code ca_certs} apply only with {@code ssl: true}; with {@code ssl: false} an https
     * host is verified against the JVM's default trust store.
     */
    public static ElasticsearchConnection from(ElasticsearchConfig config) {
        return new ElasticsearchConnection(URI.create(config.host()), config.username(),
                config.password() == null ? null : config.password().reveal(),
                config.apiKey() == null ? null : config.apiKey().reveal(),
                config.ssl() ? config.caCerts() : null, !config.ssl() || config.verifyCerts(), config.requestTimeout(),
                config.headers());
    }

    public static ElasticsearchConnection of(String url) {
        return new ElasticsearchConnection(URI.create(url), null, null, null, null, true, Duration.ofSeconds(240), java.util.Map.of());
    }

    public ElasticsearchConnection withRequestTimeout(Duration timeout) {
        return new ElasticsearchConnection(host, username, password, apiKey, caCerts, verifyCerts, timeout, headers);
    }

    /** The same cluster and settings with another API key, e.g. a connector's own ({@code connectors[].api_key}). */
    public ElasticsearchConnection withApiKey(String key) {
        return new ElasticsearchConnection(host, null, null, key, caCerts, verifyCerts, requestTimeout, headers);
    }

    @Override
    public String toString() {
        String auth = apiKey != null ? "api_key=********" : username != null ? "user=" + username + " password=********" : "no auth";
        return "ElasticsearchConnection[" + io.connectors.api.http.RedactedUrl.of(String.valueOf(host)) + ", " + auth + "]";
    }
}
