package io.connectors.core.testing;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * A throw-away self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool (no extra library),
 * for loopback TLS servers in tests: {@link #serverContext()} for the server, {@link #pem()} for the client's
 * trusted CA.
 */
public final class TestCertificate {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final Path keystore;
    private final String pem;

    private TestCertificate(Path keystore, String pem) {
        this.keystore = keystore;
        this.pem = pem;
    }

    public static TestCertificate create() {
        try {
            Path dir = Files.createTempDirectory("test-cert");
            Path keystore = dir.resolve("server.p12");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
            String pem = keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(),
                    "-storepass", new String(PASSWORD));
            keystore.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return new TestCertificate(keystore, pem);
        } catch (IOException e) {
            throw new IllegalStateException("keytool failed", e);
        }
    }

    /** The certificate in PEM, as a user pastes it into {@code ssl_ca}. */
    public String pem() {
        return pem;
    }

    /** The certificate and its private key as PEM files (PKCS#8 key) in {@code dir}: {@code [certificate, key]}. */
    public Path[] writePem(Path dir) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            java.security.Key key = store.getKey("server", PASSWORD);
            Path certificate = dir.resolve("listener.crt");
            Path keyFile = dir.resolve("listener.key");
            Files.writeString(certificate, pem);
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return new Path[] {certificate, keyFile};
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the PEM files", e);
        }
    }

    public SslContext serverContext() {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            return SslContextBuilder.forServer(keys).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }

    private static String keytool(String... args) throws IOException {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
