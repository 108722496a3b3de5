package io.connectors.core.extraction;

import static io.connectors.core.extraction.Outcomes.extracted;
import static io.connectors.core.extraction.Outcomes.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectors.core.extraction.AttachmentOutcome.Extracted;
import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import io.connectors.core.extraction.AttachmentOutcome.Skipped;
import io.connectors.core.testing.FakeTikaServer;
import io.connectors.core.testing.TestFiles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction by a Tika Server ({@code extraction_service.host}), against a loopback server speaking its protocol. */
class TikaServerExtractorIT {

    @TempDir
    Path temp;

    private FakeTikaServer tika;
    private TikaExtractor extractor;

    @BeforeEach
    void start() {
        tika = FakeTikaServer.start();
        extractor = extractor(tika.url(), Duration.ofSeconds(5), ExtractionSettings.DEFAULT_MAX_TEXT_BYTES);
    }

    @AfterEach
    void stop() {
        extractor.close();
        tika.close();
    }

    @Test
    void extract_textFile_putToSlashTikaAskingForPlainTextAndNamingTheFile() {
        byte[] file = "  hello \t there \n\n\n world  ".getBytes(StandardCharsets.UTF_8);

        Extracted extracted = extracted(extractor.extract(TestFiles.attachment("notes.txt", file)));

        assertThat(extracted.text()).isEqualTo("hello there\nworld");
        assertThat(extracted.downloadedBytes()).isEqualTo(file.length);
        assertThat(extracted.metadata()).containsEntry("attachment_mime_type", "text/plain")
                .containsEntry("attachment_truncated", false);
        assertThat(tika.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.uri()).isEqualTo("/tika");
            assertThat(request.header("Accept")).isEqualTo("text/plain");
            assertThat(request.header("Content-Disposition")).isEqualTo("attachment; filename=\"notes.txt\"");
            assertThat(request.body()).isEqualTo(file);
        });
    }

    @Test
    void extract_serverAnswers422Encrypted_skippedAsEncrypted() {
        Skipped skipped = skipped(extractor.extract(TestFiles.attachment("encrypted.pdf", TestFiles.pdf("x", "pw"))));

        assertThat(skipped.reason()).isEqualTo(SkipReason.ENCRYPTED);
    }

    @Test
    void extract_serverAnswers422_skippedAsFailedWithTheServersReason() {
        Skipped skipped = skipped(extractor.extract(TestFiles.attachment("corrupt.pdf", TestFiles.corruptPdf())));

        assertThat(skipped.reason()).isEqualTo(SkipReason.FAILED);
        assertThat(skipped.detail()).contains("422").contains("Unable to extract PDF content");
    }

    @Test
    void extract_serverAnswers415_skippedAsUnsupported() {
        Skipped skipped = skipped(extractor.extract(TestFiles.attachment("unknown.txt", new byte[] {1, 2, 3})));

        assertThat(skipped.reason()).isEqualTo(SkipReason.UNSUPPORTED_TYPE);
    }

    @Test
    void extract_serverSlowerThanItsTimeout_skippedAsTimedOut() {
        try (TikaExtractor impatient = extractor(tika.url(), Duration.ofMillis(300), ExtractionSettings.DEFAULT_MAX_TEXT_BYTES)) {
            long start = System.nanoTime();
            Skipped skipped = skipped(impatient.extract(TestFiles.attachment("slow.txt", "x".getBytes(StandardCharsets.UTF_8))));

            assertThat(skipped.reason()).isEqualTo(SkipReason.TIMED_OUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void extract_serverDown_skippedAsFailedNamingTheServer() {
        FakeTikaServer gone = FakeTikaServer.start();
        String url = gone.url();
        gone.close();
        try (TikaExtractor orphan = extractor(url, Duration.ofSeconds(5), ExtractionSettings.DEFAULT_MAX_TEXT_BYTES)) {
            Skipped skipped = skipped(orphan.extract(TestFiles.attachment("a.txt", "x".getBytes(StandardCharsets.UTF_8))));

            assertThat(skipped.reason()).isEqualTo(SkipReason.FAILED);
            assertThat(skipped.detail()).contains("Tika Server at " + url);
        }
    }

    @Test
    void extract_answerOverTheTextCap_truncatedAndTheAnswerNotReadToItsEnd() {
        try (TikaExtractor capped = extractor(tika.url(), Duration.ofSeconds(10), 1_000)) {
            Extracted extracted = extracted(capped.extract(TestFiles.attachment("huge.txt", "x".getBytes(StandardCharsets.UTF_8))));

            assertThat(extracted.truncated()).isTrue();
            assertThat(extracted.text().getBytes(StandardCharsets.UTF_8).length).isBetween(990, 1_000);
            assertThat(extracted.text()).startsWith("word0 word1 word2 ");
            await("the 50 MiB answer is canceled").atMost(Duration.ofSeconds(10)).until(() -> tika.hugeAnswersCutShort() == 1);
        }
    }

    @Test
    void extract_unsupportedExtension_neverSentToTheServer() {
        Skipped skipped = skipped(extractor.extract(TestFiles.attachment("archive.zip", new byte[] {'P', 'K', 3, 4})));

        assertThat(skipped.reason()).isEqualTo(SkipReason.UNSUPPORTED_TYPE);
        assertThat(tika.requests()).isEmpty();
    }

    private TikaExtractor extractor(String url, Duration timeout, long maxTextBytes) {
        return TikaExtractor.create(ExtractionSettings.defaults().withTempDir(temp)
                .withTikaServer(URI.create(url), timeout).withMaxTextBytes(maxTextBytes));
    }
}
