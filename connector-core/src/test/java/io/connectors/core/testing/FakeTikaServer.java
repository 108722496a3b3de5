package io.connectors.core.testing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback stand-in for Apache Tika Server that speaks its wire format: {@code PUT /tika} with the file as the body
 * and {@code Accept: text/plain} answers 200 with the text. Its "parsing" is an echo of the body as UTF-8 (enough to
 * follow bytes end to end), and the filename in {@code Content-Disposition} picks the answers Tika Server gives for
 * hard files: {@code encrypted.*} 422 with an EncryptedDocumentException, {@code corrupt.*} 422 with a TikaException,
 * {@code unknown.*} 415, {@code slow.*} an answer after 10 s, {@code huge.*} 50 MiB of text streamed.
 */
public final class FakeTikaServer implements AutoCloseable {

    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    /** What one request carried. */
    public record Request(String method, String uri, HttpHeaders headers, byte[] body) {
        public String header(CharSequence name) {
            return headers.get(name);
        }
    }

    private final DisposableServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger hugeAnswersCutShort = new AtomicInteger();

    private FakeTikaServer() {
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
    }

    public static FakeTikaServer start() {
        return new FakeTikaServer();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** {@code huge.*} answers the client stopped reading before their end. */
    public int hugeAnswersCutShort() {
        return hugeAnswersCutShort.get();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            requests.add(new Request(request.method().name(), request.uri(), request.requestHeaders().copy(), body));
            if (!request.method().name().equals("PUT") || !request.uri().equals("/tika")) {
                return response.status(405).send();
            }
            if (!"text/plain".equals(request.requestHeaders().get(HttpHeaderNames.ACCEPT))) {
                return response.status(406).sendString(Mono.just("only text/plain is answered here")).then();
            }
            String filename = filename(request.requestHeaders().get(HttpHeaderNames.CONTENT_DISPOSITION));
            if (filename.startsWith("encrypted.")) {
                return response.status(422).sendString(Mono.just(
                        "org.apache.tika.exception.EncryptedDocumentException: Unable to process: document is encrypted\n\tat ...")).then();
            }
            if (filename.startsWith("corrupt.")) {
                return response.status(422).sendString(Mono.just(
                        "org.apache.tika.exception.TikaException: Unable to extract PDF content\n\tat ...")).then();
            }
            if (filename.startsWith("unknown.")) {
                return response.status(415).send();
            }
            if (filename.startsWith("huge.")) {
                return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                        .sendString(Flux.range(0, 50 * 1024).map(i -> "word" + i + " ".repeat(1019 - String.valueOf(i).length()))
                                .doOnCancel(hugeAnswersCutShort::incrementAndGet))
                        .then();
            }
            Mono<Void> answer = response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .sendString(Mono.just(new String(body, StandardCharsets.UTF_8) + "\n\n")).then();
            return filename.startsWith("slow.") ? Mono.delay(Duration.ofSeconds(10)).then(answer) : answer;
        });
    }

    private static String filename(String disposition) {
        if (disposition == null) {
            return "";
        }
        Matcher matcher = FILENAME.matcher(disposition);
        return matcher.find() ? matcher.group(1) : "";
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
