package io.connectors.core.es;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.api.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;

/** Builds the Elasticsearch client every part of the runtime shares: one connection pool per process. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {}

    /** A client; closing its transport ({@code client._transport().close()}) releases the pool. */
    public static ElasticsearchAsyncClient create(ElasticsearchConnection connection, ObjectMapper mapper) {
        Rest5ClientBuilder builder = Rest5Client.builder(connection.host());
        List<Header> headers = new ArrayList<>();
        // elasticsearch.headers as given; configured credentials win over an Authorization header among them
        boolean credentials = connection.apiKey() != null || connection.username() != null;
        connection.headers().forEach((name, value) -> {
            if (!(credentials && name.equalsIgnoreCase("Authorization"))) {
                headers.add(new BasicHeader(name, value));
            }
        });
        if (connection.apiKey() != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + connection.apiKey()));
        } else if (connection.username() != null) {
            String pair = connection.username() + ":" + (connection.password() == null ? "" : connection.password());
            headers.add(new BasicHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        builder.setDefaultHeaders(headers.toArray(Header[]::new));
        long timeoutMillis = connection.requestTimeout().toMillis();
        builder.setRequestConfigCallback(config -> config
                .setConnectionRequestTimeout(Timeout.of(timeoutMillis, TimeUnit.MILLISECONDS))
                .setResponseTimeout(Timeout.of(timeoutMillis, TimeUnit.MILLISECONDS)));
        builder.setConnectionConfigCallback(config -> config
                .setConnectTimeout(Timeout.ofSeconds(10))
                .setSocketTimeout(Timeout.of(timeoutMillis, TimeUnit.MILLISECONDS)));
        if ("https".equalsIgnoreCase(connection.host().getScheme())) {
            builder.setSSLContext(sslContext(connection));
        } else {
            // plain http never uses it; left unset, the builder would load the JDK's default one (its trust store's
            // ~150 certificates parsed into the heap)
            builder.setSSLContext(unusedSslContext());
        }
        // Elasticsearch sets no cookies; the default cookie specs load the public suffix list (1 MiB of heap)
        builder.setHttpClientConfigCallback(client -> client.disableCookieManagement());
        Rest5Client restClient = builder.build();
        return new ElasticsearchAsyncClient(new Rest5ClientTransport(restClient, new JacksonJsonpMapper(mapper)));
    }

    public static void close(ElasticsearchAsyncClient client) {
        try {
            client._transport().close();
        } catch (IOException e) {
            // closing a pool: nothing left to do about it
        }
    }

    private static SSLContext unusedSslContext() {
        try {
            return SSLContext.getInstance("TLS");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no TLS: " + e.getMessage(), e);
        }
    }

    private static SSLContext sslContext(ElasticsearchConnection connection) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (!connection.verifyCerts()) {
                context.init(null, new TrustManager[] {new TrustAll()}, null);
            } else if (connection.caCerts() != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(connection.caCerts())) {
                    int i = 0;
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, certificate);
                    }
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                context.init(null, factory.getTrustManagers(), null);
            } else {
                context.init(null, null, null);
            }
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConnectorException("cannot set up TLS to Elasticsearch with ca_certs " + connection.caCerts()
                    + ": " + e.getMessage() + " (check elasticsearch.ca_certs in config.yml)", e);
        }
    }

    /** For {@code verify_certs: false}, as Elastic's service allows: the operator's explicit choice. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
