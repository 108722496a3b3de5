package io.connectors.core.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code extraction_service}: an external text extraction service.
 *
 * @param host    http(s) URL of the service; null when none is configured
 * @param timeout timeout of one extraction request
 */
public record ExtractionServiceConfig(@Nullable String host, Duration timeout) {

    public ExtractionServiceConfig {
        Objects.requireNonNull(timeout, "timeout");
    }

    public boolean enabled() {
        return host != null;
    }
}
