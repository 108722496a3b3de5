package io.connectors.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.testing.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-process parser's detector: the file's name decides, the magic bytes only when the name cannot. */
class TypeByNameDetectorTest {

    private final Detector detector = InProcessTika.defaultParser().getDetector();

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({
            "report.pdf,application/pdf",
            "notes.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "sheet.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "deck.pptx,application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "old.doc,application/msword",
            "old.xls,application/vnd.ms-excel",
            "page.html,text/html",
            "readme.txt,text/plain",
            "data.csv,text/csv",
            "mail.eml,message/rfc822",
            "letter.rtf,application/rtf",
            "text.odt,application/vnd.oasis.opendocument.text"})
    void detect_supportedExtension_typeFromTheNameWithoutReadingTheFile(String name, String type) throws IOException {
        assertThat(detector.detect(unreadable(), named(name))).isEqualTo(MediaType.parse(type));
    }

    @Test
    void detect_everySupportedExtensionButAFew_answeredByTheName() throws IOException {
        List<String> byMagic = new java.util.ArrayList<>();
        for (String extension : SupportedTypes.EXTENSIONS) {
            try {
                detector.detect(unreadable(), named("file." + extension));
            } catch (IOException read) {
                byMagic.add(extension);
            }
        }
        // Elastic's list has a few names Tika's glob table does not know; those are still detected by content
        assertThat(byMagic).containsExactlyInAnyOrder("paper");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file.paper", "no-extension"})
    void detect_nameSaysNothingAParserTakes_magicDecides(String name) throws IOException {
        byte[] pdf = TestFiles.pdf("hello", null);

        assertThat(detector.detect(new ByteArrayInputStream(pdf), named(name))).isEqualTo(MediaType.application("pdf"));
    }

    @Test
    void extract_fileNotWhatItsNameSays_skippedAsFailed() {
        ExtractionSettings settings = ExtractionSettings.defaults().withTempDir(temp);
        try (TikaExtractor extractor = TikaExtractor.create(settings)) {
            AttachmentOutcome outcome = extractor.extract(TestFiles.attachment("fake.pdf", "plain words, not a PDF".getBytes())).block();

            assertThat(outcome).isInstanceOfSatisfying(AttachmentOutcome.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(AttachmentOutcome.SkipReason.FAILED));
        }
    }

    private static Metadata named(String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        return metadata;
    }

    /** A stream that fails when read: the name alone must answer. */
    private static InputStream unreadable() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the detector read the file");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw new IOException("the detector read the file");
            }
        };
    }
}
