package io.connectors.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.api.ConnectorException;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.HttpTransportException;
import io.connectors.api.http.SourceHttpClient;
import io.connectors.api.http.SourceHttpException;
import io.connectors.core.json.Json;
import io.connectors.core.retry.RetryAfter;
import io.connectors.core.retry.RetryPolicy;
import io.connectors.core.metrics.Meters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * The Reactor Netty implementation of the API's {@link SourceHttpClient}: pooled connections to one source, requests
 * and streamed downloads, all retried by one policy. Core code and tests may also use its JSON helpers. Thread-safe; share one instance for all the requests of a connector and {@link #close()} it
 * when the connector is done.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Paths are appended to {@link HttpClientSettings#baseUrl()}; an absolute {@code http(s)} URL is used as is.</li>
 *   <li>The {@code Authorization} header is sent only to the base URL's origin (scheme, host, port): a redirect to
 *       another host (Jira Cloud sends attachment downloads to its media host) is followed without it.</li>
 *   <li>Redirects (301, 302, 303, 307, 308) are followed up to 5 times; 303, and 301/302 after a POST, continue
 *       as a GET.</li>
 *   <li>429, 408, 500, 502, 503, 504 and I/O errors are retried {@link HttpClientSettings#retryCount()} times,
 *       waiting for {@code Retry-After} when given (capped), else with exponential backoff and jitter
 *       ({@link RetryPolicy#sourceRequests}). Other
 *       statuses fail at once with an {@link HttpStatusException}. A download that broke after some bytes were
 *       emitted is not retried (its consumer already holds part of the file).</li>
 *   <li>Redirects never go from https to http, nor to a loopback, link-local or private address unless the base
 *       URL is on one itself ({@link RedirectPolicy}).</li>
 *   <li>An answer read whole is capped at {@link HttpClientSettings#maxResponseBytes()} after decompression; one
 *       attempt of a request ends within {@link HttpClientSettings#requestTimeout()} and a download within
 *       {@link HttpClientSettings#downloadTimeout()}, besides the idle {@code responseTimeout}.</li>
 *   <li>Errors name the method and path, never a credential or the query string.</li>
 * </ul>
 */
public final class NettySourceHttpClient implements SourceHttpClient {

    private static final Logger log = LoggerFactory.getLogger(NettySourceHttpClient.class);
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 4096;
    private static final byte[] EMPTY = new byte[0];

    private final HttpClientSettings settings;
    private final URI base;
    private final ConnectionProvider pool;
    private final HttpClient plain;
    private final HttpClient tls;
    private final @Nullable String authorization;
    /** {@link RetryPolicy#sourceRequests}: the same for requests and downloads. */
    private final Retry retry;
    private final ObjectMapper mapper;
    private final Clock clock;
    /** Whether the base URL's host is loopback, link-local or private; resolved at the first redirect. */
    private volatile @Nullable Boolean baseInternal;

    NettySourceHttpClient(HttpClientSettings settings, ObjectMapper mapper, Clock clock, RetryPolicy retryPolicy) {
        this.settings = settings;
        this.base = URI.create(settings.baseUrl());
        this.mapper = mapper;
        this.clock = clock;
        this.retry = retryPolicy.retry("source request");
        this.authorization = settings.auth().headerValue();
        this.pool = ConnectionProvider.builder("source-http")
                .maxConnections(settings.maxConnections())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(5))
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.plain = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .responseTimeout(settings.responseTimeout())
                .followRedirect(false)
                .compress(true);
        SslContext sslContext = sslContext(settings.sslCa());
        this.tls = plain.secure(spec -> spec.sslContext(sslContext));
    }

    /** A client for {@code settings}, reading and writing JSON with the framework's one Jackson configuration. */
    public static NettySourceHttpClient create(HttpClientSettings settings) {
        return new NettySourceHttpClient(settings, Json.mapper(), Clock.systemUTC(), RetryPolicy.sourceRequests(settings));
    }

    @Override
    public HttpClientSettings settings() {
        return settings;
    }

    @Override
    public String url(String pathOrUrl) {
        return resolve(pathOrUrl).toString();
    }

    /** GETs {@code pathAndQuery} and reads the JSON answer as {@code type}; empty when the answer has no body. */
    public <T> Mono<T> getJson(String pathAndQuery, Class<T> type) {
        return json(HttpMethod.GET, pathAndQuery, null, mapper.constructType(type));
    }

    public <T> Mono<T> getJson(String pathAndQuery, TypeReference<T> type) {
        return json(HttpMethod.GET, pathAndQuery, null, mapper.constructType(type));
    }

    /** POSTs {@code body} as JSON and reads the JSON answer as {@code type}; empty when the answer has no body. */
    public <T> Mono<T> postJson(String pathAndQuery, Object body, Class<T> type) {
        return json(HttpMethod.POST, pathAndQuery, Objects.requireNonNull(body, "body"), mapper.constructType(type));
    }

    public <T> Mono<T> postJson(String pathAndQuery, Object body, TypeReference<T> type) {
        return json(HttpMethod.POST, pathAndQuery, Objects.requireNonNull(body, "body"), mapper.constructType(type));
    }

    @Override
    public Mono<byte[]> get(String pathAndQuery) {
        return bytes(HttpMethod.GET, pathAndQuery, null, null);
    }

    @Override
    public Mono<byte[]> post(String pathAndQuery, byte[] body, String contentType) {
        return bytes(HttpMethod.POST, pathAndQuery, Objects.requireNonNull(body, "body"), contentType);
    }

    @Override
    public Flux<ByteBuffer> download(String pathOrUrl) {
        URI uri = resolve(pathOrUrl);
        return Flux.defer(() -> {
            AtomicLong emitted = new AtomicLong();
            Duration deadline = settings.downloadTimeout();
            long ends = System.nanoTime() + deadline.toNanos();
            return Flux.defer(() -> downloadOnce(uri, MAX_REDIRECTS))
                    .timeout(Mono.delay(deadline), buffer -> Mono.delay(Duration.ofNanos(Math.max(0, ends - System.nanoTime()))))
                    .onErrorMap(TimeoutException.class, timeout -> new ConnectorException("GET " + uri.getRawPath()
                            + " did not finish within " + seconds(deadline) + " (the download deadline)", timeout))
                    .doOnNext(buffer -> emitted.addAndGet(buffer.remaining()))
                    .onErrorMap(error -> emitted.get() > 0 && error instanceof SourceHttpException,
                            error -> new ConnectorException("GET " + uri.getRawPath() + " broke after " + emitted.get()
                                    + " bytes: " + error.getMessage(), error))
                    .retryWhen(retry);
        });
    }

    @Override
    public void close() {
        pool.dispose();
    }

    private Mono<byte[]> bytes(HttpMethod method, String pathAndQuery, byte @Nullable [] body, @Nullable String contentType) {
        URI uri = resolve(pathAndQuery);
        return withDeadline(method, uri, Mono.defer(() -> exchange(method, uri, body, contentType, MAX_REDIRECTS)))
                .retryWhen(retry);
    }

    private <T> Mono<T> json(HttpMethod method, String pathAndQuery, @Nullable Object body, JavaType type) {
        URI uri = resolve(pathAndQuery);
        return Mono.defer(() -> {
                    byte[] payload;
                    try {
                        payload = body == null ? null : mapper.writeValueAsBytes(body);
                    } catch (IOException unwritable) {
                        return Mono.error(new ConnectorException(method + " " + uri.getRawPath()
                                + ": the request body cannot be written as JSON: " + unwritable.getMessage(), unwritable));
                    }
                    return withDeadline(method, uri, exchange(method, uri, payload, payload == null ? null : "application/json", MAX_REDIRECTS));
                })
                .retryWhen(retry)
                .flatMap(answer -> decode(method, uri, answer, type));
    }

    /** One status-checked exchange, redirects followed; errors are {@link SourceHttpException}s. */
    private Mono<byte[]> exchange(HttpMethod method, URI uri, byte @Nullable [] payload, @Nullable String contentType,
                                 int redirectsLeft) {
        String path = uri.getRawPath();
        HttpClient.ResponseReceiver<?> receiver = client(uri, contentType)
                .request(method)
                .uri(uri.toString());
        if (payload != null && receiver instanceof HttpClient.RequestSender sender) {
            receiver = sender.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(payload)));
        }
        return receiver
                .response((response, content) -> capped(method.name(), path, response, content)
                        .map(bytes -> new Answer(response.status().code(), response.responseHeaders(), bytes)))
                .next()
                .onErrorMap(NettySourceHttpClient::isTransportError, error -> transportError(method.name(), path, error))
                .doOnError(SourceHttpException.class, error -> {
                    if (!(error instanceof HttpStatusException)) {
                        Meters.sourceRequest("io");
                    }
                })
                .flatMap(answer -> {
                    int status = answer.status();
                    Meters.sourceRequest(Integer.toString(status));
                    URI next = redirect(uri, status, answer.headers());
                    if (next != null) {
                        if (redirectsLeft == 0) {
                            return Mono.error(new HttpStatusException(method.name(), path, status, "too many redirects", null));
                        }
                        boolean asGet = status == 303 || (status == 301 || status == 302) && method != HttpMethod.GET;
                        return allowed(method.name(), uri, next).then(Mono.defer(() -> exchange(asGet ? HttpMethod.GET : method,
                                next, asGet ? null : payload, asGet ? null : contentType, redirectsLeft - 1)));
                    }
                    if (status >= 200 && status < 300) {
                        return Mono.just(answer.body());
                    }
                    return Mono.error(statusError(method.name(), path, status, answer.headers(), answer.body()));
                });
    }

    private Flux<ByteBuffer> downloadOnce(URI uri, int redirectsLeft) {
        String path = uri.getRawPath();
        return client(uri, null)
                .get()
                .uri(uri.toString())
                .response((response, content) -> {
                    int status = response.status().code();
                    Meters.sourceRequest(Integer.toString(status));
                    URI next = redirect(uri, status, response.responseHeaders());
                    if (next != null) {
                        if (redirectsLeft == 0) {
                            return content.then(Mono.error(new HttpStatusException("GET", path, status, "too many redirects", null)));
                        }
                        return content.then().thenMany(Flux.<Object>just(next));
                    }
                    if (status < 200 || status >= 300) {
                        return content.aggregate().asByteArray().defaultIfEmpty(EMPTY)
                                .flatMap(bytes -> Mono.error(statusError("GET", path, status, response.responseHeaders(), bytes)));
                    }
                    return content.asByteArray().map(ByteBuffer::wrap);
                })
                .onErrorMap(NettySourceHttpClient::isTransportError, error -> transportError("GET", path, error))
                .concatMap(item -> item instanceof URI next
                        ? allowed("GET", uri, next).thenMany(Flux.defer(() -> downloadOnce(next, redirectsLeft - 1)))
                        : Flux.just((ByteBuffer) item));
    }

    /**
     * Reads an answer of at most {@link HttpClientSettings#maxResponseBytes()}, counted after decompression: past
     * it, the read is canceled (the connection closed) and the request fails, so a gzip bomb or an endless page
     * costs the cap, never the heap.
     */
    private Mono<byte[]> capped(String method, String path, HttpClientResponse response, ByteBufFlux content) {
        long cap = settings.maxResponseBytes();
        return Mono.defer(() -> {
            ResponseBody body = new ResponseBody(response.responseHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, 0), cap);
            return content
                    .<Void>handle((chunk, sink) -> {
                        if (body.size() + (long) chunk.readableBytes() > cap) {
                            sink.error(new ConnectorException(method + " " + path + " answered more than " + cap
                                    + " bytes (larger than the cap of " + String.format(Locale.ROOT, "%.1f MiB", cap / 1048576.0)
                                    + "); the request is abandoned"));
                        } else {
                            body.append(chunk); // copied now: Netty recycles the chunk once this returns
                        }
                    })
                    .then(Mono.fromCallable(body::bytes));
        });
    }

    /**
     * An answer's bytes gathered in one array, sized from {@code Content-Length} when the server sends it: copying
     * each chunk into a {@code byte[]} of its own and those into a growing stream cost three copies of every search
     * page, a fifth of all the daemon allocated in the end-to-end bench (docs/performance.md, "Allocation").
     */
    private static final class ResponseBody {
        private byte[] bytes;
        private int size;

        ResponseBody(int declaredLength, long cap) {
            this.bytes = new byte[(int) Math.min(Math.max(declaredLength, 0), Math.min(cap, 8L << 20))];
        }

        int size() {
            return size;
        }

        void append(ByteBuf chunk) {
            int length = chunk.readableBytes();
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + length, Math.max(8192, bytes.length * 2)));
            }
            chunk.getBytes(chunk.readerIndex(), bytes, size, length);
            size += length;
        }

        byte[] bytes() {
            return size == 0 ? EMPTY : size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /** Completes when a redirect from {@code from} to {@code next} may be followed ({@link RedirectPolicy}). */
    private Mono<Void> allowed(String method, URI from, URI next) {
        return Mono.fromCallable(() -> {
                    Boolean internal = baseInternal;
                    if (internal == null) {
                        internal = RedirectPolicy.internal(base, RedirectPolicy::addresses);
                        baseInternal = internal;
                    }
                    return Optional.ofNullable(RedirectPolicy.refusal(from, internal, next, RedirectPolicy::addresses));
                })
                .subscribeOn(Schedulers.boundedElastic()) // DNS may block
                .flatMap(refusal -> refusal.isEmpty() ? Mono.<Void>empty()
                        : Mono.error(new ConnectorException(method + " " + from.getRawPath() + " was redirected elsewhere, and "
                                + refusal.get())));
    }

    /** One attempt of a request, however steadily its bytes arrive, ends within {@code requestTimeout}. */
    private Mono<byte[]> withDeadline(HttpMethod method, URI uri, Mono<byte[]> attempt) {
        Duration deadline = settings.requestTimeout();
        return attempt.timeout(deadline, Mono.error(() -> new HttpTransportException(method.name(), uri.getRawPath(),
                new TimeoutException("no complete answer within " + seconds(deadline) + " (the request deadline)"), true)));
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }

    private HttpClient client(URI uri, @Nullable String contentType) {
        boolean sameOrigin = sameOrigin(uri);
        HttpClient client = "https".equalsIgnoreCase(uri.getScheme()) ? tls : plain;
        return client.headers(headers -> {
            headers.set(HttpHeaderNames.ACCEPT, "application/json, */*;q=0.8");
            headers.set(HttpHeaderNames.USER_AGENT, "connectors-framework");
            if (contentType != null) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
            }
            if (sameOrigin && authorization != null) {
                headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
            }
        });
    }

    private boolean sameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private URI resolve(String pathOrUrl) {
        String lower = pathOrUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return URI.create(pathOrUrl);
        }
        return URI.create(settings.baseUrl() + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl);
    }

    private static @Nullable URI redirect(URI from, int status, HttpHeaders headers) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        String location = headers.get(HttpHeaderNames.LOCATION);
        if (location == null || location.isBlank()) {
            return null;
        }
        return from.resolve(location.strip());
    }

    private <T> Mono<T> decode(HttpMethod method, URI uri, byte[] body, JavaType type) {
        if (body.length == 0) {
            return Mono.empty();
        }
        try {
            T value = mapper.readValue(body, type);
            return Mono.justOrEmpty(value);
        } catch (IOException unreadable) {
            String start = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            return Mono.error(new ConnectorException(method + " " + uri.getRawPath()
                    + " answered a body that is not the expected JSON (" + (unreadable instanceof com.fasterxml.jackson.core.JacksonException json ? json.getOriginalMessage() : unreadable.getMessage())
                    + "); it starts with: " + start));
        }
    }

    private HttpStatusException statusError(String method, String path, int status, HttpHeaders headers, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_ERROR_BODY), StandardCharsets.UTF_8);
        return new HttpStatusException(method, path, status, text,
                RetryAfter.parse(headers.get(HttpHeaderNames.RETRY_AFTER), clock));
    }

    private static boolean isTransportError(Throwable error) {
        return !(error instanceof ConnectorException)
                && (error instanceof IOException || error instanceof ChannelException || error instanceof TimeoutException);
    }

    private static HttpTransportException transportError(String method, String path, Throwable error) {
        return new HttpTransportException(method, path, error, !(error instanceof SSLException));
    }

    private static SslContext sslContext(@Nullable String caPem) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (caPem != null) {
                builder.trustManager(trustManagers(caPem));
            }
            return builder.build();
        } catch (GeneralSecurityException | IOException bad) {
            throw new ConnectorException("The SSL certificate (ssl_ca) cannot be used: " + bad.getMessage(), bad);
        }
    }

    /** The JDK's trusted CAs plus those of {@code pem}, as Python's {@code create_default_context(cadata=...)} does. */
    static TrustManagerFactory trustManagers(String pem) throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> custom = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        if (custom.isEmpty()) {
            throw new GeneralSecurityException("no PEM certificate found");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        int n = 0;
        for (TrustManager manager : jdk.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("jdk-" + n++, issuer);
                }
            }
        }
        for (Certificate certificate : custom) {
            store.setCertificateEntry("custom-" + n++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private record Answer(int status, HttpHeaders headers, byte[] body) {}
}
