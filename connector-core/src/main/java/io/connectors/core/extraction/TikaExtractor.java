package io.connectors.core.extraction;

import io.connectors.api.sink.OriginalFile;
import io.connectors.api.source.Attachment;
import io.connectors.core.extraction.AttachmentOutcome.Extracted;
import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import io.connectors.core.extraction.AttachmentOutcome.Skipped;
import io.connectors.core.extraction.TextParser.ParsedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.tika.mime.MimeTypes;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The attachment extractor of the framework: checks the type and the declared size before downloading anything,
 * streams the download into a temporary file with the size limit enforced as the bytes arrive, and has the file
 * parsed by Apache Tika, in-process or by a Tika Server ({@link ExtractionSettings#tikaServer()}). The text comes back
 * with its whitespace reduced and cut at {@link ExtractionSettings#maxTextBytes()}.
 *
 * <p>Every outcome carries these metadata fields (documented in docs/extraction.md): {@code attachment_filename},
 * {@code attachment_extension}, {@code attachment_size} (bytes downloaded, or the declared size when not downloaded),
 * {@code attachment_mime_type} (detected by Tika, else declared by the source, else guessed from the name), and, when
 * extracted, {@code attachment_truncated}.
 *
 * <p>One bad file never fails the caller: every problem becomes a {@link Skipped} with its reason. Thread-safe; one
 * instance serves every sync of the process. {@link #close()} releases the parser threads and connections.
 */
public final class TikaExtractor implements AttachmentExtractor, AutoCloseable {

    private final ExtractionSettings settings;
    private final TextParser parser;
    private final Scheduler io = Schedulers.boundedElastic();

    private TikaExtractor(ExtractionSettings settings, TextParser parser) {
        this.settings = settings;
        this.parser = parser;
        try {
            Files.createDirectories(settings.tempDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the extraction temp folder " + settings.tempDir(), e);
        }
    }

    /** In-process Tika, or the Tika Server when {@code settings.tikaServer()} is set. */
    public static TikaExtractor create(ExtractionSettings settings) {
        return new TikaExtractor(settings,
                settings.tikaServer() == null ? new InProcessTika(settings)
                        : settings.server().protocol() == ExtractionSettings.Protocol.DATA_EXTRACTION_SERVICE
                                ? new DataExtractionServiceClient(settings) : new TikaServerClient(settings));
    }

    /** With another parser behind it (tests: a parser that hangs). */
    static TikaExtractor withParser(ExtractionSettings settings, TextParser parser) {
        return new TikaExtractor(settings, parser);
    }

    @Override
    public Mono<AttachmentOutcome> extract(Attachment attachment) {
        return extract(attachment, false);
    }

    /**
     * With {@code keepOriginal}, a successful extraction hands its temporary file over in
     * {@link Extracted#original()} (the caller deletes it); a skip, a failure or a cancel deletes it here, as without.
     */
    @Override
    public Mono<AttachmentOutcome> extract(Attachment attachment, boolean keepOriginal) {
        Map<String, Object> declared = declaredMetadata(attachment);
        String extension = SupportedTypes.extension(attachment.filename());
        if (!SupportedTypes.isSupported(attachment.filename())) {
            return Mono.just(new Skipped(SkipReason.UNSUPPORTED_TYPE,
                    (extension.isEmpty() ? "files without an extension" : "." + extension + " files") + " are not extracted", 0, declared));
        }
        if (attachment.size() > settings.maxDownloadBytes()) {
            return Mono.just(new Skipped(SkipReason.TOO_LARGE, "declared size " + attachment.size()
                    + " bytes is over the limit of " + settings.maxDownloadBytes() + " bytes (service.max_file_download_size)", 0, declared));
        }
        return Mono.defer(() -> {
                    TempFile temp = new TempFile();
                    return Mono.fromCallable(() -> temp.create(settings.tempDir())).subscribeOn(io)
                            .flatMap(file -> downloadAndParse(attachment, file, declared)
                                    .map(outcome -> keepOriginal ? handOver(outcome, file, attachment.filename()) : outcome)
                                    // done: the file goes before the outcome travels on, unless it travels with it
                                    .flatMap(outcome -> outcome instanceof Extracted extracted && extracted.original() != null
                                            ? Mono.just(outcome) : temp.release(this::delete).thenReturn(outcome))
                                    .onErrorResume(error -> temp.release(this::delete).then(Mono.error(error))))
                            // canceled, possibly right after the hand-over: the outcome may never arrive, so the file goes
                            .doFinally(signal -> {
                                if (signal == SignalType.CANCEL) {
                                    temp.release(this::delete).subscribe();
                                }
                            });
                })
                .onErrorResume(error -> Mono.just(skipped(error, 0, declared)));
    }

    /**
     * Who deletes one extraction's temporary file. It is created on the I/O scheduler, so a cancel (a failed or
     * canceled sync cancels every extraction in flight) can come before, during or after its creation; whichever of
     * creation and release comes second deletes it. ({@code Mono.usingWhen} did this before: it neither cleans nor
     * discards a resource that arrives just after a cancel, which left empty files behind.)
     */
    private static final class TempFile {
        private static final Object RELEASED = new Object();
        /** null (not created yet), the file, or RELEASED. */
        private final AtomicReference<Object> state = new AtomicReference<>();

        /** Runs on the I/O scheduler. */
        Path create(Path dir) throws IOException {
            Path file = Files.createTempFile(dir, "attachment-", ".tmp");
            if (!state.compareAndSet(null, file)) {
                Files.deleteIfExists(file); // released (canceled) while the file was being made
            }
            return file;
        }

        /**
         * Deletes the file with {@code delete} if it exists and nobody did yet (a file created later deletes itself).
         * The deletion, once started, runs to its end even if the returned Mono is canceled: a cancel landing on it
         * must not leave the file behind.
         */
        Mono<Boolean> release(Function<Path, Mono<Boolean>> delete) {
            return Mono.defer(() -> state.getAndSet(RELEASED) instanceof Path file
                    ? Mono.fromFuture(delete.apply(file).toFuture(), true)
                    : Mono.just(false));
        }
    }

    private Mono<Boolean> delete(Path file) {
        return Mono.fromCallable(() -> Files.deleteIfExists(file)).subscribeOn(io);
    }

    /** An extracted outcome with its download attached (empty downloads are not worth keeping). */
    private static AttachmentOutcome handOver(AttachmentOutcome outcome, Path file, String filename) {
        if (!(outcome instanceof Extracted extracted) || extracted.downloadedBytes() <= 0) {
            return outcome;
        }
        Object type = extracted.metadata().get("attachment_mime_type");
        return new Extracted(extracted.text(), extracted.truncated(), extracted.downloadedBytes(), extracted.metadata(),
                new OriginalFile(filename, type instanceof String mediaType ? mediaType : null, extracted.downloadedBytes(), file));
    }

    private Mono<AttachmentOutcome> downloadAndParse(Attachment attachment, Path file, Map<String, Object> declared) {
        return TempFileDownload.to(file, attachment.content(), settings.maxDownloadBytes(), io)
                .onErrorMap(error -> !(error instanceof ExtractionFailedException),
                        error -> new ExtractionFailedException(SkipReason.DOWNLOAD_FAILED, "download failed: " + ExtractionFailedException.describe(error)))
                .flatMap(bytes -> (bytes == 0 ? Mono.just(new ParsedText("", false, null)) : parse(file, bytes, attachment.filename()))
                        .<AttachmentOutcome>map(parsed -> extracted(parsed, bytes, declared))
                        .onErrorResume(error -> Mono.just(skipped(error, bytes, withSize(declared, bytes)))));
    }

    private Mono<ParsedText> parse(Path file, long bytes, String filename) {
        return Mono.fromCallable(() -> {
                    ZipBombCheck.check(file, bytes);
                    return file;
                })
                .subscribeOn(io)
                .then(parser.parse(file, bytes, filename));
    }

    private static Map<String, Object> withSize(Map<String, Object> declared, long bytes) {
        Map<String, Object> metadata = new LinkedHashMap<>(declared);
        metadata.put("attachment_size", bytes);
        return metadata;
    }

    private static Extracted extracted(ParsedText parsed, long bytes, Map<String, Object> declared) {
        Map<String, Object> metadata = withSize(declared, bytes);
        if (parsed.mimeType() != null && !parsed.mimeType().equals(MimeTypes.OCTET_STREAM)) {
            metadata.put("attachment_mime_type", parsed.mimeType());
        }
        metadata.put("attachment_truncated", parsed.truncated());
        return new Extracted(parsed.text(), parsed.truncated(), bytes, metadata);
    }

    private static Skipped skipped(Throwable error, long bytes, Map<String, Object> declared) {
        if (error instanceof ExtractionFailedException failure) {
            return new Skipped(failure.reason(), failure.getMessage(), Math.max(bytes, failure.downloadedBytes()), declared);
        }
        return new Skipped(SkipReason.FAILED, ExtractionFailedException.describe(error), bytes, declared);
    }

    /** What is known without downloading: name, extension, declared size, declared or guessed type. */
    private static Map<String, Object> declaredMetadata(Attachment attachment) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("attachment_filename", attachment.filename());
        String extension = SupportedTypes.extension(attachment.filename());
        if (!extension.isEmpty()) {
            metadata.put("attachment_extension", extension);
        }
        if (attachment.size() >= 0) {
            metadata.put("attachment_size", attachment.size());
        }
        String type = mimeType(attachment);
        if (type != null) {
            metadata.put("attachment_mime_type", type);
        }
        return metadata;
    }

    private static @Nullable String mimeType(Attachment attachment) {
        String declared = attachment.contentType();
        if (declared != null && !declared.isBlank()) {
            String base = declared.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (!base.isEmpty() && !base.equals(MimeTypes.OCTET_STREAM)) {
                return base;
            }
        }
        String guessed = MimeTypes.getDefaultMimeTypes().getMimeType(attachment.filename()).getName();
        return guessed.equals(MimeTypes.OCTET_STREAM) ? null : guessed;
    }

    @Override
    public void close() {
        parser.close();
    }
}
