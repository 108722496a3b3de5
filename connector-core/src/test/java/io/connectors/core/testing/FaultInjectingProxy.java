package io.connectors.core.testing;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback HTTP proxy in front of a real server that answers some requests itself with an error status, so tests
 * can show that clients retry throttling and unavailability and still end with exact results.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** Decides, for the n-th request (1-based) with this method and path, an error status to answer, or null to forward. */
    @FunctionalInterface
    public interface FaultRule {
        @Nullable Integer faultFor(String method, String uri, int n);
    }

    /** Like {@link FaultRule}, seeing the request's headers too (e.g. which API key it carries). */
    @FunctionalInterface
    public interface HeaderFaultRule {
        @Nullable Integer faultFor(String method, String uri, HttpHeaders headers, int n);
    }

    /** A request as the proxy received it: method, path and query, and its headers. */
    public record Seen(String method, String uri, HttpHeaders headers) {
    }

    /** Decides, for the n-th request (1-based) with this method and path, how long to hold it before forwarding, or null. */
    @FunctionalInterface
    public interface LatencyRule {
        @Nullable Duration latencyFor(String method, String uri, int n);
    }

    private final HttpClient client;
    private final HeaderFaultRule rule;
    private final LatencyRule latency;
    private final java.util.Queue<Seen> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile DisposableServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();

    private FaultInjectingProxy(String targetUrl, HeaderFaultRule rule, LatencyRule latency) {
        this.client = HttpClient.create().baseUrl(targetUrl);
        this.rule = rule;
        this.latency = latency;
        this.server = bind(0);
    }

    private DisposableServer bind(int port) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> handle(client, rule, request, response))
                .bindNow();
    }

    /** Stops listening: clients now get "connection refused", as from a stopped Elasticsearch. */
    public void goDown() {
        server.disposeNow();
    }

    /** Listens again on the same port, as a restarted Elasticsearch would. */
    public void comeBack() {
        server = bind(server.port());
    }

    public static FaultInjectingProxy start(String targetUrl, FaultRule rule) {
        return new FaultInjectingProxy(targetUrl, (method, uri, headers, n) -> rule.faultFor(method, uri, n), (method, uri, n) -> null);
    }

    /** A proxy whose faults may depend on the request's headers; every request is recorded ({@link #seen()}). */
    public static FaultInjectingProxy startWithHeaderRule(String targetUrl, HeaderFaultRule rule) {
        return new FaultInjectingProxy(targetUrl, rule, (method, uri, n) -> null);
    }

    /** Every request received so far, in order. */
    public java.util.List<Seen> seen() {
        return java.util.List.copyOf(seen);
    }

    /** A proxy that also holds some requests for a while before forwarding them (a slow, overloaded cluster). */
    public static FaultInjectingProxy start(String targetUrl, FaultRule rule, LatencyRule latency) {
        return new FaultInjectingProxy(targetUrl, (method, uri, headers, n) -> rule.faultFor(method, uri, n), latency);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public int requests() {
        return requests.get();
    }

    public int faultsInjected() {
        return faults.get();
    }

    private Mono<Void> handle(HttpClient client, HeaderFaultRule rule, HttpServerRequest request, HttpServerResponse response) {
        int n = requests.incrementAndGet();
        seen.add(new Seen(request.method().name(), request.uri(), request.requestHeaders().copy()));
        Integer status = rule.faultFor(request.method().name(), request.uri(), request.requestHeaders(), n);
        Mono<byte[]> body = request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]);
        if (status != null) {
            faults.incrementAndGet();
            return body.then(fault(response, status, request.uri()));
        }
        Duration delay = latency.latencyFor(request.method().name(), request.uri(), n);
        if (delay != null && !delay.isZero()) {
            body = body.delayElement(delay);
        }
        return body.flatMap(bytes -> client
                .headers(headers -> copyRequestHeaders(request.requestHeaders(), headers))
                .request(request.method())
                .uri(request.uri())
                .send(bytes.length == 0 ? Mono.empty() : Mono.just(Unpooled.wrappedBuffer(bytes)))
                .responseSingle((upstream, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .flatMap(answer -> response
                                .status(upstream.status())
                                .headers(copyResponseHeaders(upstream.responseHeaders()))
                                .sendByteArray(Mono.just(answer))
                                .then())));
    }

    private static Mono<Void> fault(HttpServerResponse response, int status, String uri) {
        if (status == 403) {
            // what a secured Elasticsearch answers when the API key may not act on the index
            String index = uri.replaceFirst("^/", "").replaceFirst("[/?].*$", "");
            String reason = "action [indices:data/write/bulk] is unauthorized for API key id [test-key] of user [connector] "
                    + "on indices [" + index + "], this action is granted by the index privileges [create_doc,create,index,write,all]";
            String json = "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":\"" + reason + "\"}],"
                    + "\"type\":\"security_exception\",\"reason\":\"" + reason + "\"},\"status\":403}";
            return response.status(403)
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header("X-elastic-product", "Elasticsearch")
                    .sendString(Mono.just(json)).then();
        }
        if (status == 429) {
            // what Elasticsearch itself answers when its write queue is full
            String json = "{\"error\":{\"root_cause\":[{\"type\":\"es_rejected_execution_exception\",\"reason\":\"rejected execution (injected)\"}],"
                    + "\"type\":\"es_rejected_execution_exception\",\"reason\":\"rejected execution (injected)\"},\"status\":429}";
            return response.status(429)
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header("X-elastic-product", "Elasticsearch")
                    .sendString(Mono.just(json)).then();
        }
        // what a load balancer in front of a restarting node answers
        return response.status(HttpResponseStatus.valueOf(status))
                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                .sendString(Mono.just("injected " + status)).then();
    }

    private static void copyRequestHeaders(HttpHeaders from, HttpHeaders to) {
        from.forEach(header -> {
            String name = header.getKey();
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")
                    && !name.equalsIgnoreCase("transfer-encoding") && !name.equalsIgnoreCase("connection")) {
                to.add(name, header.getValue());
            }
        });
    }

    private static HttpHeaders copyResponseHeaders(HttpHeaders upstream) {
        HttpHeaders headers = new io.netty.handler.codec.http.DefaultHttpHeaders();
        copyRequestHeaders(upstream, headers);
        return headers;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
