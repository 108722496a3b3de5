package io.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.atlassian.AtlassianJson;
import io.connectors.api.source.SourceDocument;
import io.connectors.jira.model.Attachment;
import io.connectors.jira.model.Comment;
import io.connectors.jira.model.Issue;
import io.connectors.jira.model.Project;
import io.connectors.jira.model.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Jira objects to source documents. Ids and change markers (see docs/jira.md):
 * <ul>
 *   <li>{@code project-<project id>}: marker is a hash of the indexed fields (Jira keeps no update time for projects);</li>
 *   <li>{@code issue-<issue id>}: marker is the issue's {@code updated}, exactly as Jira sent it. Ids, not keys,
 *       because a key changes when the issue moves to another project while its id does not;</li>
 *   <li>{@code attachment-<attachment id>}: marker is the attachment's {@code created}; Jira never changes an
 *       attachment's content (a new version is a new attachment).</li>
 * </ul>
 */
final class JiraDocuments {

    private final Flavor flavor;
    private final String browseBase;
    private final Map<String, String> customFieldNames;

    JiraDocuments(Flavor flavor, String jiraUrl, Map<String, String> customFieldNames) {
        this.flavor = flavor;
        this.browseBase = jiraUrl.endsWith("/") ? jiraUrl.substring(0, jiraUrl.length() - 1) : jiraUrl;
        this.customFieldNames = Map.copyOf(customFieldNames);
    }

    static String projectId(String id) {
        return "project-" + id;
    }

    static String issueId(String id) {
        return "issue-" + id;
    }

    static String attachmentId(String id) {
        return "attachment-" + id;
    }

    SourceDocument project(Project project) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "project");
        fields.put("title", project.name());
        fields.put("project_id", project.id());
        fields.put("key", project.key());
        fields.put("name", project.name());
        put(fields, "description", project.description() == null ? null : richText(project.description()));
        put(fields, "project_type", project.projectTypeKey());
        if (project.lead() != null) {
            put(fields, "lead", project.lead().label());
        }
        put(fields, "project_url", project.url());
        fields.put("url", browseBase + "/browse/" + project.key());
        return SourceDocument.of(projectId(project.id()), hash(fields.toString()), fields);
    }

    SourceDocument issue(Issue issue, List<Comment> comments) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "issue");
        String summary = issue.text("summary");
        fields.put("title", summary == null ? issue.key() : summary);
        fields.put("issue_id", issue.id());
        fields.put("key", issue.key());
        put(fields, "project_key", text(issue.field("project").path("key")));
        put(fields, "project_name", text(issue.field("project").path("name")));
        put(fields, "summary", summary);
        put(fields, "description", richText(issue.field("description")));
        put(fields, "status", issue.nameOf("status"));
        put(fields, "status_category", text(issue.field("status").path("statusCategory").path("name")));
        put(fields, "issue_type", issue.nameOf("issuetype"));
        put(fields, "priority", issue.nameOf("priority"));
        put(fields, "resolution", issue.nameOf("resolution"));
        putList(fields, "labels", issue.strings("labels"));
        putList(fields, "components", issue.strings("components"));
        putList(fields, "fix_versions", issue.strings("fixVersions"));
        putList(fields, "affected_versions", issue.strings("versions"));
        put(fields, "assignee", user(issue.field("assignee"), User::label));
        put(fields, "assignee_id", user(issue.field("assignee"), User::identifier));
        put(fields, "reporter", user(issue.field("reporter"), User::label));
        put(fields, "reporter_id", user(issue.field("reporter"), User::identifier));
        put(fields, "parent_key", text(issue.field("parent").path("key")));
        put(fields, "due_date", text(issue.field("duedate")));
        put(fields, "resolution_date", text(issue.field("resolutiondate")));
        put(fields, "created", issue.created());
        put(fields, "updated", issue.updated());
        List<Map<String, Object>> commentDocs = new ArrayList<>();
        for (Comment comment : comments) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", comment.id());
            if (comment.author() != null) {
                put(doc, "author", comment.author().label());
            }
            put(doc, "created", comment.created());
            put(doc, "updated", comment.updated());
            doc.put("text", richText(comment.body()));
            commentDocs.add(doc);
        }
        if (!commentDocs.isEmpty()) {
            fields.put("comments", commentDocs);
        }
        fields.put("comment_count", commentDocs.size());
        Map<String, Object> custom = new LinkedHashMap<>();
        customFieldNames.forEach((fieldId, name) -> {
            Object value = customValue(issue.field(fieldId));
            if (value != null) {
                custom.put(name, value);
            }
        });
        if (!custom.isEmpty()) {
            fields.put("custom_fields", custom);
        }
        fields.put("attachment_count", issue.field("attachment").size());
        fields.put("url", browseBase + "/browse/" + issue.key());
        String updated = issue.updated();
        return SourceDocument.of(issueId(issue.id()), updated == null ? hash(fields.toString()) : updated, fields);
    }

    SourceDocument attachment(Attachment attachment, Issue issue, io.connectors.api.source.Attachment content) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "attachment");
        fields.put("title", attachment.filename());
        fields.put("attachment_id", attachment.id());
        fields.put("filename", attachment.filename());
        fields.put("size", attachment.size());
        put(fields, "mime_type", attachment.mimeType());
        fields.put("created", attachment.created());
        if (attachment.author() != null) {
            put(fields, "author", attachment.author().label());
        }
        fields.put("issue_id", issue.id());
        fields.put("issue_key", issue.key());
        put(fields, "project_key", text(issue.field("project").path("key")));
        put(fields, "url", attachment.content());
        return new SourceDocument(attachmentId(attachment.id()), attachment.created(), fields, content);
    }

    /** Rich text of this flavour: ADF on Cloud, wiki markup on Server/Data Center; plain strings pass through. */
    String richText(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isTextual()) {
            return richText(node.asText());
        }
        return Adf.toText(node);
    }

    private String richText(String text) {
        return flavor == Flavor.SERVER ? WikiMarkup.toText(text) : text;
    }

    /** A custom field's value in a searchable form: scalars as is, options and users by name, ADF as text. */
    private @Nullable Object customValue(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return richText(node.asText());
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            for (JsonNode element : node) {
                Object value = customValue(element);
                if (value != null) {
                    values.add(value instanceof String || value instanceof Number || value instanceof Boolean
                            ? value : value.toString());
                }
            }
            return values.isEmpty() ? null : values;
        }
        if ("doc".equals(node.path("type").asText())) {
            return Adf.toText(node);
        }
        for (String name : List.of("value", "displayName", "name", "key")) {
            if (node.path(name).isValueNode() && !node.path(name).isNull()) {
                String text = node.path(name).asText();
                JsonNode child = node.path("child").path("value");
                return child.isTextual() ? text + " / " + child.asText() : text;
            }
        }
        return node.toString();
    }

    private static @Nullable String user(JsonNode node, Function<User, @Nullable String> property) {
        if (!node.isObject()) {
            return null;
        }
        User user = AtlassianJson.MAPPER.convertValue(node, User.class);
        return property.apply(user);
    }

    private static @Nullable String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static void put(Map<String, Object> fields, String name, @Nullable Object value) {
        if (value != null && !(value instanceof String text && text.isEmpty())) {
            fields.put(name, value);
        }
    }

    private static void putList(Map<String, Object> fields, String name, List<String> values) {
        if (!values.isEmpty()) {
            fields.put(name, List.copyOf(values));
        }
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
