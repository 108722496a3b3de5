package io.connectors.jira;

import io.connectors.atlassian.QueryRules;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Advanced sync rules of Elastic's Jira connector: {@code [{"query": "<JQL>"}]}, read by {@link QueryRules}. */
final class SyncRules {

    private SyncRules() {}

    /** @throws IllegalArgumentException naming every entry that breaks the shape */
    static List<String> queries(@Nullable Object snippet) {
        return QueryRules.queries(snippet, "JQL");
    }
}
