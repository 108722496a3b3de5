package io.connectors.bench;

import io.connectors.api.source.Attachment;
import io.connectors.core.extraction.AttachmentExtractor;
import io.connectors.core.extraction.AttachmentOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The bench's extractor: the bytes as UTF-8 text, up to a size limit. The bench's attachments are text, and the raw
 * ceiling phase builds the same documents by hand, so both must agree byte for byte (Tika adds metadata fields).
 */
final class BenchTextExtractor implements AttachmentExtractor {

    private final long maxDownloadBytes;

    BenchTextExtractor(long maxDownloadBytes) {
        this.maxDownloadBytes = maxDownloadBytes;
    }

    @Override
    public Mono<AttachmentOutcome> extract(Attachment attachment) {
        if (attachment.size() > maxDownloadBytes) {
            return Mono.just(new AttachmentOutcome.Skipped(AttachmentOutcome.SkipReason.TOO_LARGE,
                    "declared size " + attachment.size() + " bytes is over the limit of " + maxDownloadBytes, 0));
        }
        // takeUntil stops at the limit: the download is canceled rather than buffered whole
        return attachment.content()
                .scan(new ByteArrayOutputStream(), BenchTextExtractor::append)
                .takeUntil(out -> out.size() > maxDownloadBytes)
                .last(new ByteArrayOutputStream())
                .<AttachmentOutcome>map(out -> out.size() > maxDownloadBytes
                        ? new AttachmentOutcome.Skipped(AttachmentOutcome.SkipReason.TOO_LARGE, "over " + maxDownloadBytes + " bytes", out.size())
                        : new AttachmentOutcome.Extracted(out.toString(StandardCharsets.UTF_8), false, out.size(),
                                Map.of("filename", attachment.filename(), "size", out.size())))
                .onErrorResume(e -> Mono.just(new AttachmentOutcome.Skipped(AttachmentOutcome.SkipReason.FAILED, e.toString(), 0)));
    }

    private static ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.write(bytes, 0, bytes.length);
        return out;
    }
}
