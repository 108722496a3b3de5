package io.connectors.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.connectors.core.config.HttpListenerConfig;
import io.connectors.core.json.Json;
import io.connectors.core.service.ConnectorService;
import io.connectors.core.service.ServiceContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The daemon's HTTP listener ({@code service.http}, DESIGN.md section 13), on Reactor Netty:
 * <ul>
 *   <li>{@code POST /webhooks/{service_type}/{connector_id}}: a source's signed webhook ({@link Webhooks});</li>
 *   <li>{@code GET /health}: liveness and readiness in JSON ({@link HealthProbe}); 200 when ready, else 503;</li>
 *   <li>{@code GET /metrics}: the Prometheus text format of Micrometer's Prometheus registry.</li>
 * </ul>
 * Bodies over {@code max_body_size} are answered 413 without being read further. Loopback unless configured, HTTPS
 * when a certificate and key are given.
 */
public final class DaemonHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DaemonHttpServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpListenerConfig config;
    private final Webhooks webhooks;
    private final HealthProbe health;
    private final PrometheusMeterRegistry registry;
    private final DisposableServer server;

    private DaemonHttpServer(ServiceContext context, ConnectorService service, HttpListenerConfig config) {
        this.config = config;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.webhooks = new Webhooks(context, service, config);
        this.health = new HealthProbe(context, service);
        Gauge.builder("connectors.webhook.queue.depth", webhooks, Webhooks::depth)
                .description("Items (issues) waiting for or in a webhook fetch").register(registry);
        Gauge.builder("connectors.jobs.running", service, s -> s.runningJobs().size())
                .description("Sync jobs this daemon runs now").register(registry);
        Metrics.addRegistry(registry);
        HttpServer http = HttpServer.create().host(config.host()).port(config.port() == null ? 0 : config.port())
                .route(routes -> routes
                        .post("/webhooks/{type}/{connector}", this::webhook)
                        .get("/health", this::health)
                        .get("/metrics", this::metrics));
        if (config.tlsCertificate() != null || config.tlsKey() != null) {
            http = http.secure(spec -> spec.sslContext(tls(config)));
        }
        try {
            this.server = http.bindNow();
        } catch (RuntimeException e) {
            close(webhooks, registry);
            throw new IllegalStateException("the HTTP listener cannot bind " + config.host() + ":" + config.port()
                    + " (service.http.host, service.http.port): " + e.getMessage(), e);
        }
        log.info("HTTP listener on {}://{}:{} (webhooks, /health, /metrics)", config.tlsCertificate() == null ? "http" : "https",
                config.host(), server.port());
    }

    /** Starts the listener {@code config} describes (which must be {@linkplain HttpListenerConfig#enabled() enabled}). */
    public static DaemonHttpServer start(ServiceContext context, ConnectorService service, HttpListenerConfig config) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("service.http.port is not set: the HTTP listener is off");
        }
        return new DaemonHttpServer(context, service, config);
    }

    public int port() {
        return server.port();
    }

    private static Http11SslContextSpec tls(HttpListenerConfig config) {
        if (config.tlsCertificate() == null || config.tlsKey() == null) {
            throw new IllegalStateException("service.http.tls_certificate and service.http.tls_key go together: set both, or neither");
        }
        for (var file : new java.nio.file.Path[] {config.tlsCertificate(), config.tlsKey()}) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("the listener's TLS file " + file + " cannot be read (service.http.tls_certificate/tls_key)");
            }
        }
        return Http11SslContextSpec.forServer(config.tlsCertificate().toFile(), config.tlsKey().toFile());
    }

    private Mono<Void> webhook(HttpServerRequest request, HttpServerResponse response) {
        String type = request.param("type");
        String connector = request.param("connector");
        long declared = request.requestHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
        if (declared > config.maxBodySize()) {
            return tooLarge(response);
        }
        AtomicLong size = new AtomicLong();
        return request.receive().asByteArray()
                .<byte[]>handle((chunk, sink) -> {
                    if (size.addAndGet(chunk.length) > config.maxBodySize()) {
                        sink.error(new BodyTooLargeException());
                    } else {
                        sink.next(chunk);
                    }
                })
                .collect(ByteArrayOutputStream::new, ByteArrayOutputStream::writeBytes)
                .flatMap(body -> webhooks.receive(type == null ? "" : type, connector == null ? "" : connector,
                        body.toByteArray(), request.requestHeaders().get(WebhookSignature.HEADER)))
                .flatMap(answer -> json(response, answer.status(), Map.of("status", answer.status(), "message", answer.message())))
                .onErrorResume(BodyTooLargeException.class, error -> tooLarge(response));
    }

    private Mono<Void> tooLarge(HttpServerResponse response) {
        return json(response, 413, Map.of("status", 413, "message", "body larger than " + config.maxBodySize()
                + " bytes (service.http.max_body_size)"));
    }

    private Mono<Void> health(HttpServerRequest request, HttpServerResponse response) {
        return health.check().flatMap(report -> json(response, report.ready() ? 200 : 503, report));
    }

    private Mono<Void> metrics(HttpServerRequest request, HttpServerResponse response) {
        return response.status(HttpResponseStatus.OK).header(HttpHeaderNames.CONTENT_TYPE, PROMETHEUS_TEXT)
                .sendString(Mono.fromCallable(registry::scrape), StandardCharsets.UTF_8).then();
    }

    private static Mono<Void> json(HttpServerResponse response, int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return response.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendByteArray(Mono.just(bytes)).then();
    }

    /** Signals a body over the cap; never leaves this class. */
    private static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }

    private static void close(Webhooks webhooks, PrometheusMeterRegistry registry) {
        webhooks.close();
        Metrics.removeRegistry(registry);
        registry.close();
    }

    @Override
    public void close() {
        server.disposeNow();
        close(webhooks, registry);
    }
}
