package io.connectors.ftest.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mock's verifier against AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite), with its
 * example credentials ({@code AKIDEXAMPLE}), date 2015-08-30T12:36:00Z, region us-east-1 and service "service".
 */
class SigV4VerifierTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String DATE = "20150830T123600Z";
    private final SigV4Verifier verifier = new SigV4Verifier("AKIDEXAMPLE", SECRET, "us-east-1", "service");

    private static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders="
                + signedHeaders + ", Signature=" + signature;
    }

    @Test
    void verify_getVanilla_acceptsPublishedSignature() {
        Map<String, String> headers = Map.of("Host", "example.amazonaws.com", "X-Amz-Date", DATE, "Authorization",
                authorization("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));

        assertThat(verifier.verify("GET", "/", "", headers, new byte[0])).isNull();
    }

    @Test
    void verify_postVanilla_acceptsPublishedSignature() {
        Map<String, String> headers = Map.of("Host", "example.amazonaws.com", "X-Amz-Date", DATE, "Authorization",
                authorization("host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));

        assertThat(verifier.verify("POST", "/", "", headers, new byte[0])).isNull();
    }

    @Test
    void verify_postFormBody_acceptsPublishedSignature() {
        Map<String, String> headers = Map.of("Host", "example.amazonaws.com", "X-Amz-Date", DATE,
                "Content-Type", "application/x-www-form-urlencoded", "Authorization",
                authorization("content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));

        assertThat(verifier.verify("POST", "/", "", headers, "Param1=value1".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void verify_getQueryOrder_acceptsPublishedSignature() {
        Map<String, String> headers = Map.of("Host", "example.amazonaws.com", "X-Amz-Date", DATE, "Authorization",
                authorization("host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));

        assertThat(verifier.verify("GET", "/", "Param2=value2&Param1=value1", headers, new byte[0])).isNull();
    }

    @Test
    void verify_alteredBody_isRejectedAsInvalidSignature() {
        Map<String, String> headers = Map.of("Host", "example.amazonaws.com", "X-Amz-Date", DATE,
                "Content-Type", "application/x-www-form-urlencoded", "Authorization",
                authorization("content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));

        assertThat(verifier.verify("POST", "/", "", headers, "Param1=value2".getBytes(StandardCharsets.UTF_8)).errorType())
                .isEqualTo("InvalidSignatureException");
    }

    @Test
    void verify_unknownKeyOrNoHeader_isRejectedWithTheServiceErrorType() {
        SigV4Verifier other = new SigV4Verifier("AKIDOTHER", SECRET, "us-east-1", "service");
        Map<String, String> headers = Map.of("X-Amz-Date", DATE, "Authorization",
                authorization("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));

        assertThat(other.verify("GET", "/", "", headers, new byte[0]).errorType()).isEqualTo("UnrecognizedClientException");
        assertThat(verifier.verify("GET", "/", "", Map.of(), new byte[0]).errorType()).isEqualTo("MissingAuthenticationTokenException");
    }
}
