package io.connectors.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.extraction.AttachmentOutcome.Extracted;
import io.connectors.core.extraction.AttachmentOutcome.Skipped;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Waits for an extraction's outcome and checks its kind, for the extractor's tests. */
final class Outcomes {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Outcomes() {
    }

    static Extracted extracted(Mono<AttachmentOutcome> outcome) {
        AttachmentOutcome result = outcome.block(WAIT);
        assertThat(result).isInstanceOf(Extracted.class);
        return (Extracted) result;
    }

    static Skipped skipped(Mono<AttachmentOutcome> outcome) {
        AttachmentOutcome result = outcome.block(WAIT);
        assertThat(result).isInstanceOf(Skipped.class);
        return (Skipped) result;
    }
}
