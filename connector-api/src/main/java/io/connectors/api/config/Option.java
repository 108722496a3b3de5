package io.connectors.api.config;

import java.util.Objects;

/**
 * One choice of a {@link Display#DROPDOWN dropdown} field: an entry of the {@code options} list of
 * Elastic's connector document. When a field declares options, its value must be one of their
 * values (every entry must be, for a list field). {@link ConfigField} normalizes {@code value} to
 * the field's type when it is built.
 *
 * @param label what Kibana shows
 * @param value what is stored when the option is picked
 */
public record Option(String label, Object value) {

    public Option {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }

    /** An option labelled with its own value, for choices that read well as they are. */
    public static Option of(Object value) {
        return new Option(String.valueOf(value), value);
    }
}
