package io.connectors.qbusiness;

import io.connectors.api.sink.OriginalFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * From a synced document (what the Elasticsearch sink would index) to a Q Business document, within the service's
 * documented limits: ids of at most 1,825 characters, titles of at most 1,024, string attribute values of at most
 * 2,048, attribute names of letters, digits, {@code _} and {@code -}. Content is the document's text as
 * {@code PLAIN_TEXT}: title, description, extracted attachment text and comments; or, for an attachment whose
 * original file the sink sends ({@link #withOriginal}), that file with its own content type.
 *
 * <p>Attributes: {@code _source_uri} (the {@code url} field), {@code _created_at} / {@code _last_updated_at}
 * ({@code created} / {@code updated}), {@code _category} ({@code type}), {@code _authors} ({@code reporter} or
 * {@code author}), and the source's own: for Jira {@code jira_issue_key}, {@code jira_project}, {@code jira_status},
 * {@code jira_priority}, {@code jira_assignee}, {@code jira_labels}; for Confluence (a document with a {@code space}
 * key) {@code confluence_space}, {@code confluence_space_name}, {@code confluence_labels},
 * {@code confluence_container} and {@code confluence_version}. Permissions ({@code _allow_permissions}): see
 * {@link Permissions}.
 */
final class DocumentMapper {

    static final int MAX_ID_LENGTH = 1_825;
    static final int MAX_TITLE_LENGTH = 1_024;
    static final int MAX_STRING_VALUE = 2_048;
    static final int MAX_LIST_VALUES = 50;
    /** The service's limit on one document's inline content. */
    static final long MAX_CONTENT_BYTES = 50L << 20;
    /** Characters of a long id kept as they are before the hash suffix: 1,750 + 1 + 64 = 1,815 <= 1,825. */
    static final int LONG_ID_PREFIX = 1_750;

    private static final DateTimeFormatter JIRA_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0).toFormatter();

    private DocumentMapper() {}

    /**
     * The Q Business id of an Elasticsearch {@code _id}: the same id when it fits; otherwise its first 1,750
     * characters, {@code #}, and the SHA-256 (hex) of the whole id, so two long ids never share a Q Business id and
     * the same id always maps the same way.
     */
    static String documentId(String id) {
        if (id.length() <= MAX_ID_LENGTH) {
            return id;
        }
        return id.substring(0, LONG_ID_PREFIX) + "#" + sha256(id.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Q Business document of {@code document}; throws {@link Permissions.InvalidDocumentException} when its
     * {@code _allow_permissions} cannot be sent (the sink then counts it as failed).
     */
    static QDocument map(Map<String, Object> document, String id) {
        String title = cut(firstText(document, "title", "summary", "name", "filename"), MAX_TITLE_LENGTH);
        String text = content(document);
        List<QDocument.Attribute> attributes = new ArrayList<>();
        string(attributes, "_source_uri", uri(document.get("url")));
        // Jira writes created/updated, Confluence created_at/updated_at
        date(attributes, "_created_at", first(document, "created", "created_at"));
        date(attributes, "_last_updated_at", first(document, "updated", "updated_at"));
        string(attributes, "_category", document.get("type"));
        Object author = document.get("reporter") != null ? document.get("reporter") : document.get("author");
        if (author instanceof String name && !name.isBlank()) {
            attributes.add(new QDocument.StringListAttribute("_authors", List.of(cut(name, MAX_STRING_VALUE))));
        }
        if (document.get("space") instanceof String) {
            confluence(attributes, document);
        } else {
            jira(attributes, document);
        }
        String documentId = documentId(id);
        String resolvedTitle = title.isEmpty() ? cut(documentId, MAX_TITLE_LENGTH) : title;
        byte[] blob = text.getBytes(StandardCharsets.UTF_8);
        List<Permissions.Principal> allowed = Permissions.of(document);
        return new QDocument(documentId, resolvedTitle, blob, ContentTypes.PLAIN_TEXT, null, List.copyOf(attributes), allowed,
                checksum(documentId, resolvedTitle, blob, attributes, allowed));
    }

    /**
     * {@code text} (the mapped document) with its attachment's original file as content instead of the extracted
     * text: the same id, title, attributes and permissions. Its checksum covers the text document's checksum, the
     * content type and the file's SHA-256, so a file that changed while its text did not is sent again, and so is a
     * document that was sent as text before (or the other way round).
     */
    static QDocument withOriginal(QDocument text, OriginalFile file, String contentType, String fileSha256) {
        MessageDigest digest = sha256();
        digest.update(text.checksum().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(("original " + contentType + " " + fileSha256).getBytes(StandardCharsets.UTF_8));
        return new QDocument(text.id(), text.title(), new byte[0], contentType, file, text.attributes(), text.allowed(),
                HexFormat.of().formatHex(digest.digest()));
    }

    /** Seed 000's attributes of a Jira issue or attachment. */
    private static void jira(List<QDocument.Attribute> attributes, Map<String, Object> document) {
        string(attributes, "jira_issue_key", "issue".equals(document.get("type")) ? document.get("key") : document.get("issue_key"));
        string(attributes, "jira_project", document.get("project_key"));
        string(attributes, "jira_status", document.get("status"));
        string(attributes, "jira_priority", document.get("priority"));
        string(attributes, "jira_assignee", document.get("assignee"));
        list(attributes, "jira_labels", document.get("labels"));
    }

    /**
     * A Confluence space, page, blog post, comment or attachment (docs/confluence.md): its space, labels, the page or
     * blog post a comment or attachment belongs to (as that document's id, e.g. {@code page-123}), and its version.
     */
    private static void confluence(List<QDocument.Attribute> attributes, Map<String, Object> document) {
        string(attributes, "confluence_space", document.get("space"));
        string(attributes, "confluence_space_name", document.get("space_name"));
        list(attributes, "confluence_labels", document.get("labels"));
        if (document.get("container_type") instanceof String type && document.get("container_id") instanceof String containerId
                && !type.isBlank() && !containerId.isBlank()) {
            string(attributes, "confluence_container", type + "-" + containerId);
        }
        if (document.get("version") instanceof Number version && version.longValue() > 0) {
            attributes.add(new QDocument.LongAttribute("confluence_version", version.longValue()));
        }
    }

    private static @Nullable Object first(Map<String, Object> document, String... fields) {
        for (String field : fields) {
            if (document.get(field) != null) {
                return document.get(field);
            }
        }
        return null;
    }

    /** The text Q Business indexes: the title, then every text the document carries, in a fixed order. */
    private static String content(Map<String, Object> document) {
        StringBuilder out = new StringBuilder();
        for (String field : List.of("key", "title", "description", "body", "text")) {
            if (document.get(field) instanceof String value && !value.isBlank()) {
                out.append(value).append("\n\n");
            }
        }
        if (document.get("comments") instanceof List<?> comments) {
            for (Object comment : comments) {
                if (comment instanceof Map<?, ?> map && map.get("text") instanceof String text && !text.isBlank()) {
                    if (map.get("author") instanceof String author) {
                        out.append(author).append(": ");
                    }
                    out.append(text).append("\n\n");
                }
            }
        }
        return out.toString().strip();
    }

    private static String firstText(Map<String, Object> document, String... fields) {
        for (String field : fields) {
            if (document.get(field) instanceof String value && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    private static @Nullable String uri(@Nullable Object value) {
        return value instanceof String url && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static void string(List<QDocument.Attribute> attributes, String name, @Nullable Object value) {
        if (value instanceof String text && !text.isBlank()) {
            attributes.add(new QDocument.StringAttribute(name, cut(text, MAX_STRING_VALUE)));
        }
    }

    private static void list(List<QDocument.Attribute> attributes, String name, @Nullable Object value) {
        if (value instanceof List<?> values && !values.isEmpty()) {
            List<String> texts = values.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(text -> !text.isBlank()).limit(MAX_LIST_VALUES).map(text -> cut(text, MAX_STRING_VALUE)).toList();
            if (!texts.isEmpty()) {
                attributes.add(new QDocument.StringListAttribute(name, texts));
            }
        }
    }

    private static void date(List<QDocument.Attribute> attributes, String name, @Nullable Object value) {
        Instant instant = value instanceof String text ? parseDate(text) : null;
        if (instant != null) {
            attributes.add(new QDocument.DateAttribute(name, instant));
        }
    }

    /** ISO-8601 with or without an offset, or Jira's {@code 2024-01-31T10:00:00.000+0000}; null when neither. */
    static @Nullable Instant parseDate(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return OffsetDateTime.parse(text, JIRA_OFFSET).toInstant();
            } catch (DateTimeParseException notJira) {
                return null;
            }
        }
    }

    /** Cuts to {@code max} characters without splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String checksum(String id, String title, byte[] blob, List<QDocument.Attribute> attributes,
                                   List<Permissions.Principal> allowed) {
        MessageDigest digest = sha256();
        digest.update(id.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(title.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(blob);
        digest.update((byte) 0);
        // records print their components in a fixed order, and Instant and List print deterministically
        digest.update(attributes.toString().getBytes(StandardCharsets.UTF_8));
        if (!allowed.isEmpty()) {
            // only when present, so documents without permissions keep the checksums stored before permissions existed
            digest.update((byte) 0);
            digest.update(Permissions.canonical(allowed).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
