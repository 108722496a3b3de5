package io.connectors.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.http.HttpAuth;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.core.testing.TestCertificate;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

/** Everything from a source is bounded: answer size after decompression, time per request and download, redirects. */
class SourceHttpBoundsIT {

    private static final Duration VERIFY = Duration.ofSeconds(20);

    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private String serve(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle(handler).bindNow();
        closeables.add(server::disposeNow);
        return "http://127.0.0.1:" + server.port();
    }

    private NettySourceHttpClient client(HttpClientSettings settings) {
        NettySourceHttpClient client = NettySourceHttpClient.create(settings.withRetryCount(0));
        closeables.add(client);
        return client;
    }

    private static byte[] gzipOfZeros(int size) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(new byte[size]);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void get_gzipBomb_failsAtTheDecompressedCap() {
        byte[] bomb = gzipOfZeros(64 << 20); // 64 MiB of zeros in about 64 KiB
        String url = serve((request, response) -> response.header(HttpHeaderNames.CONTENT_ENCODING, "gzip")
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json").sendByteArray(Mono.just(bomb)));
        NettySourceHttpClient client = client(HttpClientSettings.of(url, HttpAuth.none()).withMaxResponseBytes(1 << 20));

        StepVerifier.create(client.get("/rest/api/3/search/jql"))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("/rest/api/3/search/jql")
                        .hasMessageContaining("larger than"))
                .verify(VERIFY);
    }

    @Test
    void get_endlessPage_failsAtTheCapWithoutReadingItAll() {
        AtomicInteger chunks = new AtomicInteger();
        byte[] chunk = new byte[64 << 10];
        String url = serve((request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .send(Flux.range(0, 32 << 10).map(i -> { // 2 GiB
                    chunks.incrementAndGet();
                    return Unpooled.wrappedBuffer(chunk);
                })));
        NettySourceHttpClient client = client(HttpClientSettings.of(url, HttpAuth.none()).withMaxResponseBytes(1 << 20));

        StepVerifier.create(client.get("/big")).expectErrorMessage("GET /big answered more than 1048576 bytes (larger than"
                        + " the cap of 1.0 MiB); the request is abandoned").verify(VERIFY);
        assertThat(chunks.get()).as("the server was not read to the end").isLessThan(32 << 10);
    }

    @Test
    void get_bytesDrippingFasterThanTheIdleTimeout_failAtTheRequestDeadline() {
        String url = serve((request, response) -> response.sendString(
                Flux.interval(Duration.ofMillis(100)).map(i -> " ")));
        NettySourceHttpClient client = client(HttpClientSettings.of(url, HttpAuth.none())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
                .withDeadlines(Duration.ofSeconds(2), Duration.ofSeconds(2)));

        StepVerifier.create(client.get("/drip"))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("/drip").hasMessageContaining("2 s"))
                .verify(VERIFY);
    }

    @Test
    void download_bytesDrippingForever_failsAtTheDownloadDeadline() {
        String url = serve((request, response) -> response.sendString(
                Flux.interval(Duration.ofMillis(100)).map(i -> "x")));
        NettySourceHttpClient client = client(HttpClientSettings.of(url, HttpAuth.none())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
                .withDeadlines(Duration.ofSeconds(2), Duration.ofSeconds(2)));

        StepVerifier.create(client.download("/file").then())
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("/file"))
                .verify(VERIFY);
    }

    @Test
    void redirect_fromHttpsToHttp_isRefused() {
        String plain = serve((request, response) -> response.sendString(Mono.just("downgraded")));
        TestCertificate certificate = TestCertificate.create();
        DisposableServer tls = HttpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(certificate.serverContext()))
                .handle((request, response) -> response.status(302).header(HttpHeaderNames.LOCATION, plain + "/landing").send())
                .bindNow();
        closeables.add(tls::disposeNow);
        NettySourceHttpClient client = client(HttpClientSettings.of("https://127.0.0.1:" + tls.port(), HttpAuth.none())
                .withSslCa(certificate.pem()));

        StepVerifier.create(client.get("/start"))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("https").hasMessageContaining("http:"))
                .verify(VERIFY);
        StepVerifier.create(client.download("/start").then())
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("refused"))
                .verify(VERIFY);
    }

    @Test
    void redirectPolicy_internalTargets_refusedUnlessTheBaseIsInternal() {
        java.net.URI publicBase = java.net.URI.create("https://jira.example.com");
        for (String target : List.of("https://127.0.0.1/x", "https://[::1]/x", "https://169.254.169.254/latest/meta-data",
                "https://10.1.2.3/x", "https://192.168.0.10/x", "https://172.16.5.4/x", "https://[fd00::1]/x", "https://0.0.0.0/x")) {
            assertThat(RedirectPolicy.refusal(publicBase, false, java.net.URI.create(target), RedirectPolicy::addresses))
                    .as(target).isNotNull();
        }
        assertThat(RedirectPolicy.refusal(publicBase, false, java.net.URI.create("https://93.184.216.34/media"), RedirectPolicy::addresses))
                .isNull();
        assertThat(RedirectPolicy.refusal(java.net.URI.create("http://127.0.0.1:8080"), true,
                java.net.URI.create("http://localhost:8080/media"), RedirectPolicy::addresses)).isNull();
        assertThat(RedirectPolicy.refusal(publicBase, false, java.net.URI.create("http://jira.example.com/x"), RedirectPolicy::addresses))
                .contains("https");
    }
}
