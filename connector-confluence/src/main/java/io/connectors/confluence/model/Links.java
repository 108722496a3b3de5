package io.connectors.confluence.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * {@code _links}: {@code next} (the next page, relative to the context path; absent on the last page),
 * {@code webui} and {@code download} (relative to the context path), {@code base} and {@code context}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Links(@Nullable String next, @Nullable String webui, @Nullable String download, @Nullable String base,
                    @Nullable String context) {

    public static final Links NONE = new Links(null, null, null, null, null);
}
