package io.connectors.core.extraction;

import static io.connectors.core.extraction.Outcomes.extracted;
import static io.connectors.core.extraction.Outcomes.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectors.api.source.Attachment;
import io.connectors.core.extraction.AttachmentOutcome.Extracted;
import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import io.connectors.core.extraction.AttachmentOutcome.Skipped;
import io.connectors.core.testing.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AbstractParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.XHTMLContentHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The extractor on its own: formats, limits, hostile files, hung parsers; no Elasticsearch, no network. */
class TikaExtractorTest {

    @TempDir
    Path temp;

    private final List<TikaExtractor> opened = new ArrayList<>();

    @AfterEach
    void closeExtractors() {
        opened.forEach(TikaExtractor::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"txt", "md", "csv", "json", "html", "rtf", "eml", "pdf", "docx", "xlsx", "pptx"})
    void extract_realFile_textHoldsItsToken(String extension) {
        String token = "tok" + extension + "zq81";
        byte[] file = TestFiles.withText(extension, "The unique token " + token + " is here");

        Extracted extracted = extracted(extractor(s -> s).extract(TestFiles.attachment("file." + extension, file)));

        assertThat(extracted.text()).contains(token);
        assertThat(extracted.truncated()).isFalse();
        assertThat(extracted.downloadedBytes()).isEqualTo(file.length);
        assertThat(extracted.metadata())
                .containsEntry("attachment_filename", "file." + extension)
                .containsEntry("attachment_extension", extension)
                .containsEntry("attachment_size", (long) file.length)
                .containsEntry("attachment_truncated", false)
                .containsKey("attachment_mime_type");
    }

    @Test
    void extract_pdf_mimeTypeDetectedByTika() {
        Extracted extracted = extracted(extractor(s -> s).extract(TestFiles.attachment("report.pdf", TestFiles.pdf("hello", null))));

        assertThat(extracted.metadata()).containsEntry("attachment_mime_type", "application/pdf");
    }

    @Test
    void extract_html_keepsBodyTextWithoutScriptsOrStyles() {
        Extracted extracted = extracted(extractor(s -> s).extract(TestFiles.attachment("page.html", TestFiles.html("visible words"))));

        assertThat(extracted.text()).contains("Heading").contains("visible words")
                .doesNotContain("script text").doesNotContain("color: red");
    }

    @Test
    void extract_whitespaceRuns_reducedToOneSpaceOrOneNewline() {
        byte[] text = "  first \t\t word  here\n\n\n\r\n  second   line \t\n".getBytes(StandardCharsets.UTF_8);

        Extracted extracted = extracted(extractor(s -> s).extract(TestFiles.attachment("spaces.txt", text)));

        assertThat(extracted.text()).isEqualTo("first word here\nsecond line");
    }

    @Test
    void extract_unsupportedExtension_skippedWithoutDownloading() {
        AtomicBoolean subscribed = new AtomicBoolean();
        Attachment archive = new Attachment("bundle.zip", 1_000, "application/zip",
                Flux.<ByteBuffer>empty().doOnSubscribe(s -> subscribed.set(true)));

        Skipped skipped = skipped(extractor(s -> s).extract(archive));

        assertThat(skipped.reason()).isEqualTo(SkipReason.UNSUPPORTED_TYPE);
        assertThat(skipped.downloadedBytes()).isZero();
        assertThat(subscribed).isFalse();
        assertThat(skipped.metadata())
                .containsEntry("attachment_filename", "bundle.zip")
                .containsEntry("attachment_size", 1_000L)
                .containsEntry("attachment_mime_type", "application/zip");
    }

    @Test
    void extract_noExtension_skippedWithoutDownloading() {
        AtomicBoolean subscribed = new AtomicBoolean();
        Attachment noName = new Attachment("README", -1, null, Flux.<ByteBuffer>empty().doOnSubscribe(s -> subscribed.set(true)));

        assertThat(skipped(extractor(s -> s).extract(noName)).reason()).isEqualTo(SkipReason.UNSUPPORTED_TYPE);
        assertThat(subscribed).isFalse();
    }

    @Test
    void extract_declaredSizeOverTheLimit_skippedWithoutDownloading() {
        AtomicBoolean subscribed = new AtomicBoolean();
        Attachment big = new Attachment("big.pdf", (10L << 20) + 1, "application/pdf",
                Flux.<ByteBuffer>empty().doOnSubscribe(s -> subscribed.set(true)));

        Skipped skipped = skipped(extractor(s -> s).extract(big));

        assertThat(skipped.reason()).isEqualTo(SkipReason.TOO_LARGE);
        assertThat(skipped.detail()).contains("declared size 10485761 bytes").contains("10485760");
        assertThat(skipped.downloadedBytes()).isZero();
        assertThat(subscribed).isFalse();
        assertThat(skipped.metadata()).containsEntry("attachment_size", (10L << 20) + 1);
    }

    @Test
    void extract_undeclaredSizeOverTheLimit_sourceCanceledRightAfterTheLimit() {
        int chunk = 64 * 1024;
        long limit = 1L << 20;
        AtomicLong produced = new AtomicLong();
        AtomicBoolean canceled = new AtomicBoolean();
        Flux<ByteBuffer> endless = Flux.<ByteBuffer>generate(sink -> {
            produced.addAndGet(chunk);
            sink.next(ByteBuffer.wrap(new byte[chunk]));
        }).doOnCancel(() -> canceled.set(true));

        Skipped skipped = skipped(extractor(s -> s.withMaxDownloadBytes(limit))
                .extract(new Attachment("stream.txt", Attachment.UNKNOWN_SIZE, null, endless)));

        assertThat(skipped.reason()).isEqualTo(SkipReason.TOO_LARGE);
        assertThat(canceled).as("the source was canceled").isTrue();
        assertThat(produced.get()).as("bytes the source produced").isEqualTo(limit + chunk);
        assertThat(skipped.downloadedBytes()).isEqualTo(limit + chunk);
        assertThat(skipped.detail()).contains("canceled after " + (limit + chunk) + " bytes");
    }

    @Test
    void extract_textOverTheCap_truncatedToTheCapAndMarked() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; words.length() < 300_000; i++) {
            words.append("word").append(i).append("   \n ");
        }
        long cap = 10_000;

        Extracted extracted = extracted(extractor(s -> s.withMaxTextBytes(cap))
                .extract(TestFiles.attachment("long.txt", words.toString().getBytes(StandardCharsets.UTF_8))));

        assertThat(extracted.truncated()).isTrue();
        assertThat(extracted.metadata()).containsEntry("attachment_truncated", true);
        assertThat((long) extracted.text().getBytes(StandardCharsets.UTF_8).length).isBetween(cap - 1, cap);
        assertThat(extracted.text()).startsWith("word0\nword1\nword2\n");
    }

    @Test
    void extract_multiByteTextOverTheCap_cutAtTheCapInUtf8Bytes() {
        byte[] accents = "é".repeat(5_000).getBytes(StandardCharsets.UTF_8);

        Extracted extracted = extracted(extractor(s -> s.withMaxTextBytes(1_001)).extract(TestFiles.attachment("accents.txt", accents)));

        assertThat(extracted.truncated()).isTrue();
        assertThat(extracted.text()).isEqualTo("é".repeat(500));
    }

    @Test
    void extract_corruptPdf_skippedAsFailed() {
        Skipped skipped = skipped(extractor(s -> s).extract(TestFiles.attachment("broken.pdf", TestFiles.corruptPdf())));

        assertThat(skipped.reason()).isEqualTo(SkipReason.FAILED);
        assertThat(skipped.detail()).startsWith("could not parse");
        assertThat(skipped.downloadedBytes()).isEqualTo(TestFiles.corruptPdf().length);
    }

    @Test
    void extract_passwordProtectedPdf_skippedAsEncrypted() {
        Skipped skipped = skipped(extractor(s -> s).extract(TestFiles.attachment("secret.pdf", TestFiles.pdf("hidden", "s3cret"))));

        assertThat(skipped.reason()).isEqualTo(SkipReason.ENCRYPTED);
    }

    @Test
    void extract_zipBombDocx_skippedAsSuspectedZipBomb() {
        byte[] bomb = TestFiles.zipBombDocx(200);
        assertThat(bomb.length).as("compressed size").isLessThan(1 << 20);

        Skipped skipped = skipped(extractor(s -> s).extract(TestFiles.attachment("bomb.docx", bomb)));

        assertThat(skipped.reason()).isEqualTo(SkipReason.FAILED);
        assertThat(skipped.detail()).startsWith("suspected zip bomb");
    }

    @Test
    void extract_emptyFile_extractedWithEmptyText() {
        Extracted extracted = extracted(extractor(s -> s).extract(TestFiles.attachment("empty.txt", new byte[0])));

        assertThat(extracted.text()).isEmpty();
        assertThat(extracted.downloadedBytes()).isZero();
    }

    @Test
    void extract_sourceFailsMidDownload_skippedAsFailed() {
        Flux<ByteBuffer> failing = Flux.just(ByteBuffer.wrap(new byte[100]))
                .concatWith(Mono.error(new IOException("connection reset by peer")));

        Skipped skipped = skipped(extractor(s -> s).extract(new Attachment("cut.txt", 1_000, null, failing)));

        assertThat(skipped.reason()).isEqualTo(SkipReason.DOWNLOAD_FAILED);
        assertThat(skipped.detail()).contains("download failed").contains("connection reset by peer");
    }

    @Test
    void extract_parserHangsIgnoringInterrupts_timesOutAndTheOtherThreadStillExtracts() {
        CountDownLatch release = new CountDownLatch(1);
        HangingParser parser = new HangingParser(release);
        ExtractionSettings settings = settings(s -> s.withPerFileTimeout(Duration.ofMillis(500)).withParserThreads(2));
        TikaExtractor extractor = open(TikaExtractor.withParser(settings, new InProcessTika(parser, settings)));
        try {
            long start = System.nanoTime();
            Skipped hung = skipped(extractor.extract(TestFiles.attachment("hang.txt", "x".getBytes(StandardCharsets.UTF_8))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(hung.reason()).isEqualTo(SkipReason.TIMED_OUT);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            await("the hung parser's thread is interrupted").atMost(Duration.ofSeconds(5))
                    .until(() -> parser.interrupts.get() > 0);
            for (int i = 0; i < 5; i++) {
                Extracted fine = extracted(extractor.extract(TestFiles.attachment("fine-" + i + ".txt", "x".getBytes(StandardCharsets.UTF_8))));
                assertThat(fine.text()).isEqualTo("parsed fine-" + i + ".txt");
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void extract_parserRunsOutOfMemory_skippedAsFailedAndTheJvmGoesOn() {
        ExtractionSettings settings = settings(s -> s);
        AbstractParser exhausted = new FixedParser() {
            @Override
            public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        };
        TikaExtractor extractor = open(TikaExtractor.withParser(settings, new InProcessTika(exhausted, settings)));

        Skipped skipped = skipped(extractor.extract(TestFiles.attachment("heavy.txt", "x".getBytes(StandardCharsets.UTF_8))));

        assertThat(skipped.reason()).isEqualTo(SkipReason.FAILED);
        assertThat(skipped.detail()).contains("out of memory");
    }

    @Test
    void extract_everyOutcome_leavesNoTemporaryFile() throws IOException {
        TikaExtractor extractor = extractor(s -> s.withMaxDownloadBytes(100_000));
        extracted(extractor.extract(TestFiles.attachment("a.docx", TestFiles.docx("hello"))));
        skipped(extractor.extract(TestFiles.attachment("b.pdf", TestFiles.corruptPdf())));
        skipped(extractor.extract(new Attachment("c.txt", -1, null,
                Flux.range(0, 1_000).map(i -> ByteBuffer.wrap(new byte[1_000])))));

        try (var files = Files.list(temp.resolve("spool"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void extract_keepOriginal_extractedCarriesTheDownloadWithItsBytesAndDetectedType() throws IOException {
        byte[] pdf = TestFiles.pdf("kept original", null);

        Extracted extracted = extracted(extractor(s -> s).extract(
                new Attachment("report.pdf", pdf.length, "application/octet-stream", Flux.just(ByteBuffer.wrap(pdf))), true));

        assertThat(extracted.text()).contains("kept original");
        assertThat(extracted.original()).isNotNull();
        assertThat(extracted.original().filename()).isEqualTo("report.pdf");
        assertThat(extracted.original().mediaType()).isEqualTo("application/pdf");
        assertThat(extracted.original().size()).isEqualTo(pdf.length);
        assertThat(extracted.original().path()).startsWith(temp.resolve("spool"));
        assertThat(Files.readAllBytes(extracted.original().path())).isEqualTo(pdf);
        Files.delete(extracted.original().path()); // the caller owns it
    }

    @Test
    void extract_withoutKeepOriginal_extractedHasNoOriginalAndNoFileStays() throws IOException {
        Extracted extracted = extracted(extractor(s -> s).extract(TestFiles.attachment("a.docx", TestFiles.docx("hello")), false));

        assertThat(extracted.original()).isNull();
        try (var files = Files.list(temp.resolve("spool"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void extract_keepOriginalButSkippedOrFailed_deletesItsDownload() throws IOException {
        TikaExtractor extractor = extractor(s -> s.withMaxDownloadBytes(100_000));
        skipped(extractor.extract(TestFiles.attachment("b.pdf", TestFiles.corruptPdf()), true));
        skipped(extractor.extract(new Attachment("c.txt", -1, null,
                Flux.range(0, 1_000).map(i -> ByteBuffer.wrap(new byte[1_000]))), true));
        skipped(extractor.extract(new Attachment("d.txt", -1, null,
                Flux.concat(Flux.just(ByteBuffer.wrap(new byte[10])), Flux.error(new IOException("connection reset")))), true));

        try (var files = Files.list(temp.resolve("spool"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void extract_keepOriginalCanceledMidDownload_deletesItsDownload() throws IOException {
        CountDownLatch started = new CountDownLatch(1);
        Flux<ByteBuffer> endless = Flux.interval(Duration.ofMillis(5)).map(i -> ByteBuffer.wrap(new byte[100]))
                .doOnNext(b -> started.countDown());
        var sync = extractor(s -> s).extract(new Attachment("slow.txt", -1, null, endless), true).subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

        sync.dispose();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var files = Files.list(temp.resolve("spool"))) {
                assertThat(files).isEmpty();
            }
        });
    }

    @Test
    void extract_canceledWhileItsTempFileIsBeingCreated_noFileStays() {
        // the temp file is created on the I/O scheduler: a cancel that lands before it is handed to the download
        // must not leave it behind (a failed sync cancels every extraction in flight, at any point)
        TikaExtractor extractor = extractor(s -> s);
        for (int i = 0; i < 300; i++) {
            boolean keep = i % 2 == 0;
            extractor.extract(TestFiles.attachment("n" + i + ".txt", "hello".getBytes(StandardCharsets.UTF_8)), keep)
                    // an extraction that finished before the cancel handed its file over: the caller's to delete
                    .subscribe(outcome -> {
                        if (outcome instanceof Extracted extracted && extracted.original() != null) {
                            extracted.original().path().toFile().delete();
                        }
                    })
                    .dispose();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var files = Files.list(temp.resolve("spool"))) {
                assertThat(files).isEmpty();
            }
        });
    }

    private ExtractionSettings settings(UnaryOperator<ExtractionSettings> tweak) {
        return tweak.apply(ExtractionSettings.defaults().withTempDir(temp.resolve("spool")));
    }

    private TikaExtractor extractor(UnaryOperator<ExtractionSettings> tweak) {
        return open(TikaExtractor.create(settings(tweak)));
    }

    private TikaExtractor open(TikaExtractor extractor) {
        opened.add(extractor);
        return extractor;
    }

    /** A parser for text/plain whose output is "parsed <filename>". */
    private static class FixedParser extends AbstractParser {
        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.TEXT_PLAIN);
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws SAXException, IOException {
            XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
            xhtml.startDocument();
            xhtml.element("p", "parsed " + metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY));
            xhtml.endDocument();
        }
    }

    /** Hangs on files named hang.*, ignoring interrupts the way a parser stuck in a loop would, until released. */
    private static final class HangingParser extends FixedParser {
        private final CountDownLatch release;
        final AtomicInteger interrupts = new AtomicInteger();

        HangingParser(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws SAXException, IOException {
            if (metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY).startsWith("hang")) {
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupts.incrementAndGet();
                    }
                }
            }
            super.parse(stream, handler, metadata, context);
        }
    }
}
