package io.connectors.ftest.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.core.json.Json;
import io.connectors.ftest.jira.Faults;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP plumbing the SaaS mocks (Jira, Confluence) share, on Reactor Netty: binds to a loopback host, sends
 * {@code /_admin/*} to the mock's admin handler (no faults, not counted) and every other request through the
 * {@link Faults} and the counters to its API handler.
 *
 * <p>Faults are counted over API requests: the n-th request is left unanswered (held for
 * {@link Faults#timeoutAfter()}, then its connection closed) when n is a multiple of {@code timeoutEvery} and no
 * 429/500 falls on it; it answers 429 with {@code Retry-After} when n is a multiple of {@code rateLimitEvery}; 500
 * when n modulo {@code errorBurstEvery} is below {@code errorBurstLength}; every answer waits {@code latency}. The
 * bodies of the injected errors are the mock's own ({@link Wire#error}), as the real service writes them.
 */
public final class MockHttpServer implements AutoCloseable {

    /** What a mock answers on its API: the request, its path (without query) and its body (empty if none). */
    @FunctionalInterface
    public interface Api {
        Answer answer(HttpServerRequest request, String path, String body, Faults active);
    }

    /** What a mock answers on {@code /_admin/*}: method, path, body. */
    @FunctionalInterface
    public interface Admin {
        Answer answer(String method, String path, String body);
    }

    /**
     * How a mock speaks: its error body for a status and message, the messages of the injected 429 and 500, and the
     * endpoint template a path is counted under ({@code GET /rest/api/issue/{key}}).
     */
    public record Wire(ErrorBody error, String rateLimitedMessage, String failedMessage, Function<String, String> template) {}

    /** A service's error body. */
    @FunctionalInterface
    public interface ErrorBody {
        Answer answer(int status, String message);
    }

    private final String host;
    private final Wire wire;
    private final Api api;
    private final Admin admin;
    private final AtomicReference<Faults> faults;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger injected429 = new AtomicInteger();
    private final AtomicInteger injected500 = new AtomicInteger();
    private final AtomicInteger injectedTimeouts = new AtomicInteger();
    private final Map<String, AtomicInteger> byEndpoint = new ConcurrentHashMap<>();
    private final AtomicLong bytesServed = new AtomicLong();
    private final DisposableServer server;

    private MockHttpServer(String host, int port, Faults faults, Wire wire, Api api, Admin admin) {
        this.host = host;
        this.wire = wire;
        this.api = api;
        this.admin = admin;
        this.faults = new AtomicReference<>(faults);
        this.server = HttpServer.create().host(host).port(port).handle(this::handle).bindNow();
    }

    /** Binds now ({@code port} 0: any free one); {@code api} and {@code admin} may be called as soon as it returns. */
    public static MockHttpServer start(String host, int port, Faults faults, Wire wire, Api api, Admin admin) {
        return new MockHttpServer(host, port, faults, wire, api, admin);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://" + host + ":" + server.port();
    }

    /** The same server under the other loopback name: a different host for the client, as Atlassian's media host is. */
    public String otherLoopbackUrl() {
        String other = host.equals("localhost") ? "127.0.0.1" : "localhost";
        return "http://" + other + ":" + server.port();
    }

    public Faults faults() {
        return faults.get();
    }

    public void faults(Faults value) {
        faults.set(value);
    }

    public long requests() {
        return requests.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxConcurrent() {
        return maxInFlight.get();
    }

    public int injected429() {
        return injected429.get();
    }

    public int injected500() {
        return injected500.get();
    }

    public int injectedTimeouts() {
        return injectedTimeouts.get();
    }

    /** Requests by endpoint template, sorted. */
    public Map<String, Integer> byEndpoint() {
        Map<String, Integer> endpoints = new TreeMap<>();
        byEndpoint.forEach((key, count) -> endpoints.put(key, count.get()));
        return endpoints;
    }

    /** Bytes of API response bodies (attachments included, admin excluded). */
    public long bytesServed() {
        return bytesServed.get();
    }

    /**
     * Adds the shared counters to a mock's stats, in this order: {@code requests}, {@code in_flight},
     * {@code max_concurrent}, {@code injected_429}, {@code injected_500}, {@code injected_timeouts}.
     */
    public void putCounters(Map<String, Object> stats) {
        stats.put("requests", requests());
        stats.put("in_flight", inFlight());
        stats.put("max_concurrent", maxConcurrent());
        stats.put("injected_429", injected429());
        stats.put("injected_500", injected500());
        stats.put("injected_timeouts", injectedTimeouts());
    }

    /** Zeroes the counters; {@link #inFlight()} stays what it is. */
    public void resetStats() {
        requests.set(0);
        maxInFlight.set(0);
        injected429.set(0);
        injected500.set(0);
        injectedTimeouts.set(0);
        byEndpoint.clear();
        bytesServed.set(0);
    }

    /** Completes when the server is closed. */
    public Mono<Void> onDispose() {
        return server.onDispose();
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    // ---------------------------------------------------------------- dispatch

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    String path = new QueryStringDecoder(request.uri()).path();
                    if (path.startsWith("/_admin/")) {
                        return send(response, admin.answer(request.method().name(), path, body));
                    }
                    return api(request, response, path, body);
                });
    }

    private Mono<Void> api(HttpServerRequest request, HttpServerResponse response, String path, String body) {
        long n = requests.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        byEndpoint.computeIfAbsent(request.method().name() + " " + wire.template().apply(path), key -> new AtomicInteger())
                .incrementAndGet();
        Faults active = faults.get();
        boolean rateLimited = active.rateLimitEvery() > 0 && n % active.rateLimitEvery() == 0;
        boolean failed = active.errorBurstEvery() > 0 && n % active.errorBurstEvery() < active.errorBurstLength();
        if (!rateLimited && !failed && active.timeoutEvery() > 0 && n % active.timeoutEvery() == 0) {
            injectedTimeouts.incrementAndGet();
            // no answer: hold the request, then drop the connection without a response
            return Mono.delay(active.timeoutAfter())
                    .then(Mono.<Void>fromRunnable(() -> response.withConnection(connection -> connection.dispose())))
                    .doFinally(signal -> inFlight.decrementAndGet());
        }
        Mono<Answer> answer = Mono.fromCallable(() -> {
            if (rateLimited) {
                injected429.incrementAndGet();
                return wire.error().answer(429, wire.rateLimitedMessage())
                        .header("Retry-After", Integer.toString(active.retryAfterSeconds()));
            }
            if (failed) {
                injected500.incrementAndGet();
                return wire.error().answer(500, wire.failedMessage());
            }
            return api.answer(request, path, body, active);
        });
        if (!active.latency().isZero()) {
            answer = answer.delayElement(active.latency());
        }
        return answer.doOnNext(result -> bytesServed.addAndGet(result.body().length))
                .flatMap(result -> send(response, result)).doFinally(signal -> inFlight.decrementAndGet());
    }

    private static Mono<Void> send(HttpServerResponse response, Answer answer) {
        response.status(answer.status());
        if (answer.contentType() != null) {
            response.header(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        answer.headers().forEach(response::header);
        return response.sendByteArray(Mono.just(answer.body())).then();
    }

    // ---------------------------------------------------------------- helpers for the handlers

    /** The first value of query parameter {@code name}, or {@code fallback}. */
    public static @Nullable String param(QueryStringDecoder query, String name, @Nullable String fallback) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }

    /** Query parameter {@code name} as a number; {@code fallback} when absent or not a number (as the services do). */
    public static int intParam(QueryStringDecoder query, String name, int fallback) {
        try {
            String value = param(query, name, null);
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException bad) {
            return fallback;
        }
    }

    /** 200 with {@code node} as UTF-8 JSON. */
    public static Answer json(JsonNode node) {
        try {
            return new Answer(200, Json.mapper().writeValueAsBytes(node), "application/json;charset=UTF-8");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URL path segment or query value, percent-encoded ({@code %20} for a space). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
