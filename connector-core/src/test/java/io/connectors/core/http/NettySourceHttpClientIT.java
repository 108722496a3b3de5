package io.connectors.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.api.ConnectorException;
import io.connectors.api.http.HttpAuth;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.HttpTransportException;
import io.connectors.api.http.StatusDecision;
import io.connectors.core.testing.TestCertificate;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** The client against real loopback servers: retries, Retry-After, errors, redirects, TLS with a custom CA. */
class NettySourceHttpClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String USER = "jane@example.com";
    private static final String SECRET = "s3cr3t-T0ken-value";
    private static final String BASIC = "Basic " + java.util.Base64.getEncoder()
            .encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    /** What a loopback server saw of one request. */
    record Seen(String method, String uri, @Nullable String authorization, @Nullable String contentType, String body) {}

    private final class Server {
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final DisposableServer server;

        Server(String host, @Nullable TestCertificate certificate,
               BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
            HttpServer http = HttpServer.create().host(host).port(0);
            if (certificate != null) {
                http = http.secure(spec -> spec.sslContext(certificate.serverContext()));
            }
            server = http.handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                            .flatMap(body -> {
                                seen.add(new Seen(request.method().name(), request.uri(),
                                        request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION),
                                        request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE), body));
                                return Mono.from(handler.apply(request, response));
                            }))
                    .bindNow();
            closeables.add(server::disposeNow);
        }

        String url() {
            return "http://" + server.host() + ":" + server.port();
        }
    }

    private NettySourceHttpClient client(String baseUrl, int retries) {
        return client(HttpClientSettings.of(baseUrl, HttpAuth.basic(USER, SECRET)).withRetryCount(retries));
    }

    private NettySourceHttpClient client(HttpClientSettings settings) {
        NettySourceHttpClient client = NettySourceHttpClient.create(settings.withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        closeables.add(client);
        return client;
    }

    private static Mono<Void> json(HttpServerResponse response, int status, String json) {
        return response.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(json)).then();
    }

    @Test
    void getJson_sendsBasicAuthAndReadsTheAnswer() {
        Server server = new Server("127.0.0.1", null, (request, response) -> json(response, 200, "{\"name\":\"jane\"}"));

        JsonNode answer = client(server.url(), 3).getJson("/rest/api/2/myself", JsonNode.class).block(TIMEOUT);

        assertThat(answer.get("name").asText()).isEqualTo("jane");
        assertThat(server.seen).singleElement().satisfies(seen -> {
            assertThat(seen.uri()).isEqualTo("/rest/api/2/myself");
            assertThat(seen.authorization()).isEqualTo(BASIC);
        });
    }

    @Test
    void getJson_bearerAuth_andBaseUrlWithContextPath() {
        Server server = new Server("127.0.0.1", null, (request, response) -> json(response, 200, "{}"));
        NettySourceHttpClient client = client(HttpClientSettings.of(server.url() + "/jira/", HttpAuth.bearer("pat-123")));

        client.getJson("rest/api/2/serverInfo?a=b", JsonNode.class).block(TIMEOUT);

        assertThat(server.seen.getFirst().uri()).isEqualTo("/jira/rest/api/2/serverInfo?a=b");
        assertThat(server.seen.getFirst().authorization()).isEqualTo("Bearer pat-123");
    }

    @Test
    void postJson_sendsAJsonBody() {
        Server server = new Server("127.0.0.1", null, (request, response) -> json(response, 200, "{\"ok\":true}"));

        JsonNode answer = client(server.url(), 0)
                .postJson("/rest/api/3/search/jql", Map.of("jql", "project = \"A\""), JsonNode.class).block(TIMEOUT);

        assertThat(answer.get("ok").asBoolean()).isTrue();
        assertThat(server.seen.getFirst().contentType()).isEqualTo("application/json");
        assertThat(server.seen.getFirst().body()).isEqualTo("{\"jql\":\"project = \\\"A\\\"\"}");
    }

    @Test
    void status429_waitsForRetryAfterThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        Server server = new Server("127.0.0.1", null, (request, response) -> calls.incrementAndGet() == 1
                ? response.status(429).header(HttpHeaderNames.RETRY_AFTER, "1").sendString(Mono.just("slow down")).then()
                : json(response, 200, "{\"n\":2}"));

        long start = System.nanoTime();
        JsonNode answer = client(server.url(), 3).getJson("/rest/api/3/field", JsonNode.class).block(TIMEOUT);

        assertThat(answer.get("n").asInt()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(calls).hasValue(2);
    }

    @Test
    void status429_retryAfterAboveTheCap_waitsOnlyTheCap() {
        AtomicInteger calls = new AtomicInteger();
        Server server = new Server("127.0.0.1", null, (request, response) -> calls.incrementAndGet() == 1
                ? response.status(429).header(HttpHeaderNames.RETRY_AFTER, "3600").send().then()
                : json(response, 200, "{}"));
        NettySourceHttpClient client = client(HttpClientSettings.of(server.url(), HttpAuth.none())
                .withMaxRetryAfter(Duration.ofMillis(100)));

        client.getJson("/x", JsonNode.class).block(TIMEOUT);

        assertThat(calls).hasValue(2);
    }

    @Test
    void status500_isRetriedUpToRetryCount() {
        AtomicInteger calls = new AtomicInteger();
        Server server = new Server("127.0.0.1", null, (request, response) -> calls.incrementAndGet() <= 3
                ? json(response, 500, "{\"errorMessages\":[\"boom\"],\"errors\":{}}")
                : json(response, 200, "{\"ok\":true}"));

        assertThat(client(server.url(), 3).getJson("/x", JsonNode.class).block(TIMEOUT).get("ok").asBoolean()).isTrue();
        assertThat(calls).hasValue(4);
    }

    @Test
    void status500_pastRetryCount_failsNamingMethodPathStatusAndAttempts() {
        Server server = new Server("127.0.0.1", null,
                (request, response) -> json(response, 500, "{\"errorMessages\":[\"boom\"],\"errors\":{}}"));

        assertThatThrownBy(() -> client(server.url(), 1).getJson("/rest/api/2/search?jql=x", JsonNode.class).block(TIMEOUT))
                .isInstanceOfSatisfying(HttpStatusException.class, error -> {
                    assertThat(error.status()).isEqualTo(500);
                    assertThat(error.attempts()).isEqualTo(2);
                    assertThat(error.path()).isEqualTo("/rest/api/2/search");
                    assertThat(error.getMessage())
                            .startsWith("GET /rest/api/2/search answered 500 Internal Server Error")
                            .contains("boom").contains("gave up after 2 attempts")
                            .doesNotContain("jql=x");
                });
        assertThat(server.seen).hasSize(2);
    }

    @Test
    void status401_failsAtOnceWithAClearMessage_andNeverLeaksTheCredentials() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<String> lines = new CopyOnWriteArrayList<>();
        ch.qos.logback.core.AppenderBase<ILoggingEvent> logs = new ch.qos.logback.core.AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(event.getFormattedMessage() + " " + (event.getThrowableProxy() == null ? ""
                        : event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage()));
            }
        };
        logs.start();
        root.addAppender(logs);
        Level level = root.getLevel();
        root.setLevel(Level.DEBUG);
        try {
            AtomicInteger calls = new AtomicInteger();
            Server server = new Server("127.0.0.1", null, (request, response) -> calls.incrementAndGet() == 1
                    ? json(response, 503, "{}")
                    : json(response, 401, "{\"errorMessages\":[\"You are not authenticated.\"],\"errors\":{}}"));

            Throwable error = client(server.url(), 3).getJson("/rest/api/2/myself", JsonNode.class)
                    .<Throwable>map(answer -> new AssertionError("expected a failure"))
                    .onErrorResume(Mono::just).block(TIMEOUT);

            assertThat(error).isInstanceOfSatisfying(HttpStatusException.class, http -> {
                assertThat(http.decision()).isEqualTo(StatusDecision.AUTHENTICATION);
                assertThat(http.getMessage()).startsWith("GET /rest/api/2/myself answered 401 Unauthorized")
                        .contains("credentials").contains("You are not authenticated.");
            });
            assertThat(calls).hasValue(2);
            String everything = error.getMessage() + error + String.join("\n", lines);
            assertThat(everything).doesNotContain(SECRET).doesNotContain(BASIC.substring(6)).doesNotContain(BASIC);
            assertThat(HttpAuth.basic(USER, SECRET).toString()).doesNotContain(SECRET);
            assertThat(HttpAuth.bearer(SECRET).toString()).doesNotContain(SECRET);
            assertThat(HttpClientSettings.of(server.url(), HttpAuth.basic(USER, SECRET)).toString()).doesNotContain(SECRET);
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
    }

    @Test
    void status404_isNotRetried() {
        Server server = new Server("127.0.0.1", null, (request, response) -> json(response, 404,
                "{\"errorMessages\":[\"No project could be found with key 'NOPE'.\"],\"errors\":{}}"));

        assertThatThrownBy(() -> client(server.url(), 3).getJson("/rest/api/2/project/NOPE", JsonNode.class).block(TIMEOUT))
                .isInstanceOfSatisfying(HttpStatusException.class, error -> {
                    assertThat(error.decision()).isEqualTo(StatusDecision.NOT_FOUND);
                    assertThat(error.responseBody()).contains("NOPE");
                });
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void connectionRefused_isRetriedThenReportedAsTransportError() {
        Server server = new Server("127.0.0.1", null, (request, response) -> json(response, 200, "{}"));
        String url = server.url();
        server.server.disposeNow();

        assertThatThrownBy(() -> client(url, 2).getJson("/rest/api/2/myself", JsonNode.class).block(TIMEOUT))
                .isInstanceOfSatisfying(HttpTransportException.class, error -> {
                    assertThat(error.attempts()).isEqualTo(3);
                    assertThat(error.getMessage()).startsWith("GET /rest/api/2/myself failed");
                });
    }

    @Test
    void notJson_failsWithTheStartOfTheBody() {
        Server server = new Server("127.0.0.1", null, (request, response) -> response.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/html").sendString(Mono.just("<html>login</html>")).then());

        assertThatThrownBy(() -> client(server.url(), 0).getJson("/rest/api/2/myself", JsonNode.class).block(TIMEOUT))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("GET /rest/api/2/myself answered a body that is not the expected JSON")
                .hasMessageContaining("<html>login");
    }

    @Test
    void download_streamsTheBytes_andFollowsA303ToAnotherHostWithoutAuthorization() {
        byte[] file = new byte[300_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 31);
        }
        Server media = new Server("localhost", null, (request, response) -> response.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                .sendByteArray(Mono.just(file)).then());
        Server jira = new Server("127.0.0.1", null, (request, response) -> response.status(303)
                .header(HttpHeaderNames.LOCATION, media.url() + "/file/abc?token=t").send().then());

        byte[] downloaded = collect(client(jira.url(), 3).download("/rest/api/3/attachment/content/10001"));

        assertThat(downloaded).isEqualTo(file);
        assertThat(jira.seen.getFirst().authorization()).isEqualTo(BASIC);
        assertThat(media.seen.getFirst().uri()).isEqualTo("/file/abc?token=t");
        assertThat(media.seen.getFirst().authorization()).isNull();
    }

    @Test
    void download_sameOriginRedirect_keepsAuthorization_andRetries500() {
        AtomicInteger calls = new AtomicInteger();
        Map<String, Integer> hits = new ConcurrentHashMap<>();
        Server server = new Server("127.0.0.1", null, (request, response) -> {
            hits.merge(request.path(), 1, Integer::sum);
            if (request.uri().startsWith("/secure")) {
                return response.status(302).header(HttpHeaderNames.LOCATION, "/files/a.txt").send().then();
            }
            return calls.incrementAndGet() == 1
                    ? response.status(502).send().then()
                    : response.status(200).sendString(Mono.just("hello")).then();
        });

        byte[] downloaded = collect(client(server.url(), 3).download("/secure/attachment/1/a.txt"));

        assertThat(new String(downloaded, StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(server.seen).allSatisfy(seen -> assertThat(seen.authorization()).isEqualTo(BASIC));
        assertThat(calls).hasValue(2);
    }

    @Test
    void download_404_failsNamingThePath() {
        Server server = new Server("127.0.0.1", null, (request, response) -> response.status(404).send().then());

        assertThatThrownBy(() -> collect(client(server.url(), 3).download("/secure/attachment/9/gone.pdf")))
                .isInstanceOfSatisfying(HttpStatusException.class,
                        error -> assertThat(error.getMessage()).startsWith("GET /secure/attachment/9/gone.pdf answered 404"));
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void tls_withTheServersCaAsSslCa_connects_andWithoutIt_failsClearlyWithoutRetrying() {
        TestCertificate certificate = TestCertificate.create();
        Server server = new Server("127.0.0.1", certificate, (request, response) -> json(response, 200, "{\"tls\":true}"));
        String url = "https://127.0.0.1:" + server.server.port();

        NettySourceHttpClient trusting = client(HttpClientSettings.of(url, HttpAuth.none()).withSslCa(certificate.pem()));
        assertThat(trusting.getJson("/rest/api/2/serverInfo", JsonNode.class).block(TIMEOUT).get("tls").asBoolean()).isTrue();

        NettySourceHttpClient distrusting = client(HttpClientSettings.of(url, HttpAuth.none()));
        assertThatThrownBy(() -> distrusting.getJson("/rest/api/2/serverInfo", JsonNode.class).block(TIMEOUT))
                .isInstanceOfSatisfying(HttpTransportException.class, error -> {
                    assertThat(error.retriable()).isFalse();
                    assertThat(error.attempts()).isEqualTo(1);
                    assertThat(error.getMessage()).contains("GET /rest/api/2/serverInfo failed").contains("ssl_ca");
                });
    }

    @Test
    void sslCa_thatIsNotACertificate_isAClearConfigurationError() {
        assertThatThrownBy(() -> NettySourceHttpClient.create(HttpClientSettings.of("https://127.0.0.1:1", HttpAuth.none())
                .withSslCa("-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("The SSL certificate (ssl_ca) cannot be used");
    }

    private static byte[] collect(reactor.core.publisher.Flux<ByteBuffer> content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.doOnNext(buffer -> {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.writeBytes(bytes);
        }).blockLast(TIMEOUT);
        return out.toByteArray();
    }
}
