package io.connectors.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A control document this service cannot read (a field of the wrong type, an unknown status, a job without its
 * connector): it is skipped, never fatal for the documents around it.
 *
 * @param id          the document's id
 * @param reason      what is wrong, naming the field
 * @param serviceType the document's {@code service_type} when it is a string (connectors), else null
 */
public record Malformed(String id, String reason, @Nullable String serviceType) {}
