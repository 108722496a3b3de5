package io.connectors.confluence.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A piece of content: a page, blog post, comment or attachment, with what the connector expands
 * ({@code body.storage}, {@code version}, {@code ancestors}, {@code space}, {@code metadata.labels}, {@code history},
 * {@code container}, {@code extensions} of attachments). Nested parts stay JSON: their shapes vary by type and
 * version, and only a few values are read from them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Content(String id, String type, @Nullable String status, @Nullable String title, @Nullable JsonNode space,
                      @Nullable JsonNode version, @Nullable JsonNode history, @Nullable List<JsonNode> ancestors,
                      @Nullable JsonNode body, @Nullable JsonNode metadata, @Nullable JsonNode container,
                      @Nullable JsonNode extensions, @JsonProperty("_links") @Nullable Links links) {

    public static final String PAGE = "page";
    public static final String BLOGPOST = "blogpost";
    public static final String COMMENT = "comment";
    public static final String ATTACHMENT = "attachment";

    /** Whether Confluence reports it live ({@code current}): archived, trashed, draft and historical are not. */
    public boolean current() {
        return status == null || "current".equals(status);
    }

    /** {@code version.when}: the last modification, ISO-8601; empty when not expanded. */
    public String modified() {
        return node(version).path("when").asText("");
    }

    public String storage() {
        return node(body).path("storage").path("value").asText("");
    }

    public String spaceKey() {
        return node(space).path("key").asText("");
    }

    public String spaceName() {
        return node(space).path("name").asText("");
    }

    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        node(metadata).path("labels").path("results").forEach(label -> labels.add(label.path("name").asText()));
        return labels;
    }

    /** The ids of the ancestors, root first, as Confluence lists them. */
    public List<String> ancestorIds() {
        List<String> ids = new ArrayList<>();
        if (ancestors != null) {
            ancestors.forEach(ancestor -> ids.add(ancestor.path("id").asText("")));
        }
        return ids;
    }

    /** {@code extensions.fileSize} of an attachment, -1 when not declared. */
    public long fileSize() {
        JsonNode size = node(extensions).path("fileSize");
        return size.canConvertToLong() ? size.asLong() : -1;
    }

    public @Nullable String mediaType() {
        String type = node(extensions).path("mediaType").asText(node(metadata).path("mediaType").asText(""));
        return type.isEmpty() ? null : type;
    }

    public Links linksOrNone() {
        return links == null ? Links.NONE : links;
    }

    private static JsonNode node(@Nullable JsonNode node) {
        return node == null ? MissingNode.getInstance() : node;
    }
}
