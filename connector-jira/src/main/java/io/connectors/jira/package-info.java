/**
 * The Jira connector: {@link io.connectors.jira.JiraDataSource} (what to sync), {@code JiraClient} (HTTP, auth,
 * paging of both API flavours), {@code Jql} (a query builder that escapes), {@code Adf} and {@code WikiMarkup}
 * (descriptions and comments to plain text).
 */
@NullMarked
package io.connectors.jira;

import org.jspecify.annotations.NullMarked;
