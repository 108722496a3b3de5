package io.connectors.core.extraction;

import io.connectors.core.extraction.AttachmentOutcome.SkipReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Refuses a zip container (docx, xlsx, pptx, odt, epub...) whose central directory announces far more content than
 * its size justifies, before any parser inflates it. Tika disables Apache POI's own inflate-ratio guard and relies on
 * its {@code SecureContentHandler}, which measures the text as it comes out: too late for an Office file whose one
 * giant text run is built in memory before the first character reaches it. This check costs one read of the central
 * directory. An archive that lies about its sizes passes here and meets the parser's limits instead.
 */
final class ZipBombCheck {

    /** Inflation beyond this many times the file's size is refused (Tika's and POI's ratio too)... */
    static final long MAX_RATIO = InProcessTika.MAX_COMPRESSION_RATIO;
    /** ...once the content passes this size: small files may compress well without being a threat. */
    static final long GRACE_BYTES = 16L << 20;
    private static final int MAX_ENTRIES = 100_000;

    private ZipBombCheck() {
    }

    /** Fails with {@code FAILED: suspected zip bomb} when {@code file} is a zip that inflates out of proportion. */
    static void check(Path file, long size) throws IOException {
        if (!isZip(file)) {
            return;
        }
        long inflated = 0;
        int entries = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                entries++;
                inflated += Math.max(0, entry.getSize());
                if (entries > MAX_ENTRIES) {
                    throw bomb("over " + MAX_ENTRIES + " entries");
                }
            }
        } catch (ZipException unreadable) {
            return; // not a well-formed zip: the parser will say what is wrong with it
        }
        if (inflated > GRACE_BYTES && inflated > MAX_RATIO * size) {
            throw bomb(size + " bytes inflate to " + inflated + " bytes, over " + MAX_RATIO + " times");
        }
    }

    private static boolean isZip(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(magic, 0, 4) == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private static ExtractionFailedException bomb(String why) {
        return new ExtractionFailedException(SkipReason.FAILED, "suspected zip bomb: " + why);
    }
}
