package io.connectors.ftest.qbusiness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes an AWS Signature Version 4 from the request as received, with the known test secret, the way the
 * service does. Written here from the published specification, on purpose not with the AWS SDK: the sink signs with
 * the SDK, and a mock that verified with the same code would prove nothing. {@code SigV4VerifierTest} checks it
 * against AWS's published test suite.
 */
public final class SigV4Verifier {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

    private final String accessKeyId;
    private final String secret;
    private final String region;
    private final String service;

    public SigV4Verifier(String accessKeyId, String secret, String region, String service) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
        this.service = service;
    }

    /** Why a request is refused, as the service names it ({@code X-Amzn-ErrorType}), with a message. */
    public record Rejection(String errorType, String message) {}

    /**
     * Null when the signature is right; otherwise why not.
     *
     * @param headers every request header, names in any case
     * @param rawPath the path as sent (percent-encoded)
     * @param rawQuery the query as sent, without {@code ?} (may be empty)
     */
    public Rejection verify(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        String authorization = lower.get("authorization");
        if (authorization == null) {
            return new Rejection("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return new Rejection("IncompleteSignatureException", "Authorization header is not a SigV4 header");
        }
        if (!m.group(1).equals(accessKeyId)) {
            return new Rejection("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String amzDate = lower.get("x-amz-date");
        if (amzDate == null || !amzDate.startsWith(m.group(2)) || !m.group(3).equals(region) || !m.group(4).equals(service)) {
            return new Rejection("InvalidSignatureException", "Credential should be scoped to a valid region and service, and the date");
        }
        String payloadHash = hex(sha256(body));
        String sentHash = lower.get("x-amz-content-sha256");
        if (sentHash != null && !sentHash.equals(payloadHash)) {
            return new Rejection("InvalidSignatureException", "The provided x-amz-content-sha256 header does not match the body");
        }
        String expected = signature(method, rawPath, rawQuery, lower, m.group(5), amzDate, payloadHash);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(6).getBytes(StandardCharsets.US_ASCII))) {
            return new Rejection("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
        }
        return null;
    }

    /** The signature of a request, from headers named in lower case. */
    String signature(String method, String rawPath, String rawQuery, Map<String, String> lowerHeaders, String signedHeaders,
                     String amzDate, String payloadHash) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n').append(canonicalPath(rawPath)).append('\n').append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders.split(";")) {
            String value = lowerHeaders.getOrDefault(name, "");
            canonical.append(name).append(':').append(value.strip().replaceAll("\\s+", " ")).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** Every service but S3 encodes each path segment once more (so {@code %} becomes {@code %25}). */
    private static String canonicalPath(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            segments.add(encode(segment));
        }
        return String.join("/", segments);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = encode(decode(eq < 0 ? pair : pair.substring(0, eq)));
            String value = eq < 0 ? "" : encode(decode(pair.substring(eq + 1)));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        List<String> out = new ArrayList<>();
        params.forEach((name, values) -> values.stream().sorted().forEach(value -> out.add(name + "=" + value)));
        return String.join("&", out);
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986: unreserved characters as they are, every other byte as %XX in upper case. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
