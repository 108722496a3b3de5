package io.connectors.core.extraction;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Turns a downloaded file into reduced, capped text: in-process Tika or a Tika Server. Fails with an
 * {@link ExtractionFailedException} naming the reason (encrypted, timed out, failed); never blocks the caller.
 */
interface TextParser extends AutoCloseable {

    /** Parses {@code file} ({@code size} bytes, named {@code filename} at its source). */
    Mono<ParsedText> parse(Path file, long size, String filename);

    @Override
    void close();

    /**
     * @param mimeType the type the parser detected, without parameters, when it knows it
     */
    record ParsedText(String text, boolean truncated, @Nullable String mimeType) {}
}
