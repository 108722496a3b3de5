package io.connectors.jira.model;

import org.jspecify.annotations.Nullable;

/** {@code GET /rest/api/2/serverInfo}. {@code deploymentType} is {@code Cloud}, {@code Server} or {@code DataCenter}. */
public record ServerInfo(@Nullable String baseUrl, @Nullable String version, @Nullable String deploymentType,
                         @Nullable String serverTitle) {}
