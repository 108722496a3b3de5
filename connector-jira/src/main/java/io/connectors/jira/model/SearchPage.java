package io.connectors.jira.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of issue search. Cloud ({@code /rest/api/3/search/jql}) pages with {@code nextPageToken} (absent or null
 * on the last page) and {@code isLast}; Server/Data Center ({@code /rest/api/2/search}) with
 * {@code startAt}/{@code maxResults}/{@code total}.
 */
public record SearchPage(@Nullable List<Issue> issues, @Nullable String nextPageToken, @Nullable Boolean isLast,
                         @Nullable Integer startAt, @Nullable Integer maxResults, @Nullable Integer total) {

    public List<Issue> list() {
        return issues == null ? List.of() : issues;
    }
}
