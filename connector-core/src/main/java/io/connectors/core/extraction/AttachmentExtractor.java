package io.connectors.core.extraction;

import io.connectors.api.source.Attachment;
import reactor.core.publisher.Mono;

/**
 * Turns an attachment into text. Implementations download only when subscribed, never fail the sync for one bad
 * file (they answer {@link AttachmentOutcome.Skipped} instead), and never block the calling thread.
 */
public interface AttachmentExtractor {

    Mono<AttachmentOutcome> extract(Attachment attachment);
}
