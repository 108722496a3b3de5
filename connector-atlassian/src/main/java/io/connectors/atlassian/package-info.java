/**
 * What the Atlassian sources (Jira, Confluence) share: the three deployments and their authentication modes with
 * Elastic's configuration keys, JSON over the runtime's source HTTP client, and the products' error messages.
 * Depends on connector-api and Jackson only.
 */
@NullMarked
package io.connectors.atlassian;

import org.jspecify.annotations.NullMarked;
