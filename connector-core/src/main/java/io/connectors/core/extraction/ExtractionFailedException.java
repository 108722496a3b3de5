package io.connectors.core.extraction;

import io.connectors.api.ConnectorException;

/** Why one attachment could not be turned into text; becomes an {@link AttachmentOutcome.Skipped}. */
final class ExtractionFailedException extends ConnectorException {

    private final AttachmentOutcome.SkipReason reason;
    private final long downloadedBytes;

    ExtractionFailedException(AttachmentOutcome.SkipReason reason, String message) {
        this(reason, message, 0);
    }

    ExtractionFailedException(AttachmentOutcome.SkipReason reason, String message, long downloadedBytes) {
        super(message);
        this.reason = reason;
        this.downloadedBytes = downloadedBytes;
    }

    AttachmentOutcome.SkipReason reason() {
        return reason;
    }

    long downloadedBytes() {
        return downloadedBytes;
    }

    /**
     * The root cause first, where the useful words usually are ("IOException: Missing root object specification in
     * trailer."), then the type that carried it; short enough for a log line and the skip detail.
     */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return root == error ? rootText : rootText + " (in " + error.getClass().getSimpleName() + ")";
    }
}
