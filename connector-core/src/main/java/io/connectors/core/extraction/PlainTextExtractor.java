package io.connectors.core.extraction;

import io.connectors.core.source.Attachment;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The simplest extractor: reads the bytes as UTF-8 text, up to a size limit, whatever the file's type.
 *
 * @deprecated use {@link TikaExtractor}, which extracts every supported type, skips the others without downloading
 *             and writes the {@code attachment_*} metadata fields. Kept only until the daemon's wiring
 *             ({@code service.Daemon}) and its tests create a {@code TikaExtractor} from {@link ExtractionSettings}.
 */
@Deprecated(forRemoval = true)
public final class PlainTextExtractor implements AttachmentExtractor {

    private final long maxDownloadBytes;

    public PlainTextExtractor(long maxDownloadBytes) {
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
                .scan(new ByteArrayOutputStream(), PlainTextExtractor::append)
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
