package io.connectors.api.config;

import java.util.Objects;

/**
 * One thing wrong with a source's configuration, as found by {@link ConfigSchema#validate} or
 * carried by {@link ConfigurationProblemsException}.
 *
 * <p>{@code message} is a whole sentence meant for the user, naming the field by label and key,
 * e.g. {@code 'Retries' (retry_count) must be less than 10, got 12}. Messages about a sensitive
 * field never contain its value, so they are safe to log and to store in the connector document.
 *
 * @param key the configuration key the problem is about
 * @param label that field's label
 * @param message the user-facing description
 */
public record ConfigurationProblem(String key, String label, String message) {

    public ConfigurationProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(message, "message");
    }
}
