package io.connectors.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.server.WebhookSignature.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"webhookEvent\":\"jira:issue_updated\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void verify_signatureOfTheBodyWithTheSecret_isValid() {
        assertThat(WebhookSignature.verify("test-secret", BODY, WebhookSignature.sign("test-secret", BODY))).isEqualTo(Verdict.VALID);
    }

    @Test
    void verify_knownVector_matchesAnIndependentHmac() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertThat(WebhookSignature.verify("Jefe", body,
                "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify("Jefe", body,
                "SHA256=5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843")).as("hex case does not matter")
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void verify_otherSecretOrChangedBody_isInvalid() {
        String signature = WebhookSignature.sign("test-secret", BODY);
        assertThat(WebhookSignature.verify("other-secret", BODY, signature)).isEqualTo(Verdict.INVALID);
        byte[] changed = BODY.clone();
        changed[changed.length - 2] = 'X';
        assertThat(WebhookSignature.verify("test-secret", changed, signature)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void verify_noHeader_isMissing() {
        assertThat(WebhookSignature.verify("test-secret", BODY, null)).isEqualTo(Verdict.MISSING);
        assertThat(WebhookSignature.verify("test-secret", BODY, " ")).isEqualTo(Verdict.MISSING);
    }

    @Test
    void verify_malformedHeader_isInvalid() {
        String hex = WebhookSignature.sign("test-secret", BODY).substring("sha256=".length());
        assertThat(WebhookSignature.verify("test-secret", BODY, hex)).as("no algorithm prefix").isEqualTo(Verdict.INVALID);
        assertThat(WebhookSignature.verify("test-secret", BODY, "sha1=" + hex)).isEqualTo(Verdict.INVALID);
        assertThat(WebhookSignature.verify("test-secret", BODY, "sha256=not-hex")).isEqualTo(Verdict.INVALID);
        assertThat(WebhookSignature.verify("test-secret", BODY, "sha256=" + hex.substring(2))).as("truncated").isEqualTo(Verdict.INVALID);
    }
}
