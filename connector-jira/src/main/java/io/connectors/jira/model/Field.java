package io.connectors.jira.model;

import org.jspecify.annotations.Nullable;

/** One entry of {@code GET /rest/api/{2,3}/field}: a system or custom field with its display name. */
public record Field(String id, @Nullable String key, String name, boolean custom) {}
