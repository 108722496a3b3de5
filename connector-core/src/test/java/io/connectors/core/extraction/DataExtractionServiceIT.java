package io.connectors.core.extraction;

import static io.connectors.core.extraction.Outcomes.extracted;
import static io.connectors.core.extraction.Outcomes.skipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.extraction.AttachmentOutcome.Extracted;
import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import io.connectors.core.json.Json;
import io.connectors.core.runtime.ConnectorRuntime;
import io.connectors.core.testing.FakeTikaServer;
import io.connectors.core.testing.TestFiles;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Elastic's data-extraction-service protocol (issue 12, point 9), against a loopback server speaking its wire format:
 * {@code PUT /extract_text/} with the file as an octet-stream body, or {@code ?local_file_path=} naming a file in
 * the shared volume; answer {@code {"extracted_text": ...}}, or {@code {"error": ..., "message": ...}} with an error
 * status. Which protocol a connector's files take is chosen by {@code extraction_service.protocol}.
 */
class DataExtractionServiceIT {

    @TempDir
    Path temp;

    private FakeDataExtractionService service;

    @BeforeEach
    void start() {
        service = new FakeDataExtractionService();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private ConnectorsConfig config(String extractionLines) {
        return ConfigLoader.parse("extraction_service:\n" + extractionLines, "config.yml", Map.of());
    }

    @Test
    void extract_streamedFile_isPutToExtractTextAndTheJsonTextReturned() {
        byte[] file = "  quarterly \t report \n\n\n figures  ".getBytes(StandardCharsets.UTF_8);
        ConnectorsConfig config = config("  host: " + service.url() + "\n  protocol: data_extraction_service\n  stream_chunk_size: 7\n");

        try (TikaExtractor extractor = ConnectorRuntime.extractor(config)) {
            Extracted extracted = extracted(extractor.extract(TestFiles.attachment("report.txt", file)));

            assertThat(extracted.text()).isEqualTo("quarterly report\nfigures");
        }
        assertThat(service.requests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.uri()).isEqualTo("/extract_text/");
            assertThat(request.headers().get("Accept")).isEqualTo("application/json");
            assertThat(request.headers().get("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(request.body()).isEqualTo(file);
        });
    }

    @Test
    void extract_serviceAnswersAnError_skippedWithItsErrorAndMessage() {
        ConnectorsConfig config = config("  host: " + service.url() + "\n  protocol: data_extraction_service\n");

        try (TikaExtractor extractor = ConnectorRuntime.extractor(config)) {
            var skipped = skipped(extractor.extract(TestFiles.attachment("broken.txt", "BROKEN".getBytes(StandardCharsets.UTF_8))));

            assertThat(skipped.reason()).isEqualTo(SkipReason.FAILED);
            assertThat(skipped.detail()).contains("answered 422").contains("TikaException").contains("could not parse");
        }
    }

    @Test
    void extract_withFilePointers_sendsThePathInTheSharedVolumeAndRemovesTheFileAfterwards() throws IOException {
        Path shared = Files.createDirectories(temp.resolve("shared"));
        byte[] file = "shared volume text".getBytes(StandardCharsets.UTF_8);
        ConnectorsConfig config = config("  host: " + service.url() + "\n  protocol: data_extraction_service\n"
                + "  use_file_pointers: true\n  shared_volume_dir: " + shared + "\n");

        try (TikaExtractor extractor = ConnectorRuntime.extractor(config)) {
            Extracted extracted = extracted(extractor.extract(TestFiles.attachment("notes.txt", file)));

            assertThat(extracted.text()).isEqualTo("shared volume text");
        }
        assertThat(service.requests).singleElement().satisfies(request -> {
            assertThat(request.uri()).startsWith("/extract_text/?local_file_path=");
            assertThat(request.body()).isEmpty();
            assertThat(service.pointedFiles).singleElement().satisfies(path -> assertThat(path.getParent()).isEqualTo(shared));
        });
        try (var left = Files.list(shared)) {
            assertThat(left).as("the shared copy is removed once answered").isEmpty();
        }
    }

    @Test
    void protocolAuto_connectorWithUseTextExtractionService_speaksElasticsProtocol_othersTikaServers() {
        try (FakeTikaServer tika = FakeTikaServer.start()) {
            // one host per protocol would be unusual; two loopback servers show which protocol each connector speaks
            ConnectorsConfig toService = config("  host: " + service.url() + "\n");
            ConnectorsConfig toTika = config("  host: " + tika.url() + "\n");
            assertThat(toService.extractionService().protocol()).isEqualTo("auto");

            try (TikaExtractor withFlag = ConnectorRuntime.extractor(toService, true);
                 TikaExtractor withoutFlag = ConnectorRuntime.extractor(toTika, false)) {
                extracted(withFlag.extract(TestFiles.attachment("a.txt", "to the service".getBytes(StandardCharsets.UTF_8))));
                extracted(withoutFlag.extract(TestFiles.attachment("b.txt", "to tika".getBytes(StandardCharsets.UTF_8))));
            }

            assertThat(service.requests).extracting(Seen::uri).containsExactly("/extract_text/");
            assertThat(tika.requests()).extracting(FakeTikaServer.Request::uri).containsExactly("/tika");
        }
        assertThat(io.connectors.core.runtime.SyncFactory.useTextExtractionService(
                Map.of("use_text_extraction_service", Map.of("value", true)))).isTrue();
        assertThat(io.connectors.core.runtime.SyncFactory.useTextExtractionService(Map.of())).isFalse();
    }

    @Test
    void protocol_unknownValue_isAConfigProblem() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(io.connectors.core.config.ConfigException.class,
                () -> config("  protocol: tika\n"));

        assertThat(e.getMessage()).contains("extraction_service.protocol")
                .contains("expected one of auto, data_extraction_service, tika_server");
    }

    record Seen(String method, String uri, HttpHeaders headers, byte[] body) {
    }

    /**
     * Elastic's data-extraction-service as seen on the wire: its "parsing" echoes the body (or the pointed file) as
     * UTF-8; a body of {@code BROKEN} gets the error answer the service gives for a file Tika cannot parse.
     */
    static final class FakeDataExtractionService implements AutoCloseable {
        final List<Seen> requests = new CopyOnWriteArrayList<>();
        final List<Path> pointedFiles = new CopyOnWriteArrayList<>();
        private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();

        String url() {
            return "http://127.0.0.1:" + server.port();
        }

        private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
            return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
                requests.add(new Seen(request.method().name(), request.uri(), request.requestHeaders().copy(), body));
                QueryStringDecoder query = new QueryStringDecoder(request.uri());
                if (!request.method().name().equals("PUT") || !query.path().equals("/extract_text/")) {
                    return response.status(404).send();
                }
                byte[] content = body;
                List<String> pointer = query.parameters().get("local_file_path");
                if (pointer != null) {
                    Path path = Path.of(pointer.getFirst());
                    pointedFiles.add(path);
                    try {
                        content = Files.readAllBytes(path);
                    } catch (IOException e) {
                        return json(response, 404, Map.of("error", "FileNotFoundError", "message", String.valueOf(e.getMessage())));
                    }
                }
                String text = new String(content, StandardCharsets.UTF_8);
                if (text.equals("BROKEN")) {
                    return json(response, 422, Map.of("error", "TikaException", "message", "could not parse the file"));
                }
                return json(response, 200, Map.of("extracted_text", text, "_meta", Map.of()));
            });
        }

        private static Mono<Void> json(HttpServerResponse response, int status, Map<String, Object> body) {
            try {
                return response.status(status).header("Content-Type", "application/json")
                        .sendByteArray(Mono.just(Json.mapper().writeValueAsBytes(body))).then();
            } catch (IOException e) {
                return Mono.error(e);
            }
        }

        @Override
        public void close() {
            server.disposeNow();
        }
    }
}
