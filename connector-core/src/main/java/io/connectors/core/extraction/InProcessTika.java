package io.connectors.core.extraction;

import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.csv.TextAndCSVParser;
import org.apache.tika.parser.epub.EpubParser;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.mail.RFC822Parser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.parser.pkg.CompressorParser;
import org.apache.tika.parser.pkg.PackageParser;
import org.apache.tika.parser.xml.DcXMLParser;
import org.apache.tika.sax.BodyContentHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Apache Tika in this JVM, on a fixed pool of parser threads (never the caller's thread, never an event loop).
 *
 * <p>Each file gets {@code perFileTimeout}; when it passes, the parse is canceled: its thread is interrupted (which
 * ends a parser blocked on the file) and abandoned. A parser spinning in a loop ignores the interrupt and keeps its
 * thread until it ends: the pool is fixed, so such parsers can occupy at most {@code parserThreads} threads; later
 * files then wait and time out rather than take the process down. docs/extraction.md discusses these limits.
 *
 * <p>Zip bombs: Tika's {@code SecureContentHandler} (through {@link AutoDetectParser}) stops a parse whose output
 * outgrows its input by more than {@value #MAX_COMPRESSION_RATIO} to 1 or that nests deeper than its limits, and
 * Apache POI refuses OOXML entries that inflate more than 100 to 1. OCR is off: no external process is started.
 */
final class InProcessTika implements TextParser {

    private static final Logger log = LoggerFactory.getLogger(InProcessTika.class);

    static final long MAX_COMPRESSION_RATIO = 100;
    private static final long OUTPUT_THRESHOLD = 1_000_000;
    private static final int MAX_DEPTH = 100;
    private static final int MAX_PACKAGE_ENTRY_DEPTH = 10;

    private final Parser parser;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final long maxTextBytes;

    InProcessTika(ExtractionSettings settings) {
        this(defaultParser(), settings);
    }

    /** With another parser, for tests that need a parser which hangs or throws. */
    InProcessTika(Parser parser, ExtractionSettings settings) {
        this.parser = parser;
        ExecutorService executor = Executors.newFixedThreadPool(settings.parserThreads(),
                Thread.ofPlatform().name("tika-parser-", 1).daemon().factory());
        this.scheduler = Schedulers.fromExecutorService(executor, "tika-parser");
        this.timeout = settings.perFileTimeout();
        this.maxTextBytes = settings.maxTextBytes();
    }

    /**
     * The parsers that {@link SupportedTypes} reach, each the one Tika's {@code DefaultParser} would pick for that
     * type ({@code InProcessTikaParsersTest} holds them equal), plus the archives documents embed. The
     * {@code DefaultParser} constructs all ~80 parsers on the class path: ~700 more classes, 3.5 MiB more metaspace
     * and ~10 MB more RSS (measured in a bare JVM) for images, audio, video, fonts, scientific formats and the like
     * that are never extracted here. Tesseract (OCR) is not among them: it would start external processes and take
     * seconds per image.
     */
    static List<Parser> supportedParsers() {
        return List.of(new TextAndCSVParser(), new JSoupParser(), new DcXMLParser(), new PDFParser(), new RTFParser(),
                new OfficeParser(), new OOXMLParser(), new OpenDocumentParser(), new EpubParser(), new RFC822Parser(),
                new PackageParser(), new CompressorParser());
    }

    static AutoDetectParser defaultParser() {
        MediaTypeRegistry registry = MediaTypeRegistry.getDefaultRegistry();
        CompositeParser parsers = new CompositeParser(registry, supportedParsers());
        // Tika's media type to parser map, built once: Tika rebuilds it for every file (it asks each parser for its
        // types), about 5 % of the daemon's samples in the end-to-end bench with all ~80 parsers (docs/performance.md).
        // The types of the parsers kept here do not depend on the parse context.
        Map<MediaType, Parser> byType = Map.copyOf(parsers.getParsers(new ParseContext()));
        AutoDetectParser parser = new AutoDetectParser(parsers) {
            @Override
            public Map<MediaType, Parser> getParsers(ParseContext context) {
                return byType;
            }
        };
        parser.setDetector(new TypeByNameDetector(type -> parsedType(type, byType, registry) != null, parser.getDetector()));
        parser.setAutoDetectParserConfig(new AutoDetectParserConfig(null, OUTPUT_THRESHOLD, MAX_COMPRESSION_RATIO,
                MAX_DEPTH, MAX_PACKAGE_ENTRY_DEPTH));
        return parser;
    }

    /** The type itself or its nearest supertype that a parser takes, or null: how Tika's composite parser picks one. */
    static @Nullable MediaType parsedType(MediaType type, Map<MediaType, Parser> byType, MediaTypeRegistry registry) {
        for (MediaType candidate = registry.normalize(type); candidate != null && !candidate.equals(MediaType.OCTET_STREAM);
             candidate = registry.getSupertype(candidate)) {
            if (byType.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public Mono<ParsedText> parse(Path file, long size, String filename) {
        return Mono.defer(() -> {
            AtomicBoolean abandoned = new AtomicBoolean();
            return Mono.fromCallable(() -> parseNow(file, filename, abandoned))
                    .subscribeOn(scheduler)
                    .doOnCancel(() -> abandoned.set(true))
                    .timeout(timeout, Mono.error(() -> new ExtractionFailedException(SkipReason.TIMED_OUT,
                            "parsing took longer than " + timeout.toSeconds() + " s (the parser thread was interrupted)", size)));
        });
    }

    private ParsedText parseNow(Path file, String filename, AtomicBoolean abandoned) {
        long start = System.nanoTime();
        ReducedText text = new ReducedText(maxTextBytes);
        Metadata metadata = new Metadata();
        try (TikaInputStream stream = TikaInputStream.get(file, metadata)) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename); // the name picks the parser, not the temp file's
            parser.parse(stream, new BodyContentHandler(new TextHandler(text)), metadata, context());
            return new ParsedText(text.toString(), false, mimeType(metadata));
        } catch (Exception | OutOfMemoryError | StackOverflowError | LinkageError e) {
            if (abandoned.get()) {
                return new ParsedText("", false, null); // nobody listens any more; an error would only be logged as dropped
            }
            if (text.full() || WriteLimitReachedException.isWriteLimitReached(e)) {
                return new ParsedText(text.toString(), true, mimeType(metadata));
            }
            throw classify(e);
        } finally {
            if (abandoned.get()) {
                log.warn("the abandoned parser of {} ended after {} ms (its timeout was {} ms); its thread is free again",
                        filename, Duration.ofNanos(System.nanoTime() - start).toMillis(), timeout.toMillis());
            }
        }
    }

    private static ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, pdf);
        // streaming (SAX) readers for Word and PowerPoint: the default ones load the whole document tree in memory
        OfficeParserConfig office = new OfficeParserConfig();
        office.setUseSAXDocxExtractor(true);
        office.setUseSAXPptxExtractor(true);
        context.set(OfficeParserConfig.class, office);
        return context;
    }

    private static @Nullable String mimeType(Metadata metadata) {
        String type = metadata.get(Metadata.CONTENT_TYPE);
        MediaType parsed = type == null ? null : MediaType.parse(type);
        return parsed == null ? null : parsed.getBaseType().toString();
    }

    /** Turns what a parser threw into a skip reason; Errors included, so one bad file never brings the JVM down. */
    private static ExtractionFailedException classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof EncryptedDocumentException) {
                return new ExtractionFailedException(SkipReason.ENCRYPTED, "encrypted: " + ExtractionFailedException.describe(error));
            }
            String message = cause.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
                return new ExtractionFailedException(SkipReason.FAILED, "suspected zip bomb: " + message);
            }
        }
        return switch (error) {
            case OutOfMemoryError oom -> new ExtractionFailedException(SkipReason.FAILED,
                    "the parser ran out of memory: " + oom.getMessage());
            case StackOverflowError overflow -> new ExtractionFailedException(SkipReason.FAILED,
                    "the parser overflowed its stack (content nested too deep)");
            default -> new ExtractionFailedException(SkipReason.FAILED, "could not parse: " + ExtractionFailedException.describe(error));
        };
    }

    @Override
    public void close() {
        scheduler.dispose();
    }

    /** Feeds the body's characters to the reduced text; stops the parse with Tika's write-limit signal once it is full. */
    private static final class TextHandler extends DefaultHandler {

        private final ReducedText text;

        TextHandler(ReducedText text) {
            this.text = text;
        }

        @Override
        public void characters(char[] chars, int start, int length) throws SAXException {
            if (!text.append(chars, start, length)) {
                throw new WriteLimitReachedException((int) Math.min(Integer.MAX_VALUE, text.bytes()));
            }
        }

        @Override
        public void ignorableWhitespace(char[] chars, int start, int length) throws SAXException {
            characters(chars, start, length);
        }
    }
}
