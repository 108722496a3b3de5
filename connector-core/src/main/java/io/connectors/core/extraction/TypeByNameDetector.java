package io.connectors.core.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Takes a file's type from its name when the name says it and a parser takes that type, and asks the magic-byte
 * detector otherwise. Only files with a {@linkplain SupportedTypes supported extension} reach the parser, so the name
 * almost always answers: Tika's default detection tries each of its ~1,400 magic patterns against the file's head,
 * decoding it to characters for every text pattern, and that was about 45 % of everything the daemon allocated in the
 * end-to-end bench (docs/performance.md, "Allocation"). A file whose content does not match its extension fails in
 * its parser and is skipped as {@code failed}, as it would be with the type the magic gave.
 */
final class TypeByNameDetector implements Detector {

    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();
    private final Predicate<MediaType> parsed;
    private final Detector fallback;

    /**
     * @param parsed   whether a parser takes a type (its own or through a supertype)
     * @param fallback the detector for files whose name says nothing a parser takes
     */
    TypeByNameDetector(Predicate<MediaType> parsed, Detector fallback) {
        this.parsed = parsed;
        this.fallback = fallback;
    }

    @Override
    public MediaType detect(InputStream input, Metadata metadata) throws IOException {
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        if (name != null) {
            MediaType byName = types.getMimeType(name).getType();
            if (!byName.equals(MediaType.OCTET_STREAM) && parsed.test(byName)) {
                return byName;
            }
        }
        return fallback.detect(input, metadata);
    }
}
