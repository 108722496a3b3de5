package io.connectors.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * What the SDK's signer adds to a request. AWS's published test vectors are checked in ftest
 * ({@code SigV4VerifierTest}) against the mock's independent verifier, which then verifies every request this signer
 * signs: the SDK's signer always signs {@code x-amz-content-sha256} as well, so its output cannot equal the suite's
 * (which has no such header) byte for byte.
 */
class SigV4Test {

    private static final AwsBasicCredentials SUITE_CREDENTIALS =
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Clock SUITE_CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    private static final URI URI_ = URI.create("https://qbusiness.us-east-1.api.aws/applications/a/indices/i/documents");

    private final SigV4 signer = new SigV4("qbusiness", "us-east-1", SUITE_CLOCK);

    @Test
    void sign_post_addsDateAuthorizationAndPayloadHash() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signer.sign("POST", URI_, Map.of("Content-Type", "application/json"), body, SUITE_CREDENTIALS);

        assertThat(headers).containsEntry("X-Amz-Date", "20150830T123600Z")
                .containsEntry("Host", "qbusiness.us-east-1.api.aws")
                // sha256("{}")
                .containsEntry("x-amz-content-sha256", "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assertThat(headers.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                + "qbusiness/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=");
    }

    @Test
    void sign_sessionCredentials_signsSecurityToken() {
        Map<String, String> headers = signer.sign("GET", URI_, Map.of(), new byte[0],
                AwsSessionCredentials.create("AKIDEXAMPLE", "fake-secret", "fake-session-token"));

        assertThat(headers).containsEntry("X-Amz-Security-Token", "fake-session-token");
        assertThat(headers.get("Authorization")).contains("x-amz-security-token");
    }

    @Test
    void sign_differentSecret_changesSignature() {
        Map<String, String> good = signer.sign("GET", URI_, Map.of(), new byte[0], SUITE_CREDENTIALS);
        Map<String, String> other = signer.sign("GET", URI_, Map.of(), new byte[0],
                AwsBasicCredentials.create("AKIDEXAMPLE", "another-fake-secret"));

        assertThat(other.get("Authorization")).isNotEqualTo(good.get("Authorization"));
    }
}
