package io.connectors.core.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code extraction_service}: an external text extraction service.
 *
 * @param host    http(s) URL of the service; null when none is configured
 * @param timeout         timeout of one extraction request
 * @param protocol        {@code auto}, {@code data_extraction_service} or {@code tika_server}
 * @param useFilePointers send a path in {@code sharedVolumeDir} instead of the file (Elastic's protocol only)
 * @param streamChunkSize bytes per chunk of a streamed file
 * @param sharedVolumeDir the folder shared with the service
 */
public record ExtractionServiceConfig(@Nullable String host, Duration timeout, String protocol, boolean useFilePointers,
                                      long streamChunkSize, java.nio.file.Path sharedVolumeDir) {

    public ExtractionServiceConfig {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(sharedVolumeDir, "sharedVolumeDir");
    }

    /** Only a host and a timeout; Elastic's defaults for the rest, protocol auto. */
    public ExtractionServiceConfig(@Nullable String host, Duration timeout) {
        this(host, timeout, "auto", false, 65_536L, java.nio.file.Path.of("/app/files"));
    }

    public boolean enabled() {
        return host != null;
    }
}
