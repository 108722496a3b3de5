package io.connectors.api.config;

import java.util.Objects;

/**
 * A condition under which a {@link ConfigField} applies: the field named {@code field} holds
 * {@code value}. It is one entry of the {@code depends_on} list of Elastic's connector document.
 *
 * <p>A field applies only when every one of its dependencies holds; otherwise it is neither
 * required nor validated (its value, if any, is still resolved). {@code value} is compared with the
 * other field's resolved value after reading it as that field's {@link FieldType}, so
 * {@code "true"} matches a toggle that is on; an empty text matches a field that is not set.
 * {@link ConfigSchema#of} rejects a dependency on an undeclared field or with a value that field's
 * type cannot hold.
 *
 * @param field the key of the field this depends on
 * @param value the value that field must have
 */
public record Dependency(String field, Object value) {

    /** @throws IllegalArgumentException if {@code field} is blank */
    public Dependency {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        if (field.isBlank()) {
            throw new IllegalArgumentException("Dependency field must not be blank");
        }
    }
}
