package io.connectors.core.server;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Jira's webhook signature: header {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the
 * webhook's secret>} (the WebSub convention Jira Cloud and Data Center follow). Compared in constant time
 * ({@link MessageDigest#isEqual}), so a caller cannot learn the signature byte by byte from response times.
 */
final class WebhookSignature {

    static final String HEADER = "X-Hub-Signature";
    private static final String PREFIX = "sha256=";
    private static final HexFormat HEX = HexFormat.of();

    /** What a request's signature is worth. */
    enum Verdict { VALID, MISSING, INVALID }

    private WebhookSignature() {
    }

    static Verdict verify(String secret, byte[] body, @Nullable String header) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return Verdict.INVALID;
        }
        byte[] given;
        try {
            given = HEX.parseHex(value.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return Verdict.INVALID;
        }
        return MessageDigest.isEqual(hmac(secret, body), given) ? Verdict.VALID : Verdict.INVALID;
    }

    /** The header value Jira would send for {@code body}: for tests and the mock. */
    static String sign(String secret, byte[] body) {
        return PREFIX + HEX.formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
