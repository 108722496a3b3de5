package io.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.api.source.SourceEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Jira Cloud and Data Center webhook bodies to {@link SourceEvent}s. Jira sends {@code {"timestamp", "webhookEvent",
 * "issue": {"id", "key", "fields": {...}}, ...}}; the daemon never indexes what the body says, it re-fetches the
 * issue ({@link JiraDataSource#refresh}), so only the event type and the ids are read here:
 * <ul>
 *   <li>{@code jira:issue_created}, {@code jira:issue_updated}, {@code comment_created|updated|deleted},
 *       {@code attachment_created}: refresh the issue (its id is the subject);</li>
 *   <li>{@code jira:issue_deleted}: remove the issue's document and those of the attachments the body lists;</li>
 *   <li>{@code attachment_deleted}: remove the attachment's document (and refresh its issue when the body names it);</li>
 *   <li>anything else (worklogs, projects, sprints, versions, users...): ignored.</li>
 * </ul>
 * An {@code attachment_created} without an issue (Jira Cloud sends the attachment alone) is ignored: the
 * {@code jira:issue_updated} Jira sends for the same change refreshes the issue.
 */
final class JiraEvents {

    static final String ISSUE_CREATED = "jira:issue_created";
    static final String ISSUE_UPDATED = "jira:issue_updated";
    static final String ISSUE_DELETED = "jira:issue_deleted";
    private static final List<String> REFRESHING = List.of(ISSUE_CREATED, ISSUE_UPDATED, "comment_created",
            "comment_updated", "comment_deleted", "attachment_created");
    private static final Pattern ID = Pattern.compile("\\d{1,18}");

    private JiraEvents() {
    }

    static SourceEvent read(byte[] body) {
        JsonNode root;
        try {
            root = io.connectors.atlassian.AtlassianJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("webhookEvent").isTextual()) {
            throw new IllegalArgumentException("the body has no webhookEvent");
        }
        String type = root.path("webhookEvent").asText();
        JsonNode issue = root.path("issue");
        String issueId = id(issue.path("id"), "issue.id");
        String label = issue.path("key").isTextual() ? issue.path("key").asText() : issueId == null ? "" : issueId;
        if (REFRESHING.contains(type)) {
            if (issueId == null) {
                if (type.equals("attachment_created")) {
                    return SourceEvent.ignore(type);
                }
                throw new IllegalArgumentException(type + " without issue.id");
            }
            return SourceEvent.refresh(type, issueId, label);
        }
        if (type.equals(ISSUE_DELETED)) {
            if (issueId == null) {
                throw new IllegalArgumentException(type + " without issue.id");
            }
            List<String> removed = new ArrayList<>();
            removed.add(JiraDocuments.issueId(issueId));
            for (JsonNode attachment : issue.path("fields").path("attachment")) {
                String attachmentId = id(attachment.path("id"), "issue.fields.attachment[].id");
                if (attachmentId != null) {
                    removed.add(JiraDocuments.attachmentId(attachmentId));
                }
            }
            return SourceEvent.remove(type, issueId, label, removed);
        }
        if (type.equals("attachment_deleted")) {
            String attachmentId = id(root.path("attachment").path("id"), "attachment.id");
            if (attachmentId == null) {
                throw new IllegalArgumentException(type + " without attachment.id");
            }
            String document = JiraDocuments.attachmentId(attachmentId);
            return issueId == null ? SourceEvent.remove(type, document, document, List.of(document))
                    : SourceEvent.refresh(type, issueId, label).withRemovedIds(List.of(document));
        }
        return SourceEvent.ignore(type);
    }

    /** A Jira id (digits, as text or number), null when absent; anything else is refused. */
    private static String id(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        if (!ID.matcher(text).matches()) {
            throw new IllegalArgumentException(where + " is not a Jira id");
        }
        return text;
    }
}
