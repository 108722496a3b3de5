package io.connectors.core.extraction;

import java.util.Map;

/** What became of one attachment: its text, or why it was skipped. */
public sealed interface AttachmentOutcome {

    /**
     * The attachment was downloaded and its text extracted. {@code metadata} holds fields to index beside the text
     * (size, mime type, filename); {@code truncated} says the text was cut at the configured cap.
     */
    record Extracted(String text, boolean truncated, long downloadedBytes, Map<String, Object> metadata) implements AttachmentOutcome {
        public Extracted {
            metadata = Map.copyOf(metadata);
        }
    }

    /** The attachment was not turned into text; the document is indexed with its metadata only. */
    record Skipped(SkipReason reason, String detail, long downloadedBytes) implements AttachmentOutcome {}

    enum SkipReason { TOO_LARGE, UNSUPPORTED_TYPE, FAILED, TIMED_OUT }
}
