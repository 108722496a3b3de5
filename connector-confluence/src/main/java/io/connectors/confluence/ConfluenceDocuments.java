package io.connectors.confluence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.connectors.api.source.Attachment;
import io.connectors.api.source.SourceDocument;
import io.connectors.confluence.model.Content;
import io.connectors.confluence.model.Space;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Confluence objects to documents, as docs/confluence.md describes them. Ids: {@code space-<key>},
 * {@code page-<id>}, {@code blogpost-<id>}, {@code comment-<id>}, {@code attachment-<id>}; the change marker of
 * content is {@code version.when}, of a space a checksum of its fields (spaces have no version).
 *
 * <p>Only what the item's own version covers is copied into its document: the breadcrumb is the ancestors' ids
 * ({@code page-<id>} documents of their own) and a comment's or attachment's page is its id, because renaming a page
 * changes neither its children's nor its comments' {@code version.when}, and a copied title would go stale unseen.
 */
final class ConfluenceDocuments {

    private final String baseUrl;
    private final boolean indexLabels;

    /** @param baseUrl where Confluence's relative {@code webui} links resolve ({@link ConfluenceConfig#apiUrl()}) */
    ConfluenceDocuments(String baseUrl, boolean indexLabels) {
        this.baseUrl = baseUrl;
        this.indexLabels = indexLabels;
    }

    static String spaceId(String key) {
        return "space-" + key;
    }

    /** {@code <type>-<id>}: Confluence's content ids are unique across types, the prefix says what a document is. */
    static String contentId(String type, String id) {
        return type + "-" + id;
    }

    SourceDocument space(Space space) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "space");
        fields.put("title", space.name() == null ? space.key() : space.name());
        fields.put("key", space.key());
        fields.put("space", space.key());
        fields.put("space_name", space.name() == null ? space.key() : space.name());
        fields.put("space_type", space.type());
        fields.put("description", space.descriptionText());
        String webui = space.links() == null ? null : space.links().webui();
        fields.put("url", webui == null ? baseUrl + "/spaces/" + space.key() : baseUrl + webui);
        return SourceDocument.of(spaceId(space.key()), checksum(fields), fields);
    }

    /** A page, blog post or comment, its storage-format body as clean text. */
    SourceDocument content(Content content) {
        Map<String, Object> fields = common(content);
        fields.put("body", StorageFormat.toText(content.storage()));
        if (Content.COMMENT.equals(content.type())) {
            container(content, fields);
        }
        return SourceDocument.of(contentId(content.type(), content.id()), content.modified(), fields);
    }

    /** An attachment document whose body the engine extracts from {@code content} (downloaded only when changed). */
    SourceDocument attachment(Content attachment, Attachment file) {
        Map<String, Object> fields = common(attachment);
        container(attachment, fields);
        fields.put("size", attachment.fileSize());
        fields.put("media_type", attachment.mediaType());
        return new SourceDocument(contentId(Content.ATTACHMENT, attachment.id()), attachment.modified(), fields, file);
    }

    private Map<String, Object> common(Content content) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", content.type());
        fields.put("title", content.title() == null ? "" : content.title());
        fields.put("space", content.spaceKey());
        fields.put("space_name", content.spaceName());
        // ids, not titles: renaming a page does not version its children, so a copied title would go stale unseen
        fields.put("ancestor_ids", content.ancestorIds());
        if (indexLabels) {
            fields.put("labels", content.labels());
        }
        JsonNode history = node(content.history());
        JsonNode version = node(content.version());
        fields.put("author", name(history.path("createdBy")));
        fields.put("updated_by", name(version.path("by")));
        fields.put("version", version.path("number").asInt(0));
        fields.put("created_at", text(history.path("createdDate")));
        fields.put("updated_at", text(version.path("when")));
        String webui = content.linksOrNone().webui();
        fields.put("url", webui == null ? null : baseUrl + webui);
        return fields;
    }

    private static void container(Content content, Map<String, Object> fields) {
        JsonNode container = node(content.container());
        fields.put("container_id", text(container.path("id")));
        fields.put("container_type", text(container.path("type")));
    }

    private static @Nullable String name(JsonNode user) {
        String name = user.path("displayName").asText(user.path("publicName").asText(""));
        return name.isEmpty() ? null : name;
    }

    private static @Nullable String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static JsonNode node(@Nullable JsonNode node) {
        return node == null ? MissingNode.getInstance() : node;
    }

    private static String checksum(Map<String, Object> fields) {
        CRC32 crc = new CRC32();
        crc.update(fields.toString().getBytes(StandardCharsets.UTF_8));
        return "crc32:" + Long.toHexString(crc.getValue());
    }
}
