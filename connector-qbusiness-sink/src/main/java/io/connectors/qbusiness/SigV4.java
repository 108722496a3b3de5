package io.connectors.qbusiness;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs one HTTP request with AWS Signature Version 4, through the AWS SDK's own signer ({@code http-auth-aws}): no
 * hand-written canonicalisation. The generated Q Business client is not served by the registries here, so requests
 * are built by hand and only their signature comes from the SDK.
 */
final class SigV4 {

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String service;
    private final String region;
    private final Clock clock;

    SigV4(String service, String region, Clock clock) {
        this.service = service;
        this.region = region;
        this.clock = clock;
    }

    /**
     * The headers to send: {@code headers} plus {@code Authorization}, {@code X-Amz-Date} and, for session
     * credentials, {@code X-Amz-Security-Token}. {@code Host} is signed from {@code uri} and returned too, so the
     * client sends exactly what was signed.
     */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, AwsCredentialsIdentity credentials) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            out.put(header.getKey(), String.join(",", header.getValue()));
        }
        if (out.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("https".equals(uri.getScheme()) && port == 443)
                    || ("http".equals(uri.getScheme()) && port == 80);
            out.put("Host", defaultPort ? uri.getHost() : uri.getHost() + ":" + port);
        }
        return out;
    }
}
