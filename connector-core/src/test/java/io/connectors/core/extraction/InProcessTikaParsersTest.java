package io.connectors.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.tika.config.ServiceLoader;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The daemon constructs only the Tika parsers its supported types reach ({@link InProcessTika#supportedParsers()}),
 * not all of Tika's: for every supported extension, and for the archives documents embed, the parser it picks is the
 * one Tika's own {@link DefaultParser} would pick.
 */
class InProcessTikaParsersTest {

    private static final MediaTypeRegistry REGISTRY = MediaTypeRegistry.getDefaultRegistry();

    private final Map<MediaType, Parser> all = new DefaultParser(REGISTRY, new ServiceLoader(getClass().getClassLoader()),
            List.of(TesseractOCRParser.class)).getParsers(new ParseContext());
    private final Map<MediaType, Parser> kept = InProcessTika.defaultParser().getParsers(new ParseContext());

    @Test
    void everySupportedExtension_isParsedByTheParserTikaWouldPick() {
        List<String> compared = new TreeSet<>(SupportedTypes.EXTENSIONS).stream()
                .filter(extension -> !extension.equals("paper")) // no glob in Tika: detected by content, as before
                .toList();
        assertThat(compared).hasSize(SupportedTypes.EXTENSIONS.size() - 1);
        for (String extension : compared) {
            MediaType type = MimeTypes.getDefaultMimeTypes().getMimeType("file." + extension).getType();

            assertThat(parserFor(type, kept)).as(extension + " (" + type + ")").isNotNull().isEqualTo(parserFor(type, all));
        }
    }

    @Test
    void embeddedArchivesAndMail_areStillOpened() {
        for (String type : List.of("application/zip", "application/gzip", "application/x-tar", "application/x-7z-compressed",
                "message/rfc822", "application/vnd.ms-outlook", "image/svg+xml", "application/xhtml+xml")) {
            MediaType mediaType = MediaType.parse(type);

            assertThat(parserFor(mediaType, kept)).as(type).isNotNull().isEqualTo(parserFor(mediaType, all));
        }
    }

    @Test
    void typesNeverExtracted_haveNoParser() {
        for (String type : List.of("image/jpeg", "audio/mpeg", "video/mp4", "application/x-font-ttf")) {
            assertThat(parserFor(MediaType.parse(type), kept)).as(type).isNull();
        }
    }

    private static @Nullable String parserFor(MediaType type, Map<MediaType, Parser> parsers) {
        MediaType parsed = InProcessTika.parsedType(type, parsers, REGISTRY);
        return parsed == null ? null : parsers.get(parsed).getClass().getName();
    }
}
