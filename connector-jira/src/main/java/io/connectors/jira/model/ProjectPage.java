package io.connectors.jira.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of {@code GET /rest/api/3/project/search}. */
public record ProjectPage(@Nullable List<Project> values, @Nullable Boolean isLast, int startAt, int maxResults,
                          @Nullable Long total) {

    public List<Project> projects() {
        return values == null ? List.of() : values;
    }
}
