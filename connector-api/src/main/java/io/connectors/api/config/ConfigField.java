package io.connectors.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The declaration of one configuration setting of a data source: one entry of the
 * {@code configuration} object of Elastic's connector document, minus the current value.
 *
 * <p>Declare fields with the fluent entry points and gather them in a {@link ConfigSchema}:
 * <pre>{@code
 * ConfigField.string("jira_url").label("Jira host url").tooltip("e.g. https://acme.atlassian.net").build();
 * ConfigField.integer("retry_count").label("Retries").defaultValue(3).validation(Validation.lessThan(10)).build();
 * ConfigField.string("api_token").label("API token").sensitive().dependsOn("data_source", "jira_cloud").build();
 * }</pre>
 *
 * <p>The canonical constructor checks the declaration as a whole, so a mistake fails when the
 * source is loaded, not when a user configures it. It normalizes {@link #defaultValue()} and the
 * {@link Option#value() option values} to the field's {@link FieldType} (a blank default becomes
 * null) and rejects:
 * <ul>
 *   <li>a blank key or label, or a negative order;
 *   <li>a default or option value the type cannot hold, or a default that breaks the field's own
 *       options or validations;
 *   <li>a {@link Validation} that does not apply to the type (e.g. {@code less_than} on a str);
 *   <li>{@link Display#TOGGLE} on a non-bool, {@link Display#NUMERIC} on a non-int, or
 *       {@link Display#DROPDOWN} without options;
 *   <li>a dependency on the field itself.
 * </ul>
 * Unknown dependency targets are only detectable, and rejected, by {@link ConfigSchema#of}.
 *
 * @param key the configuration key, e.g. {@code "jira_url"}
 * @param label the human name Kibana shows and problem messages quote
 * @param type the value type
 * @param display the Kibana widget
 * @param defaultValue the value used when none is set, in the type's Java representation (see
 *     {@link FieldType}); null for none
 * @param required whether a value (set or default) must exist when the field applies. Elastic's
 *     convention, and the builder's default, is required
 * @param sensitive whether the value is a secret: never printed, logged or echoed in problems
 * @param order the 1-based position in Kibana's form; 0 means "not set yet" and is replaced by the
 *     declaration position in {@link ConfigSchema#of}
 * @param tooltip the help text shown next to the field, or null
 * @param dependsOn the conditions, all of which must hold for the field to apply
 * @param options the choices of a dropdown; the value must be one of them when non-empty
 * @param validations the rules the value must obey when the field applies
 * @param uiRestrictions Kibana hints such as {@code "advanced"}
 */
public record ConfigField(
        String key,
        String label,
        FieldType type,
        Display display,
        @Nullable Object defaultValue,
        boolean required,
        boolean sensitive,
        int order,
        @Nullable String tooltip,
        List<Dependency> dependsOn,
        List<Option> options,
        List<Validation> validations,
        List<String> uiRestrictions) {

    /** Longest value text quoted in a problem message; configuration values can be documents. */
    private static final int MAX_ECHO = 80;

    /** @throws IllegalArgumentException if the declaration is inconsistent, as listed above */
    public ConfigField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(display, "display");
        if (key.isBlank()) {
            throw new IllegalArgumentException("Configuration key must not be blank");
        }
        if (label.isBlank()) {
            throw new IllegalArgumentException(key + ": label must not be blank");
        }
        if (order < 0) {
            throw new IllegalArgumentException(key + ": order must not be negative, got " + order);
        }
        dependsOn = List.copyOf(dependsOn);
        options = normalizedOptions(key, type, options);
        validations = List.copyOf(validations);
        uiRestrictions = List.copyOf(uiRestrictions);
        for (Dependency dependency : dependsOn) {
            if (dependency.field().equals(key)) {
                throw new IllegalArgumentException(key + ": a field cannot depend on itself");
            }
        }
        for (Validation validation : validations) {
            if (!validation.appliesTo(type)) {
                throw new IllegalArgumentException(
                        key + ": validation " + validation.type() + " does not apply to " + type.wireName() + " fields");
            }
        }
        checkDisplay(key, type, display, options);
        try {
            defaultValue = type.normalize(defaultValue);
        } catch (IllegalArgumentException badDefault) {
            throw new IllegalArgumentException(key + ": default value " + badDefault.getMessage(), badDefault);
        }
        if (defaultValue != null) {
            List<Violation> violations = violations(defaultValue, type, options, validations);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(key + ": default value " + violations.getFirst().predicate());
            }
        }
    }

    /** Starts a {@link FieldType#STR str} field, shown as {@link Display#TEXT}. */
    public static Builder string(String key) {
        return new Builder(key, FieldType.STR);
    }

    /** Starts an {@link FieldType#INT int} field, shown as {@link Display#NUMERIC}. */
    public static Builder integer(String key) {
        return new Builder(key, FieldType.INT);
    }

    /** Starts a {@link FieldType#BOOL bool} field, shown as {@link Display#TOGGLE}, defaulting to false. */
    public static Builder bool(String key) {
        return new Builder(key, FieldType.BOOL);
    }

    /** Starts a {@link FieldType#LIST list} field, shown as {@link Display#TEXTAREA}. */
    public static Builder list(String key) {
        return new Builder(key, FieldType.LIST);
    }

    /** This field at another position; used by {@link ConfigSchema} to number fields left at 0. */
    ConfigField withOrder(int newOrder) {
        return new ConfigField(key, label, type, display, defaultValue, required, sensitive, newOrder, tooltip,
                dependsOn, options, validations, uiRestrictions);
    }

    /**
     * The Java representation of a raw value, or null when it is unset.
     *
     * @throws IllegalArgumentException whose message is the predicate the value failed
     */
    @Nullable Object normalize(@Nullable Object raw) {
        return type.normalize(raw);
    }

    /** Every option and validation a normalized, set value breaks, as problems about this field. */
    List<ConfigurationProblem> check(Object value) {
        return violations(value, type, options, validations).stream()
                .map(violation -> problem(violation.predicate(), violation.offending()))
                .toList();
    }

    /**
     * A problem about this field: {@code 'Label' (key) <predicate>, got <offending>}. The offending
     * value is left out when it is null or the field is sensitive, so a secret is never echoed.
     */
    ConfigurationProblem problem(String predicate, @Nullable Object offending) {
        StringBuilder message = new StringBuilder()
                .append('\'').append(label).append("' (").append(key).append(") ").append(predicate);
        if (offending != null && !sensitive) {
            message.append(", got ").append(echo(offending));
        }
        return new ConfigurationProblem(key, label, message.toString());
    }

    private static String echo(Object value) {
        boolean quoted = !(value instanceof Number || value instanceof Boolean);
        String text = FieldType.text(value);
        if (text.length() > MAX_ECHO) {
            text = text.substring(0, MAX_ECHO) + "...";
        }
        return quoted ? "'" + text + "'" : text;
    }

    private static List<Violation> violations(Object value, FieldType type, List<Option> options, List<Validation> validations) {
        List<Violation> violations = new ArrayList<>();
        if (!options.isEmpty()) {
            List<String> allowed = options.stream().map(option -> FieldType.text(option.value())).toList();
            List<?> entries = value instanceof List<?> list ? list : List.of(value);
            entries.stream()
                    .filter(entry -> !allowed.contains(FieldType.text(entry)))
                    .findFirst()
                    .ifPresent(entry -> violations.add(new Violation(
                            (type == FieldType.LIST ? "must only contain values from " : "must be one of ") + allowed, entry)));
        }
        for (Validation validation : validations) {
            Object offending = validation.violation(value, type);
            if (offending != null) {
                violations.add(new Violation(validation.describe(type), offending));
            }
        }
        return violations;
    }

    private static List<Option> normalizedOptions(String key, FieldType type, List<Option> options) {
        List<Option> normalized = new ArrayList<>(options.size());
        for (Option option : options) {
            Object value;
            try {
                value = type.elementType().normalize(option.value());
            } catch (IllegalArgumentException badValue) {
                throw new IllegalArgumentException(key + ": option '" + option.label() + "' " + badValue.getMessage(), badValue);
            }
            if (value == null) {
                throw new IllegalArgumentException(key + ": option '" + option.label() + "' has an empty value");
            }
            normalized.add(new Option(option.label(), value));
        }
        return List.copyOf(normalized);
    }

    private static void checkDisplay(String key, FieldType type, Display display, List<Option> options) {
        if (display == Display.TOGGLE && type != FieldType.BOOL
                || display == Display.NUMERIC && type != FieldType.INT) {
            throw new IllegalArgumentException(
                    key + ": display " + display.wireName() + " does not fit a " + type.wireName() + " field");
        }
        if (display == Display.DROPDOWN && options.isEmpty()) {
            throw new IllegalArgumentException(key + ": a dropdown needs options");
        }
    }

    /** What a value breaks: the rule's predicate and the offending value or list entry. */
    private record Violation(String predicate, Object offending) {}

    /**
     * Fluent declaration of a {@link ConfigField}; obtained from {@link #string}, {@link #integer},
     * {@link #bool} or {@link #list}. Unless told otherwise a field is labelled with its key,
     * required, not sensitive, without default (a bool defaults to false), numbered by its position
     * in the schema, and shown with its type's usual widget, or as a dropdown once it has options.
     * A builder is not thread-safe; {@link #build()} can be called repeatedly.
     */
    public static final class Builder {
        private final String key;
        private final FieldType type;
        private @Nullable String label;
        private @Nullable Display display;
        private @Nullable Object defaultValue;
        private boolean required = true;
        private boolean sensitive;
        private int order;
        private @Nullable String tooltip;
        private final List<Dependency> dependsOn = new ArrayList<>();
        private List<Option> options = List.of();
        private final List<Validation> validations = new ArrayList<>();
        private final List<String> uiRestrictions = new ArrayList<>();

        private Builder(String key, FieldType type) {
            this.key = Objects.requireNonNull(key, "key");
            this.type = type;
            // A toggle always shows a state, so an unset bool reads as off.
            this.defaultValue = type == FieldType.BOOL ? Boolean.FALSE : null;
        }

        /** The human name; defaults to the key. */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * The value used when none is set, as the native type or text the type can read
         * (see {@link FieldType}); null or blank for none.
         */
        public Builder defaultValue(@Nullable Object defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        /** A value (set or default) must exist whenever the field applies. The default. */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** The field may be left unset. */
        public Builder optional() {
            this.required = false;
            return this;
        }

        /** The value is a secret: masked in Kibana, in {@code toString} and logs, never echoed in problems. */
        public Builder sensitive() {
            this.sensitive = true;
            return this;
        }

        /**
         * The 1-based position in Kibana's form, when declaration order is not the wanted one.
         *
         * @throws IllegalArgumentException if {@code order} is below 1
         */
        public Builder order(int order) {
            if (order < 1) {
                throw new IllegalArgumentException(key + ": order must be at least 1, got " + order);
            }
            this.order = order;
            return this;
        }

        /** The help text shown next to the field, also the description in {@link ConfigSchema#markdown()}. */
        public Builder tooltip(@Nullable String tooltip) {
            this.tooltip = tooltip;
            return this;
        }

        /** The Kibana widget, instead of the type's usual one. */
        public Builder display(Display display) {
            this.display = Objects.requireNonNull(display, "display");
            return this;
        }

        /** The field applies only when {@code field} holds {@code value}; repeated calls must all hold. */
        public Builder dependsOn(String field, Object value) {
            dependsOn.add(new Dependency(field, value));
            return this;
        }

        /** The allowed choices, replacing earlier ones; a field with options shows as a dropdown by default. */
        public Builder options(Option... options) {
            this.options = List.of(options);
            return this;
        }

        /** Adds a rule the value must obey. */
        public Builder validation(Validation validation) {
            validations.add(Objects.requireNonNull(validation, "validation"));
            return this;
        }

        /** Adds a Kibana hint such as {@code "advanced"}. */
        public Builder uiRestriction(String restriction) {
            uiRestrictions.add(Objects.requireNonNull(restriction, "restriction"));
            return this;
        }

        /** @throws IllegalArgumentException if the declaration is inconsistent (see {@link ConfigField}) */
        public ConfigField build() {
            return new ConfigField(key, label != null ? label : key, type, display != null ? display : defaultDisplay(),
                    defaultValue, required, sensitive, order, tooltip, dependsOn, options, validations, uiRestrictions);
        }

        private Display defaultDisplay() {
            if (!options.isEmpty()) {
                return Display.DROPDOWN;
            }
            return switch (type) {
                case STR -> Display.TEXT;
                case INT -> Display.NUMERIC;
                case BOOL -> Display.TOGGLE;
                case LIST -> Display.TEXTAREA;
            };
        }
    }

    @Override
    public String toString() {
        // The default of a sensitive field may be a real secret.
        return "ConfigField[" + key + ": " + type.wireName() + (sensitive ? ", sensitive" : ", default=" + defaultValue) + "]";
    }
}
