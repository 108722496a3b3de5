package io.connectors.jira.model;

import org.jspecify.annotations.Nullable;

/** {@code GET /rest/api/{2,3}/project[/{key}]}, {@code /rest/api/3/project/search} values. */
public record Project(String id, String key, String name, @Nullable String description, @Nullable User lead,
                      @Nullable String projectTypeKey, @Nullable String url, @Nullable Boolean archived,
                      @Nullable String self) {}
