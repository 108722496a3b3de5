package io.connectors.core.extraction;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How attachments are downloaded and turned into text. The daemon maps its configuration onto this record:
 * {@code service.max_file_download_size} to {@code maxDownloadBytes}, {@code service.max_extracted_text_size} to
 * {@code maxTextBytes}, {@code extraction_service.host} and {@code timeout} to {@code tikaServer} and
 * {@code tikaServerTimeout}, {@code elasticsearch.bulk.concurrent_downloads} to {@code parserThreads}.
 *
 * @param maxDownloadBytes  an attachment larger than this is not extracted: skipped before downloading when its size
 *                          is declared, and the download canceled as soon as it passes this when not
 * @param maxTextBytes      extracted text (UTF-8, after whitespace reduction) is cut at this size and marked truncated
 * @param perFileTimeout    how long in-process Tika may spend on one file (waiting for a parser thread included)
 * @param tikaServer        the base URL of an Apache Tika Server to use instead of in-process Tika, or null
 * @param tikaServerTimeout how long one request to the Tika Server may take
 * @param tempDir           where downloads are spooled while they are parsed (created when missing)
 * @param parserThreads     threads that run in-process Tika (and connections to the Tika Server), for all syncs of
 *                          the process together
 * @param server            how files reach the extraction server at {@code tikaServer} ({@code extraction_service.*})
 */
public record ExtractionSettings(
        long maxDownloadBytes,
        long maxTextBytes,
        Duration perFileTimeout,
        @Nullable URI tikaServer,
        Duration tikaServerTimeout,
        Path tempDir,
        int parserThreads,
        ServerOptions server) {

    /** The wire protocol of the extraction server ({@code extraction_service.protocol}). */
    public enum Protocol {
        /** Apache Tika Server: {@code PUT /tika}, the text as {@code text/plain}. */
        TIKA_SERVER,
        /** Elastic's data-extraction-service: {@code PUT /extract_text/}, the text as JSON {@code extracted_text}. */
        DATA_EXTRACTION_SERVICE
    }

    /**
     * How files are handed to the extraction server.
     *
     * @param protocol        the server's wire protocol
     * @param streamChunkSize bytes per chunk of a file streamed in the request body ({@code stream_chunk_size})
     * @param useFilePointers Elastic's protocol only: the file is put in {@code sharedVolumeDir} and only its path
     *                        is sent ({@code use_file_pointers})
     * @param sharedVolumeDir the folder the extraction server also sees, at the same path ({@code shared_volume_dir})
     */
    public record ServerOptions(Protocol protocol, int streamChunkSize, boolean useFilePointers, Path sharedVolumeDir) {
        public ServerOptions {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(sharedVolumeDir, "sharedVolumeDir");
            if (streamChunkSize < 1) {
                throw new IllegalArgumentException("stream_chunk_size must be positive, got " + streamChunkSize);
            }
        }

        /** Elastic's defaults: 64 KiB chunks, no file pointers, /app/files; Tika Server's protocol. */
        public static ServerOptions defaults() {
            return new ServerOptions(Protocol.TIKA_SERVER, 65_536, false, Path.of("/app/files"));
        }

        public ServerOptions withProtocol(Protocol value) {
            return new ServerOptions(value, streamChunkSize, useFilePointers, sharedVolumeDir);
        }
    }

    /** {@code service.max_file_download_size}'s default: 10 MiB. */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 10L << 20;
    /** {@code service.max_extracted_text_size}'s default: 5 MiB, Amazon Q Business's limit on a document's text. */
    public static final long DEFAULT_MAX_TEXT_BYTES = 5L << 20;

    public ExtractionSettings {
        Objects.requireNonNull(perFileTimeout, "perFileTimeout");
        Objects.requireNonNull(tikaServerTimeout, "tikaServerTimeout");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(server, "server");
        if (maxDownloadBytes < 1) {
            throw new IllegalArgumentException("max_file_download_size must be positive, got " + maxDownloadBytes);
        }
        if (maxTextBytes < 1 || maxTextBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max_extracted_text_size must be between 1 and 2^31-1 bytes, got " + maxTextBytes);
        }
        if (perFileTimeout.isNegative() || perFileTimeout.isZero() || tikaServerTimeout.isNegative() || tikaServerTimeout.isZero()) {
            throw new IllegalArgumentException("extraction timeouts must be positive");
        }
        if (parserThreads < 1) {
            throw new IllegalArgumentException("parserThreads must be at least 1, got " + parserThreads);
        }
        if (tikaServer != null && (tikaServer.getScheme() == null || tikaServer.getHost() == null)) {
            throw new IllegalArgumentException("extraction_service.host must be an absolute http(s) URL, got " + tikaServer);
        }
    }

    /** Elastic's defaults: 10 MiB downloads, 5 MiB of text, 60 s per file, in-process Tika, 10 parser threads. */
    public static ExtractionSettings defaults() {
        return new ExtractionSettings(DEFAULT_MAX_DOWNLOAD_BYTES, DEFAULT_MAX_TEXT_BYTES, Duration.ofSeconds(60), null,
                Duration.ofSeconds(30), Path.of(System.getProperty("java.io.tmpdir"), "connectors-extraction"), 10, ServerOptions.defaults());
    }

    public ExtractionSettings withMaxDownloadBytes(long bytes) {
        return new ExtractionSettings(bytes, maxTextBytes, perFileTimeout, tikaServer, tikaServerTimeout, tempDir, parserThreads, server);
    }

    public ExtractionSettings withMaxTextBytes(long bytes) {
        return new ExtractionSettings(maxDownloadBytes, bytes, perFileTimeout, tikaServer, tikaServerTimeout, tempDir, parserThreads, server);
    }

    public ExtractionSettings withPerFileTimeout(Duration timeout) {
        return new ExtractionSettings(maxDownloadBytes, maxTextBytes, timeout, tikaServer, tikaServerTimeout, tempDir, parserThreads, server);
    }

    /** Sends files to the Tika Server at {@code url} (null: parse in-process). */
    public ExtractionSettings withTikaServer(@Nullable URI url, Duration timeout) {
        return new ExtractionSettings(maxDownloadBytes, maxTextBytes, perFileTimeout, url, timeout, tempDir, parserThreads, server);
    }

    /** How files reach the extraction server ({@code extraction_service.*}). */
    public ExtractionSettings withServerOptions(ServerOptions options) {
        return new ExtractionSettings(maxDownloadBytes, maxTextBytes, perFileTimeout, tikaServer, tikaServerTimeout, tempDir, parserThreads, options);
    }

    public ExtractionSettings withTempDir(Path dir) {
        return new ExtractionSettings(maxDownloadBytes, maxTextBytes, perFileTimeout, tikaServer, tikaServerTimeout, dir, parserThreads, server);
    }

    public ExtractionSettings withParserThreads(int threads) {
        return new ExtractionSettings(maxDownloadBytes, maxTextBytes, perFileTimeout, tikaServer, tikaServerTimeout, tempDir, threads, server);
    }
}
