package io.connectors.core.extraction;

import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * Extraction by a running Apache Tika Server ({@code extraction_service.host}): {@code PUT /tika} with the file as
 * the body, {@code Accept: text/plain} and the filename in {@code Content-Disposition}; the answer is plain text.
 * The text is read as it streams, reduced and capped like in-process text: past the cap the response is canceled,
 * so a huge answer is never held whole. 415 means an unsupported type, 422 a file Tika could not parse (encrypted
 * when the server says so), anything else or no answer within {@code tikaServerTimeout} skips the file.
 */
final class TikaServerClient implements TextParser {

    private static final int MAX_ERROR_BODY = 2048;

    private final URI server;
    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Duration timeout;
    private final long maxTextBytes;
    private final int streamChunkSize;

    TikaServerClient(ExtractionSettings settings) {
        this.server = java.util.Objects.requireNonNull(settings.tikaServer(), "extraction_service.host");
        this.timeout = settings.tikaServerTimeout();
        this.maxTextBytes = settings.maxTextBytes();
        this.streamChunkSize = settings.server().streamChunkSize();
        this.connections = ConnectionProvider.builder("tika-server")
                .maxConnections(settings.parserThreads())
                .pendingAcquireMaxCount(-1) // callers are bounded already (concurrent_downloads); each waits at most its timeout
                .build();
        String base = server.toString();
        this.client = HttpClient.create(connections).baseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    @Override
    public Mono<ParsedText> parse(Path file, long size, String filename) {
        return client
                .headers(headers -> headers
                        .set(HttpHeaderNames.ACCEPT, "text/plain")
                        .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + asciiName(filename) + "\"")
                        .set(HttpHeaderNames.CONTENT_LENGTH, size))
                .put()
                .uri("/tika")
                .send((request, out) -> out.send(ByteBufFlux.fromPath(file, streamChunkSize)))
                .response(this::read)
                .next()
                .timeout(timeout, Mono.error(() -> new ExtractionFailedException(SkipReason.TIMED_OUT,
                        "the Tika Server at " + server + " did not answer within " + timeout.toSeconds() + " s", size)))
                .onErrorMap(error -> !(error instanceof ExtractionFailedException), error -> new ExtractionFailedException(
                        SkipReason.FAILED, "the Tika Server at " + server + " failed: " + ExtractionFailedException.describe(error), size));
    }

    private Mono<ParsedText> read(HttpClientResponse response, ByteBufFlux body) {
        int status = response.status().code();
        if (status == 200 || status == 204) {
            ReducedText text = new ReducedText(maxTextBytes);
            Utf8Decoder decoder = new Utf8Decoder();
            return body.asByteArray()
                    .takeWhile(chunk -> text.append(decoder.decode(chunk))) // false once full: cancels the response
                    .then(Mono.fromSupplier(() -> {
                        text.append(decoder.finish());
                        return new ParsedText(text.toString(), text.full(), null);
                    }));
        }
        return body.asString(StandardCharsets.UTF_8)
                .scan("", (sofar, chunk) -> sofar.length() >= MAX_ERROR_BODY ? sofar : sofar + chunk)
                .takeUntil(sofar -> sofar.length() >= MAX_ERROR_BODY)
                .last("")
                .flatMap(message -> Mono.error(failure(status, message)));
    }

    private ExtractionFailedException failure(int status, String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        String firstLine = body.lines().findFirst().orElse("").strip();
        if (status == 415) {
            return new ExtractionFailedException(SkipReason.UNSUPPORTED_TYPE, "the Tika Server has no parser for it (415)");
        }
        if (status == 422 && lower.contains("encrypt")) {
            return new ExtractionFailedException(SkipReason.ENCRYPTED, "encrypted (Tika Server 422): " + firstLine);
        }
        if (lower.contains("zip bomb")) {
            return new ExtractionFailedException(SkipReason.FAILED, "suspected zip bomb (Tika Server " + status + "): " + firstLine);
        }
        return new ExtractionFailedException(SkipReason.FAILED, "the Tika Server at " + server + " answered " + status
                + (firstLine.isEmpty() ? "" : ": " + firstLine));
    }

    /** The name as a quoted-string token: ASCII printable, no quote or backslash; the extension is what matters. */
    static String asciiName(String filename) {
        StringBuilder name = new StringBuilder(filename.length());
        filename.chars().forEach(c -> name.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? (char) c : '_'));
        return name.toString();
    }

    @Override
    public void close() {
        connections.dispose();
    }

    /** UTF-8 across chunk boundaries: a character split between two chunks waits for its second half. */
    static final class Utf8Decoder {

        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer carry = ByteBuffer.allocate(0);

        CharSequence decode(byte[] chunk) {
            ByteBuffer in = ByteBuffer.allocate(carry.remaining() + chunk.length).put(carry).put(chunk).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            carry = in; // the undecoded tail of an incomplete character
            return out.flip();
        }

        CharSequence finish() {
            CharBuffer out = CharBuffer.allocate(carry.remaining() + 2);
            decoder.decode(carry, out, true);
            decoder.flush(out);
            return out.flip();
        }
    }
}
