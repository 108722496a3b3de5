package io.connectors.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.source.Attachment;
import io.connectors.core.testing.TestFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether the daemon's heap cap holds the worst extraction it allows: eight attachments near
 * {@code service.max_file_download_size} (pdf, docx, xlsx, pptx; 7.5 to 9.5 MB, each with more text than
 * {@code service.max_extracted_text_size}) parsed by four parser threads at once, in a child JVM with the collector,
 * compiler and header flags of {@code bin/elastic-ingest} and the heap given by {@code -Dprobe.heap} (default 96m,
 * the shipped cap). Not part of {@code make test} (the name is neither *Test nor *IT; ~30 s of CPU). Run it with
 * {@code mvn -pl connector-core test -Dtest=LargeAttachmentsHeapProbe -Dsurefire.failIfNoSpecifiedTests=false [-Dprobe.heap=64m]}.
 * Measured (docs/performance.md, "Memory"): every file extracted at 96m and 80m; at 64m three of eight failed with
 * "the parser ran out of memory", which is why the cap is not 64m.
 */
class LargeAttachmentsHeapProbe {

    private static final List<String> FORMATS = List.of("pdf", "docx", "xlsx", "pptx");

    @TempDir
    Path temp;

    @Test
    void eightNearLimitAttachmentsAtOnce_allExtractedUnderTheHeapCap() throws Exception {
        Random random = new Random(1);
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder words = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                words.append(Long.toString(random.nextLong(), 36)).append(' ');
            }
            paragraphs.add(words.toString());
        }
        for (String format : FORMATS) {
            Files.write(temp.resolve("big." + format), TestFiles.withParagraphs(format, paragraphs));
        }
        String heap = System.getProperty("probe.heap", "96m");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx" + heap, "-Xms16m", "-XX:+UseSerialGC",
                "-XX:+UseCompactObjectHeaders", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), LargeAttachmentsHeapProbe.class.getName(), temp.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

        List<String> outcomes = output.lines().filter(line -> line.startsWith("outcome ")).toList();
        System.out.println("heap " + heap + ":\n" + String.join("\n", outcomes));
        assertThat(outcomes).hasSize(8).allMatch(line -> line.contains("Extracted"), "extracted under -Xmx" + heap);
    }

    /** The child: extracts each file twice, all at once, through the daemon's extractor with four parser threads. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        ExtractionSettings settings = ExtractionSettings.defaults().withTempDir(dir.resolve("spool")).withParserThreads(4);
        try (TikaExtractor extractor = TikaExtractor.create(settings)) {
            List<Mono<String>> all = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String format : FORMATS) {
                    Path file = dir.resolve("big." + format);
                    Attachment attachment = new Attachment(file.getFileName().toString(), Files.size(file), null, chunks(file));
                    all.add(extractor.extract(attachment).map(outcome -> "outcome " + format + " " + switch (outcome) {
                        case AttachmentOutcome.Extracted extracted -> "Extracted " + extracted.text().length() + " chars";
                        case AttachmentOutcome.Skipped skipped -> "Skipped " + skipped.detail();
                    }));
                }
            }
            Flux.merge(all).doOnNext(System.out::println).blockLast();
        }
    }

    private static Flux<ByteBuffer> chunks(Path file) {
        return Flux.using(() -> FileChannel.open(file), channel -> Flux.<ByteBuffer>generate(sink -> {
            try {
                ByteBuffer buffer = ByteBuffer.allocate(65536);
                if (channel.read(buffer) < 0) {
                    sink.complete();
                } else {
                    sink.next(buffer.flip());
                }
            } catch (IOException e) {
                sink.error(e);
            }
        }), channel -> {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only
            }
        });
    }
}
