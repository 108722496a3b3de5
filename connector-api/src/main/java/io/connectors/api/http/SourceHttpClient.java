package io.connectors.api.http;

import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The HTTP client the runtime lends a source ({@link io.connectors.api.source.DataSourceContext#httpClient}):
 * pooled connections to one base URL, one retry policy, TLS with an extra CA, credentials kept to the base URL's
 * origin. Thread-safe; one instance serves every request of a source; close it in the source's {@code close()}.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Paths are appended to {@link HttpClientSettings#baseUrl()}; an absolute {@code http(s)} URL is used as is.</li>
 *   <li>The {@code Authorization} header goes only to the base URL's origin (scheme, host, port): a redirect to another
 *       host (Jira Cloud and Confluence Cloud send downloads to a media host) is followed without it.</li>
 *   <li>Redirects are followed up to 5 times; 303, and 301/302 after a POST, continue as a GET.</li>
 *   <li>429, 408, 500, 502, 503, 504 and I/O errors are retried {@link HttpClientSettings#retryCount()} times,
 *       honouring {@code Retry-After} (capped), else with exponential backoff and jitter. Other statuses fail at once
 *       with an {@link HttpStatusException}; errors reaching the server fail with an {@link HttpTransportException}.
 *       A download that broke after some bytes were emitted is not retried.</li>
 *   <li>Errors name the method and path, never a credential or the query string.</li>
 * </ul>
 * Every method is cold: nothing is sent before subscription.
 */
public interface SourceHttpClient extends AutoCloseable {

    HttpClientSettings settings();

    /** The absolute URL a path resolves to. */
    String url(String pathOrUrl);

    /** GETs {@code pathAndQuery} and emits the whole body of a 2xx answer (an empty array when it has none). */
    Mono<byte[]> get(String pathAndQuery);

    /** POSTs {@code body} with {@code contentType} and emits the whole body of a 2xx answer. */
    Mono<byte[]> post(String pathAndQuery, byte[] body, String contentType);

    /**
     * Streams the body of {@code pathOrUrl}, following redirects. Each buffer is a copy the consumer owns. Cancel to
     * stop the download.
     */
    Flux<ByteBuffer> download(String pathOrUrl);

    /** Releases the pooled connections. */
    @Override
    void close();
}
