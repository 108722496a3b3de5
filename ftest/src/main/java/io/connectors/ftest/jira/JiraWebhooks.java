package io.connectors.ftest.jira;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The mock's webhook: where Jira posts its events, signed as Jira Cloud and Data Center sign them (header
 * {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body with the webhook's secret>}), asynchronously after the
 * change, as Jira does. Outcomes are counted by HTTP status for the tests.
 */
final class JiraWebhooks {

    /** Where to post and with which secret; a {@code null} secret sends no signature. */
    record Target(String url, @Nullable String secret) {}

    private final AtomicReference<@Nullable Target> target = new AtomicReference<>();
    private final HttpClient client = HttpClient.create().responseTimeout(Duration.ofSeconds(10));
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();

    void target(@Nullable Target value) {
        target.set(value);
    }

    /** Posts {@code body} to the target, if one is set; returns when the answer came (or at once without target). */
    Mono<Integer> send(ObjectNode body) {
        Target current = target.get();
        if (current == null) {
            return Mono.empty();
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return client.headers(headers -> {
                    headers.set("Content-Type", "application/json");
                    if (current.secret() != null) {
                        headers.set("X-Hub-Signature", sign(current.secret(), bytes));
                    }
                })
                .post().uri(current.url())
                .send(Mono.fromSupplier(() -> io.netty.buffer.Unpooled.wrappedBuffer(bytes)))
                .response((response, content) -> content.then(Mono.just(response.status().code())))
                .next()
                .doOnNext(status -> statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet())
                .doOnError(error -> failed.incrementAndGet())
                .onErrorResume(error -> Mono.empty());
    }

    /** Statuses answered to the webhooks sent, and {@code failed}: posts that got no answer. */
    Map<String, Integer> stats() {
        Map<String, Integer> stats = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> stats.put(Integer.toString(status), count.get()));
        stats.put("failed", failed.get());
        return stats;
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
