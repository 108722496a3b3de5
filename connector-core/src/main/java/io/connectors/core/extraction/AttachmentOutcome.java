package io.connectors.core.extraction;

import io.connectors.api.sink.OriginalFile;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What became of one attachment: its text, or why it was skipped. */
public sealed interface AttachmentOutcome {

    /** Bytes read from the source for this attachment (0 when it was never downloaded). */
    long downloadedBytes();

    /** Fields to index beside the text (or instead of it when skipped): filename, size, mime type. */
    Map<String, Object> metadata();

    /**
     * The attachment was downloaded and its text extracted. {@code truncated} says the text was cut at the configured
     * cap. {@code original} is the downloaded file, kept only when the caller asked for it
     * ({@link AttachmentExtractor#extract(io.connectors.api.source.Attachment, boolean)}): the caller then owns it and
     * deletes it; null otherwise (the extractor deleted its download).
     */
    record Extracted(String text, boolean truncated, long downloadedBytes, Map<String, Object> metadata,
                     @Nullable OriginalFile original) implements AttachmentOutcome {
        public Extracted {
            metadata = Map.copyOf(metadata);
        }

        public Extracted(String text, boolean truncated, long downloadedBytes, Map<String, Object> metadata) {
            this(text, truncated, downloadedBytes, metadata, null);
        }
    }

    /** The attachment was not turned into text; the document is indexed with its metadata only. */
    record Skipped(SkipReason reason, String detail, long downloadedBytes, Map<String, Object> metadata) implements AttachmentOutcome {
        public Skipped {
            metadata = Map.copyOf(metadata);
        }

        public Skipped(SkipReason reason, String detail, long downloadedBytes) {
            this(reason, detail, downloadedBytes, Map.of());
        }
    }

    enum SkipReason {
        /** Over {@code max_file_download_size}: declared so (never downloaded) or found so while streaming (canceled). */
        TOO_LARGE,
        /** An extension that is not extracted (archives, images, media...): never downloaded. */
        UNSUPPORTED_TYPE,
        /** Protected by a password Tika does not have. */
        ENCRYPTED,
        /** The parser failed: a corrupt file, a suspected zip bomb, a parser out of memory. */
        FAILED,
        /** The download failed (I/O, an HTTP error, its deadline): the next sync tries it again. */
        DOWNLOAD_FAILED,
        /** The parser (or the Tika Server) took longer than its timeout. */
        TIMED_OUT,
        /** The connector's {@code pipeline.extract_binary_content} is false: never downloaded. */
        EXTRACTION_DISABLED;

        /** How the reason is written in documents and logs: {@code too_large}, {@code unsupported_type}, ... */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
