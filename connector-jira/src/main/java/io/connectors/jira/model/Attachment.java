package io.connectors.jira.model;

import org.jspecify.annotations.Nullable;

/** An entry of an issue's {@code attachment} field. {@code created} is kept as the exact text Jira sent. */
public record Attachment(String id, String filename, long size, @Nullable String mimeType, String created,
                         @Nullable User author, @Nullable String content) {}
