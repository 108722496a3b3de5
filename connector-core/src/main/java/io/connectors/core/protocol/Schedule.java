package io.connectors.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** One entry of a connector's {@code scheduling}: whether it is on, and a Quartz cron expression. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Schedule(@Nullable Boolean enabled, @Nullable String interval) {

    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled) && interval != null && !interval.isBlank();
    }
}
