package io.connectors.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import io.connectors.core.json.Json;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sink.elasticsearch.ElasticsearchSink;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import io.connectors.core.sync.SyncSettings;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.core.testing.FakeTikaServer;
import io.connectors.core.testing.FileServer;
import io.connectors.core.testing.InMemorySource;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.core.testing.SourceData;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import io.connectors.core.testing.TestFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attachments through the whole sync against a real Elasticsearch: the documents' attachments are served by a
 * loopback HTTP server that counts requests, downloads in flight and bytes sent.
 */
@ExtendWith(ElasticsearchExtension.class)
class AttachmentSyncIT {

    private static final Logger log = LoggerFactory.getLogger(AttachmentSyncIT.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final long MIB = 1L << 20;

    private static IndexProbe probe;
    private static TestElasticsearch elasticsearch;

    @TempDir
    Path temp;

    private final List<TikaExtractor> extractors = new ArrayList<>();
    private String index;
    private SourceData data;
    private FileServer files;

    @BeforeAll
    static void connect(TestElasticsearch es) {
        elasticsearch = es;
        probe = new IndexProbe(es.url());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @BeforeEach
    void freshIndexSourceAndServer() {
        index = elasticsearch.uniqueIndex("attachments");
        data = SourceData.create("attachments-" + UUID.randomUUID());
        files = FileServer.start();
    }

    @AfterEach
    void closeServerAndExtractors() {
        files.close();
        extractors.forEach(TikaExtractor::close);
    }

    /** Issue 5, test 1: real files of each format, generated here, are searchable by a token only they contain. */
    @Test
    void fullSync_realFilesOfEachFormat_theirTokensAreSearchableInElasticsearch() {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String extension : List.of("txt", "pdf", "docx", "xlsx", "pptx", "html", "rtf", "eml", "csv", "md", "json")) {
            String token = "zq" + extension + UUID.randomUUID().toString().substring(0, 8);
            tokens.put(extension, token);
            byte[] file = TestFiles.withText(extension, "This attachment holds " + token + " among other words");
            files.serve("/files/" + extension, file);
            data.putWithAttachment("doc-" + extension, "v1", files.attachment("/files/" + extension, "file." + extension, file.length));
        }

        SyncReport report = sync(settings -> settings, SyncSettings.defaults());

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(report.attachmentsExtracted()).isEqualTo(tokens.size());
        assertThat(report.attachmentsSkipped()).isZero();
        tokens.forEach((extension, token) ->
                assertThat(probe.matches(index, "body", token)).as("token of the .%s file", extension).isEqualTo(1));
        ObjectNode pdf = probe.document(index, "doc-pdf").orElseThrow();
        assertThat(pdf.get("attachment_filename").asText()).isEqualTo("file.pdf");
        assertThat(pdf.get("attachment_mime_type").asText()).isEqualTo("application/pdf");
        assertThat(pdf.get("attachment_truncated").asBoolean()).isFalse();
        assertThat(pdf.get("attachment_size").asLong()).isPositive();
        assertThat(probe.document(index, "doc-docx").orElseThrow().get("attachment_mime_type").asText())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(pdf.has("_attachment")).as("no base64 content in the document").isFalse();
    }

    /** Issue 5, test 2: with concurrent_downloads 4 and slow answers, exactly 4 downloads run at once. */
    @Test
    void fullSync_200SlowDownloadsWithConcurrentDownloads4_maxInFlightIsExactly4() {
        files.delay(Duration.ofMillis(50));
        for (int i = 0; i < 200; i++) {
            byte[] text = ("attachment number " + i).getBytes(StandardCharsets.UTF_8);
            files.serve("/slow/" + i, text);
            data.putWithAttachment("doc-" + i, "v1", files.attachment("/slow/" + i, "notes-" + i + ".txt", text.length));
        }

        SyncReport report = sync(settings -> settings, SyncSettings.defaults().withConcurrentDownloads(4));

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(files.requests()).isEqualTo(200);
        assertThat(files.maxInFlight()).as("downloads in flight at once").isEqualTo(4);
        assertThat(report.attachmentsDownloaded()).isEqualTo(200);
        assertThat(report.attachmentsExtracted()).isEqualTo(200);
        assertThat(probe.count(index)).isEqualTo(200);
        assertThat(probe.matches(index, "body", "199")).isEqualTo(1);
    }

    /** Issue 5, test 3 (declared): an 11 MiB attachment whose size is declared is never requested. */
    @Test
    void fullSync_declaredSizeOverTenMebibytes_skippedWithoutARequest() {
        files.serveGenerated("/big.pdf", 11 * MIB);
        data.putWithAttachment("big", "v1", files.attachment("/big.pdf", "big.pdf", 11 * MIB));
        data.putWithAttachment("small", "v1", files.attachment("/small.txt", "small.txt", 5));
        files.serve("/small.txt", "small".getBytes(StandardCharsets.UTF_8));

        SyncReport report = sync(settings -> settings, SyncSettings.defaults());

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(files.requests()).as("only the small file was requested").isEqualTo(1);
        assertThat(report.attachmentsSkipped(SkipReason.TOO_LARGE)).isEqualTo(1);
        assertThat(report.attachmentsDownloaded()).isEqualTo(1);
        ObjectNode big = probe.document(index, "big").orElseThrow();
        assertThat(big.get("attachment_skipped").asText()).isEqualTo("too_large");
        assertThat(big.get("attachment_size").asLong()).isEqualTo(11 * MIB);
        assertThat(big.has("body")).isFalse();
        assertThat(probe.document(index, "small").orElseThrow().get("body").asText()).isEqualTo("small");
    }

    /**
     * Issue 5, test 3 (undeclared): a 50 MiB stream of unknown size is cut right after 10 MiB. The server could push
     * only what the client read plus the sockets' buffers (nothing is buffered whole), and no temp file is left.
     */
    @Test
    void fullSync_undeclaredFiftyMebibyteStream_abortedMidStreamAtTheLimit() throws IOException {
        files.serveGenerated("/stream.txt", 50 * MIB);
        data.putWithAttachment("stream", "v1", files.attachment("/stream.txt", "stream.txt", -1));

        SyncReport report = sync(settings -> settings, SyncSettings.defaults());

        log.info("50 MiB stream: {} bytes read by the extractor, {} bytes pushed by the server before the cut",
                report.attachmentsDownloadedBytes(), files.bytesSent());
        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(report.attachmentsSkipped(SkipReason.TOO_LARGE)).isEqualTo(1);
        assertThat(report.attachmentsDownloadedBytes()).as("bytes read before the cut")
                .isGreaterThan(10 * MIB).isLessThan(11 * MIB);
        assertThat(files.cutShort()).as("the response was cut short by the client").isEqualTo(1);
        assertThat(files.bytesSent()).as("bytes the server could push before the connection closed").isLessThan(16 * MIB);
        assertThat(probe.document(index, "stream").orElseThrow().get("attachment_skipped").asText()).isEqualTo("too_large");
        try (var left = Files.list(temp)) {
            assertThat(left).as("temp files left behind").isEmpty();
        }
    }

    /** Issue 5, test 4: a corrupt PDF, an encrypted PDF and a zip bomb are skipped with their reasons; the rest lands. */
    @Test
    void fullSync_corruptEncryptedAndZipBombFiles_skippedWithTheirReasonsWhileTheOthersAreIndexed() {
        serve("corrupt", "broken.pdf", TestFiles.corruptPdf());
        serve("encrypted", "secret.pdf", TestFiles.pdf("hidden words", "s3cret"));
        serve("bomb", "bomb.docx", TestFiles.zipBombDocx(200));
        serve("good-pdf", "good.pdf", TestFiles.pdf("goodpdftoken survives", null));
        serve("good-docx", "good.docx", TestFiles.docx("gooddocxtoken survives"));

        SyncReport report = sync(settings -> settings, SyncSettings.defaults());

        assertThat(report.completed()).as(report.summary()).isTrue();
        assertThat(report.created()).isEqualTo(5);
        assertThat(report.attachmentsExtracted()).isEqualTo(2);
        assertThat(report.attachmentsSkipped(SkipReason.FAILED)).isEqualTo(2);
        assertThat(report.attachmentsSkipped(SkipReason.ENCRYPTED)).isEqualTo(1);
        assertThat(report.summary()).contains("3 skipped (encrypted 1, failed 2)");
        assertThat(skipReason("corrupt")).isEqualTo("failed");
        assertThat(skipReason("encrypted")).isEqualTo("encrypted");
        assertThat(skipReason("bomb")).isEqualTo("failed");
        assertThat(probe.count(index)).isEqualTo(5);
        assertThat(probe.matches(index, "body", "goodpdftoken")).isEqualTo(1);
        assertThat(probe.matches(index, "body", "gooddocxtoken")).isEqualTo(1);
    }

    /** Issue 5, test 5: a second sync of unchanged documents downloads nothing; a changed one is fetched again. */
    @Test
    void secondSync_unchangedDocuments_noDownloadRequest() {
        for (int i = 0; i < 20; i++) {
            byte[] text = ("unchanged attachment " + i).getBytes(StandardCharsets.UTF_8);
            files.serve("/same/" + i, text);
            data.putWithAttachment("doc-" + i, "v1", files.attachment("/same/" + i, "same-" + i + ".txt", text.length));
        }
        assertThat(sync(settings -> settings, SyncSettings.defaults()).attachmentsDownloaded()).isEqualTo(20);
        assertThat(files.requests()).isEqualTo(20);
        files.resetCounts();

        SyncReport second = sync(settings -> settings, SyncSettings.defaults());

        assertThat(second.completed()).isTrue();
        assertThat(second.unchanged()).isEqualTo(20);
        assertThat(second.attachmentsDownloaded()).isZero();
        assertThat(files.requests()).as("requests to the file server").isZero();

        data.putWithAttachment("doc-7", "v2", files.attachment("/same/7", "same-7.txt", -1));
        SyncReport third = sync(settings -> settings, SyncSettings.defaults());

        assertThat(third.updated()).isEqualTo(1);
        assertThat(files.requests()).as("only the changed document's attachment").isEqualTo(1);
    }

    /** Issue 5, test 6: text beyond the cap is cut at the cap and the document says so. */
    @Test
    void fullSync_textOverTheCap_indexedTruncatedAndMarked() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 200_000; i++) {
            text.append("sentence ").append(i).append(" of a long attachment.\n");
        }
        serve("long", "long.txt", text.toString().getBytes(StandardCharsets.UTF_8));
        serve("short", "short.txt", "a short one".getBytes(StandardCharsets.UTF_8));

        SyncReport report = sync(settings -> settings.withMaxTextBytes(4_096), SyncSettings.defaults());

        assertThat(report.completed()).as(report.summary()).isTrue();
        ObjectNode truncated = probe.document(index, "long").orElseThrow();
        assertThat(truncated.get("attachment_truncated").asBoolean()).isTrue();
        assertThat(truncated.get("body").asText().getBytes(StandardCharsets.UTF_8).length).isBetween(4_095, 4_096);
        assertThat(truncated.get("body").asText()).startsWith("sentence 0 of a long attachment.\nsentence 1 ");
        assertThat(probe.document(index, "short").orElseThrow().get("attachment_truncated").asBoolean()).isFalse();
    }

    /** extraction_service.host: the text comes from the Tika Server, through PUT /tika. */
    @Test
    void fullSync_withATikaServer_indexesTheServersText() {
        try (FakeTikaServer tika = FakeTikaServer.start()) {
            serve("remote", "remote.txt", "text extracted remotely zqremote".getBytes(StandardCharsets.UTF_8));
            serve("locked", "encrypted.pdf", TestFiles.pdf("hidden", "s3cret"));

            SyncReport report = sync(settings -> settings.withTikaServer(URI.create(tika.url()), Duration.ofSeconds(10)),
                    SyncSettings.defaults());

            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(tika.requests()).hasSize(2).allSatisfy(request -> assertThat(request.uri()).isEqualTo("/tika"));
            assertThat(probe.matches(index, "body", "zqremote")).isEqualTo(1);
            assertThat(skipReason("locked")).isEqualTo("encrypted");
        }
    }

    private void serve(String id, String filename, byte[] content) {
        files.serve("/" + id, content);
        data.putWithAttachment(id, "v1", files.attachment("/" + id, filename, content.length));
    }

    private String skipReason(String id) {
        return probe.document(index, id).orElseThrow().get("attachment_skipped").asText();
    }

    private SyncReport sync(UnaryOperator<ExtractionSettings> extraction, SyncSettings settings) {
        TikaExtractor extractor = TikaExtractor.create(extraction.apply(ExtractionSettings.defaults().withTempDir(temp)));
        extractors.add(extractor);
        SourceConfiguration configuration = InMemorySource.configSchema().resolve(Map.of("store", data.name()));
        try (DataSource source = new InMemorySource(configuration, RuntimeSourceContext.of("attachments"))) {
            SyncEngine engine = new SyncEngine(new ElasticsearchSink(probe.asyncClient(), index, BulkSettings.defaults(), Json.mapper()),
                    extractor, settings);
            return engine.fullSync(source, Filtering.NONE, new SyncProgress()).block(TIMEOUT);
        }
    }
}
