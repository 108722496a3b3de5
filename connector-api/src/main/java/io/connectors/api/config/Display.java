package io.connectors.api.config;

import java.util.Locale;

/**
 * How Kibana renders a configuration field: the {@code display} of an entry in Elastic's connector
 * {@code configuration} document. The wire name is the lower-case constant name.
 *
 * <p>{@link #TOGGLE} is only meaningful for {@link FieldType#BOOL} and {@link #NUMERIC} only for
 * {@link FieldType#INT}; {@link #DROPDOWN} needs {@link ConfigField#options() options}.
 * {@link ConfigField} rejects other combinations when it is built.
 */
public enum Display {
    /** A single-line text input; the default for {@link FieldType#STR}. */
    TEXT,
    /** A single-line text box. */
    TEXTBOX,
    /** A multi-line text area; the default for {@link FieldType#LIST} (comma-separated entries). */
    TEXTAREA,
    /** A number input; the default for {@link FieldType#INT}. */
    NUMERIC,
    /** An on/off switch; the default for {@link FieldType#BOOL}. */
    TOGGLE,
    /** A choice among the field's options. */
    DROPDOWN;

    /** The name stored in the connector document, e.g. {@code "textarea"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant stored under {@code wireName} in a connector document, ignoring case.
     *
     * @throws IllegalArgumentException if no display has that name
     */
    public static Display fromWire(String wireName) {
        for (Display display : values()) {
            if (display.wireName().equalsIgnoreCase(wireName.strip())) {
                return display;
            }
        }
        throw new IllegalArgumentException("Unknown display '" + wireName + "'");
    }
}
