package io.connectors.core.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import io.connectors.core.json.Json;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * Extraction by Elastic's data-extraction-service ({@code extraction_service.host} with {@code protocol:
 * data_extraction_service}): {@code PUT /extract_text/} with the file streamed as {@code application/octet-stream} in
 * {@code stream_chunk_size} chunks, or, with {@code use_file_pointers}, the file placed in {@code shared_volume_dir}
 * and only its path sent ({@code PUT /extract_text/?local_file_path=...}). The answer is JSON: {@code extracted_text},
 * or {@code error} and {@code message}. The text is reduced and capped like in-process text.
 */
final class DataExtractionServiceClient implements TextParser {

    private final URI server;
    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Duration timeout;
    private final long maxTextBytes;
    private final ExtractionSettings.ServerOptions options;
    /** The JSON answer holds at most the text escaped (6 bytes per char at worst) plus a little; more is refused. */
    private final long maxAnswerBytes;

    DataExtractionServiceClient(ExtractionSettings settings) {
        this.server = java.util.Objects.requireNonNull(settings.tikaServer(), "extraction_service.host");
        this.timeout = settings.tikaServerTimeout();
        this.maxTextBytes = settings.maxTextBytes();
        this.options = settings.server();
        // the service answers with the whole text; it is cut here, so allow the largest download's worth of text
        this.maxAnswerBytes = Math.max(settings.maxTextBytes(), settings.maxDownloadBytes()) * 6 + (1 << 20);
        this.connections = ConnectionProvider.builder("data-extraction-service")
                .maxConnections(settings.parserThreads())
                .pendingAcquireMaxCount(-1) // callers are bounded already (concurrent_downloads); each waits at most its timeout
                .build();
        String base = server.toString();
        this.client = HttpClient.create(connections).baseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    @Override
    public Mono<ParsedText> parse(Path file, long size, String filename) {
        Mono<ParsedText> request = options.useFilePointers() ? sendPointer(file, filename) : sendFile(file);
        return request
                .timeout(timeout, Mono.error(() -> new ExtractionFailedException(SkipReason.TIMED_OUT,
                        "the data extraction service at " + server + " did not answer within " + timeout.toSeconds() + " s", size)))
                .onErrorMap(error -> !(error instanceof ExtractionFailedException), error -> new ExtractionFailedException(
                        SkipReason.FAILED, "the data extraction service at " + server + " failed: "
                        + ExtractionFailedException.describe(error), size));
    }

    private Mono<ParsedText> sendFile(Path file) {
        return client
                .headers(headers -> headers
                        .set(HttpHeaderNames.ACCEPT, "application/json")
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream"))
                .put()
                .uri("/extract_text/")
                .send((request, out) -> out.send(ByteBufFlux.fromPath(file, options.streamChunkSize())))
                .responseSingle(this::read);
    }

    /** The file is copied into the shared volume under a name of its own, its path sent, and removed afterwards. */
    private Mono<ParsedText> sendPointer(Path file, String filename) {
        return Mono.fromCallable(() -> {
                    Files.createDirectories(options.sharedVolumeDir());
                    Path shared = options.sharedVolumeDir().toAbsolutePath()
                            .resolve(UUID.randomUUID() + extension(filename));
                    return Files.copy(file, shared, StandardCopyOption.REPLACE_EXISTING);
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(shared -> client
                        .headers(headers -> headers.set(HttpHeaderNames.ACCEPT, "application/json"))
                        .put()
                        .uri("/extract_text/?local_file_path=" + java.net.URLEncoder.encode(shared.toString(), StandardCharsets.UTF_8))
                        .responseSingle(this::read)
                        .doFinally(signal -> {
                            try {
                                Files.deleteIfExists(shared);
                            } catch (IOException e) {
                                // a leftover in the shared volume; the service may still hold it open
                            }
                        }));
    }

    private Mono<ParsedText> read(HttpClientResponse response, reactor.netty.ByteBufMono body) {
        int status = response.status().code();
        long declared = response.responseHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
        if (declared > maxAnswerBytes) {
            return Mono.error(new ExtractionFailedException(SkipReason.FAILED,
                    "the data extraction service answered " + declared + " bytes, more than the " + maxAnswerBytes + " accepted"));
        }
        return body.asByteArray().defaultIfEmpty(new byte[0]).flatMap(bytes -> {
            JsonNode json;
            try {
                json = bytes.length == 0 ? null : Json.mapper().readTree(bytes);
            } catch (IOException e) {
                json = null;
            }
            if (status != 200 || json == null || json.hasNonNull("error") || !json.has("extracted_text")) {
                String error = json == null ? "" : json.path("error").asText("");
                String message = json == null ? "" : json.path("message").asText("");
                String what = (error + (message.isEmpty() ? "" : ": " + message)).strip();
                return Mono.error(new ExtractionFailedException(SkipReason.FAILED, "the data extraction service at " + server
                        + " answered " + status + (what.isEmpty() ? (json == null ? " without JSON" : "") : " (" + what + ")")));
            }
            ReducedText text = new ReducedText(maxTextBytes);
            String extracted = json.path("extracted_text").asText("");
            text.append(extracted.toCharArray(), 0, extracted.length());
            return Mono.just(new ParsedText(text.toString(), text.full(), null));
        });
    }

    private static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot);
        return ext.matches("\\.[A-Za-z0-9]{1,10}") ? ext : "";
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
