package io.connectors.core.extraction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Streams an attachment's bytes into a file, counting them as they arrive: the moment the count passes the limit the
 * source is canceled (so its connection is closed) and the download fails with {@code TOO_LARGE}. Memory holds at
 * most a few buffers in flight, whatever the file's size.
 */
final class TempFileDownload {

    /** Buffers queued between the source's thread and the file writer. */
    private static final int PREFETCH = 8;

    private TempFileDownload() {
    }

    /** Writes {@code content} to {@code file} and emits the byte count; {@code io} runs the (blocking) file writes. */
    static Mono<Long> to(Path file, Flux<ByteBuffer> content, long maxBytes, Scheduler io) {
        return Mono.using(
                () -> FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                channel -> limited(content, maxBytes)
                        .publishOn(io, PREFETCH)
                        .reduce(0L, (written, buffer) -> written + write(channel, buffer, file)),
                TempFileDownload::close);
    }

    private static Flux<ByteBuffer> limited(Flux<ByteBuffer> content, long maxBytes) {
        return Flux.defer(() -> {
            long[] received = {0};
            return content.handle((buffer, sink) -> {
                received[0] += buffer.remaining();
                if (received[0] > maxBytes) {
                    // erroring here cancels the source at once, on its own thread
                    sink.error(new ExtractionFailedException(AttachmentOutcome.SkipReason.TOO_LARGE,
                            "download canceled after " + received[0] + " bytes: over the limit of " + maxBytes
                                    + " bytes (service.max_file_download_size)", received[0]));
                    return;
                }
                // the source may recycle its buffer once onNext returns (a pooled Netty buffer seen as a ByteBuffer):
                // the copy is what travels to the writer thread
                sink.next(copy(buffer));
            });
        });
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }

    private static long write(FileChannel channel, ByteBuffer buffer, Path file) {
        long written = 0;
        try {
            while (buffer.hasRemaining()) {
                written += channel.write(buffer);
            }
            return written;
        } catch (ClosedChannelException canceled) {
            return written; // the download was canceled and the channel closed under us: nobody reads the file
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the download to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; nothing was lost
        }
    }
}
