package io.connectors.jira.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** One comment; {@code body} is ADF (Cloud, v3) or wiki-markup text (Server, v2). */
public record Comment(String id, @Nullable User author, @Nullable JsonNode body, @Nullable String created,
                      @Nullable String updated) {}
