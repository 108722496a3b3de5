package io.connectors.jira.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code comment} field of an issue, and a page of {@code GET /rest/api/{2,3}/issue/{id}/comment}: paged by
 * {@code startAt}/{@code maxResults}/{@code total}.
 */
public record CommentPage(@Nullable List<Comment> comments, int startAt, int maxResults, int total) {

    public List<Comment> list() {
        return comments == null ? List.of() : comments;
    }
}
