package io.connectors.confluence.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** A space: {@code id}, {@code key}, {@code name}, {@code type} (global, personal), {@code status}, description. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Space(String id, String key, @Nullable String name, @Nullable String type, @Nullable String status,
                    @Nullable JsonNode description, @JsonProperty("_links") @Nullable Links links) {

    /** {@code description.plain.value} when expanded, else empty. */
    public String descriptionText() {
        return description == null ? "" : description.path("plain").path("value").asText("");
    }
}
