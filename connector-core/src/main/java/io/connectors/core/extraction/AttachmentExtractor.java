package io.connectors.core.extraction;

import io.connectors.api.source.Attachment;
import reactor.core.publisher.Mono;

/**
 * Turns an attachment into text. Implementations download only when subscribed, never fail the sync for one bad
 * file (they answer {@link AttachmentOutcome.Skipped} instead), and never block the calling thread.
 */
public interface AttachmentExtractor {

    Mono<AttachmentOutcome> extract(Attachment attachment);

    /**
     * As {@link #extract(Attachment)}; with {@code keepOriginal}, an {@link AttachmentOutcome.Extracted} carries the
     * downloaded file ({@link AttachmentOutcome.Extracted#original()}), which the caller then owns and must delete.
     * On every other path (skipped, failed, canceled) the extractor deletes its download itself. The default keeps
     * nothing (an extractor without files of its own, as in tests).
     */
    default Mono<AttachmentOutcome> extract(Attachment attachment, boolean keepOriginal) {
        return extract(attachment);
    }
}
