package io.connectors.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.config.HttpListenerConfig;
import io.connectors.core.service.Daemon;
import io.connectors.core.testing.TestCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener alone, with Elasticsearch unreachable (a closed loopback port): what needs no cluster. Webhooks against
 * a real cluster and Jira are in ftest's {@code JiraWebhooksIT}.
 */
class DaemonHttpServerTest {

    private Daemon daemon;
    private ConnectorsConfig config;

    @BeforeEach
    void daemon() {
        config = ConfigLoader.parse("""
                elasticsearch:
                  host: http://127.0.0.1:9
                  request_timeout: 1
                service:
                  http:
                    port: 0
                """, "listener-test.yml", Map.of());
        daemon = Daemon.create(config);
    }

    @AfterEach
    void close() {
        daemon.close();
    }

    @Test
    void health_elasticsearchUnreachable_answers503NotReady() throws Exception {
        try (DaemonHttpServer server = DaemonHttpServer.start(daemon.context(), daemon.service(), config.service().http())) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("\"live\":true").contains("\"ready\":false").contains("\"reachable\":false");
        }
    }

    @Test
    void start_withCertificateAndKey_servesHttpsOnly(@TempDir Path dir) throws Exception {
        TestCertificate certificate = TestCertificate.create();
        Path[] pem = certificate.writePem(dir);
        HttpListenerConfig tls = config.service().http().withTls(pem[0], pem[1]);
        try (DaemonHttpServer server = DaemonHttpServer.start(daemon.context(), daemon.service(), tls)) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate.pem())).build();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("connectors_webhook_queue_depth");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString())).as("plain HTTP is not served").isInstanceOf(Exception.class);
        }
    }

    @Test
    void start_certificateWithoutKey_refusedNamingTheKeys(@TempDir Path dir) {
        Path[] pem = TestCertificate.create().writePem(dir);
        HttpListenerConfig half = new HttpListenerConfig(0, "127.0.0.1", pem[0], null, 1 << 20, 10, 1, Duration.ZERO);
        assertThatThrownBy(() -> DaemonHttpServer.start(daemon.context(), daemon.service(), half))
                .hasMessageContaining("service.http.tls_certificate and service.http.tls_key go together");
    }

    @Test
    void start_listenerOff_refused() {
        assertThatThrownBy(() -> DaemonHttpServer.start(daemon.context(), daemon.service(), HttpListenerConfig.off()))
                .hasMessageContaining("service.http.port is not set");
    }

    private static SSLContext trusting(String pem) throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("listener", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
